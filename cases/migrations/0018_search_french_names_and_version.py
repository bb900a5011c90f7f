"""The names a case is filed under are read from the terms' French columns, which modeltranslation writes
(an `update(name=…)` writes nothing else), the original column where that is empty; and the search data has
a version kept by the database, moved on at the commit of each transaction that changes what a search
reads, whatever path wrote it, which keys what is kept until the content changes (cases.search.schema,
foundation.cache). Every search row is written again."""

from django.db import migrations

import cases.search.schema


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0017_search_names_apart"),
        ("reference", "0003_english_names"),
    ]

    operations = [migrations.RunPython(cases.search.schema.install, migrations.RunPython.noop)]
