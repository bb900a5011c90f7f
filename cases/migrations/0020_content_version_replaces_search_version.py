"""The search data's own version gives way to the content's version, which the database keeps for every
content table (foundation.versions, made after the migrations): the search's trigger function no longer
writes it, and its table, functions and triggers go."""

from django.db import migrations

import cases.search.schema

_POSTGRESQL = """
    DROP TRIGGER IF EXISTS search_version_after_truncate ON cases_case;
    DROP TABLE IF EXISTS cases_search_written, cases_search_version;
    DROP FUNCTION IF EXISTS cases_search_written(), cases_search_committed(), cases_search_truncated();
"""


def forwards(apps, schema_editor) -> None:
    cases.search.schema.install(apps, schema_editor)  # the trigger function, without the old version
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(_POSTGRESQL)
        else:
            cursor.execute("DROP TABLE IF EXISTS cases_search_version")


class Migration(migrations.Migration):
    dependencies = [("cases", "0019_search_version_on_sqlite")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
