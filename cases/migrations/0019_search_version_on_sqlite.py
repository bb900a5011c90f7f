"""SQLite (the demo) keeps the search data's version too, moved on by the triggers of its search text
(cases.search.schema), so that what is kept until the content changes follows an `update()` there as well.
Nothing to do on PostgreSQL, where `0018` made it."""

from django.db import migrations

import cases.search.schema


def sqlite_version(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        cases.search.schema.install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("cases", "0018_search_french_names_and_version")]

    operations = [migrations.RunPython(sqlite_version, migrations.RunPython.noop)]
