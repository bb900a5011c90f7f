"""The names a case is filed under (its tags' names, its departments' regions, its organisations) are kept
apart in its document vector (weight D), so that renaming a term, an organisation or a region rewrites only
those names and the tags of its cases, without reading their text again (cases.search.schema). Every
search row is written again."""

from django.db import migrations

import cases.search.schema


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_search_data_by_triggers_on_sqlite")]

    operations = [migrations.RunPython(cases.search.schema.install, migrations.RunPython.noop)]
