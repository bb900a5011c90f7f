"""SQLite's FTS5 text is written by SQLite's own triggers, as PostgreSQL's search rows are by its own, and
PostgreSQL's triggers note the cases a deferred bulk load changes (cases.search.schema). Every case's
search data is written again."""

from django.db import migrations

import cases.search.schema


class Migration(migrations.Migration):
    dependencies = [("cases", "0015_search_tags_in_document")]

    operations = [migrations.RunPython(cases.search.schema.install, migrations.RunPython.noop)]
