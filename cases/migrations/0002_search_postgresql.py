"""PostgreSQL search: extensions, the french_unaccent configuration and the indexes.

Run only on PostgreSQL; the SQLite demo searches a normalised text column instead.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = [
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
           CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
           ALTER TEXT SEARCH CONFIGURATION french_unaccent
             ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
         END IF;
       END $$""",
    "CREATE INDEX IF NOT EXISTS case_search_vector_gin ON cases_case USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS case_title_trgm ON cases_case USING gin (title gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS case_title_trgm",
    "DROP INDEX IF EXISTS case_search_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    # The extensions are skipped on SQLite by Django's own operations; pg_trgm also gives the zero-result
    # help its closest words (cases.search.postgres).
    operations = [UnaccentExtension(), TrigramExtension(), migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
