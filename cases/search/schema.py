"""The database side of the search: PostgreSQL's triggers and SQLite's FTS5 table.

PostgreSQL: `cases_search_refresh(ids)` writes the search rows of these cases from the live tables, and
statement-level triggers on every table a row is made of (the cases, their tag tables, participations,
organisations and the vocabulary and territory terms) call it in the same statement as the write, so that
no save path, `update()`, `loaddata` or restore leaves a row behind. The function and triggers are written
from `cases.facets.FACETS`: a migration that adds a facet runs `install` again.

SQLite (the embedded demo): an FTS5 table of each case's folded title, summary and other text, written by
`cases.search.index` after each change (SQLite cannot fold ligatures itself).
"""

from cases.facets import FACETS
from cases.models import Case, Organization, Participation
from cases.search import words as search_words
from cases.search.query import CONFIG
from foundation.reference.models import Department, Region

ENTRIES = "cases_searchentry"
FTS = "cases_search_fts"


def _tags_sql(facets) -> str:
    # Two organisations of the same kind in a case make one tag, as the facet counts cases.
    return " || ".join(
        f"ARRAY(SELECT DISTINCT '{facet.param}:' || t.{facet.value_field} FROM {facet.join_sql}"  # noqa: S608
        " WHERE x.case_id = c.id)"
        for facet in facets
    )


def _names_sql(facets) -> str:
    """Everything a case is found by besides its title and summary (the C-weighted part)."""
    parts = ["c.body", "c.outcomes", "c.place"]
    for facet in facets:
        if facet.case_field is not None and facet.tag:
            parts.append(f"(SELECT string_agg(t.name, ' ') FROM {facet.join_sql} WHERE x.case_id = c.id)")  # noqa: S608
    departments = Case._meta.get_field("departments")
    parts.append(
        f"(SELECT string_agg(r.name, ' ') FROM {departments.remote_field.through._meta.db_table} x"  # noqa: S608
        f" JOIN {Department._meta.db_table} d ON d.code = x.{departments.m2m_reverse_name()}"
        f" JOIN {Region._meta.db_table} r ON r.code = d.region_id WHERE x.case_id = c.id)"
    )
    parts.append(
        f"(SELECT string_agg(o.name, ' ') FROM {Participation._meta.db_table} p"  # noqa: S608
        f" JOIN {Organization._meta.db_table} o ON o.id = p.organization_id WHERE p.case_id = c.id)"
    )
    return "concat_ws(' ', " + ", ".join(parts) + ")"


def _text_sql(field: str, english: bool) -> str:
    """A case's title or summary, with the curator's English after the French (French configuration both)."""
    return f"concat_ws(' ', c.{field}, c.{field}_en)" if english else f"coalesce(c.{field}, '')"


def refresh_function_sql(facets, english: bool = True) -> str:
    title, summary = _text_sql("title", english), _text_sql("summary", english)
    return f"""
        CREATE OR REPLACE FUNCTION cases_search_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO {ENTRIES} AS e (case_id, document, title_vector, summary_vector, tags)
            SELECT c.id,
                setweight(to_tsvector('{CONFIG}', {title}), 'A')
                || setweight(to_tsvector('{CONFIG}', {summary}), 'B')
                || setweight(to_tsvector('{CONFIG}', {_names_sql(facets)}), 'C')
                || array_to_tsvector(t.tags),
                to_tsvector('{CONFIG}', {title}), to_tsvector('{CONFIG}', {summary}),
                t.tags
            FROM {Case._meta.db_table} AS c, LATERAL (SELECT {_tags_sql(facets)} AS tags) AS t
            WHERE c.id = ANY(ids)
            ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document,
                title_vector = EXCLUDED.title_vector, summary_vector = EXCLUDED.summary_vector,
                tags = EXCLUDED.tags
        $$;
        CREATE OR REPLACE FUNCTION cases_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids bigint[];
        BEGIN
            -- A bulk load defers the rows to its end (cases.search.index.defer_search_rows).
            IF current_setting('cases.search_deferred', true) = 'on' THEN RETURN NULL; END IF;
            EXECUTE 'SELECT array_agg(DISTINCT id) FROM (' || TG_ARGV[0] || ') AS s (id)' INTO ids;
            IF ids IS NOT NULL THEN PERFORM cases_search_refresh(ids); END IF;
            RETURN NULL;
        END $$;
    """  # noqa: S608


def _facets(tables: set[str] | None, case_columns: set[str] | None = None) -> list:
    """The facets whose tables and columns exist (all when `tables` is None): an early migration runs before
    a later one creates a new vocabulary's tables (or the case's column), and that one runs `install` again."""
    if tables is None:
        return FACETS
    return [
        facet
        for facet in FACETS
        if (facet.on_case and facet.value_field in (case_columns or set()))
        or (not facet.on_case and (facet.case_field is None or _tables(facet) <= tables))
    ]


def _case_columns(connection, cursor) -> set[str]:
    return {column.name for column in connection.introspection.get_table_description(cursor, Case._meta.db_table)}


def _tables(facet) -> set[str]:
    return {facet.through_table, facet.model._meta.db_table}


def _watched(facets) -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, SQL of the changed cases' ids from the transition table `changed`, events) per table."""
    watched = [(Case._meta.db_table, "SELECT id FROM changed", ("INSERT", "UPDATE"))]
    participations = Participation._meta.db_table
    watched.append((participations, "SELECT case_id FROM changed", ("INSERT", "UPDATE", "DELETE")))
    watched.append(
        (
            Organization._meta.db_table,
            f"SELECT p.case_id FROM {participations} p JOIN changed ON changed.id = p.organization_id",  # noqa: S608
            ("UPDATE",),
        )
    )
    for facet in facets:
        if facet.case_field is None:
            continue
        through, term, column = facet.through_table, facet.model._meta, facet.term_column
        watched.append((through, "SELECT case_id FROM changed", ("INSERT", "UPDATE", "DELETE")))
        watched.append(
            (
                term.db_table,
                f"SELECT x.case_id FROM {through} x JOIN changed ON changed.{term.pk.column} = x.{column}",  # noqa: S608
                ("UPDATE",),
            )
        )
    # A region's name is in the text of the cases of its departments.
    departments = Case._meta.get_field("departments")
    watched.append(
        (
            Region._meta.db_table,
            f"SELECT x.case_id FROM {departments.remote_field.through._meta.db_table} x"  # noqa: S608
            f" JOIN {Department._meta.db_table} d ON d.code = x.{departments.m2m_reverse_name()}"
            " JOIN changed ON changed.code = d.region_id",
            ("UPDATE",),
        )
    )
    return watched


def triggers_sql(facets) -> list[str]:
    statements = []
    for table, ids_sql, events in _watched(facets):
        for event in events:
            name = f"search_after_{event.lower()}"
            transition = "OLD TABLE AS changed" if event == "DELETE" else "NEW TABLE AS changed"
            argument = ids_sql.replace("'", "''")
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION cases_search_changed('{argument}')",
            ]
    return statements


def missing_triggers() -> int:
    """How many of the search's triggers are missing or disabled (`ALTER TABLE … DISABLE TRIGGER`, a restore
    that left them off): the rows then no longer follow the writes. PostgreSQL only (0 elsewhere)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    expected = {
        (table, f"search_after_{event.lower()}") for table, _ids, events in _watched(FACETS) for event in events
    }
    expected |= search_words.trigger_names()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE 'search\\_%%' AND t.tgenabled <> 'D'"
        )
        return len(expected - set(cursor.fetchall()))


def install(apps=None, schema_editor=None) -> None:
    """Create (or rewrite) the search's functions and triggers, then refresh every search row (PostgreSQL);
    create the FTS5 table (SQLite). Idempotent: a migration that changes the facets runs it again."""
    from django.db import connection

    connection = schema_editor.connection if schema_editor is not None else connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = _case_columns(connection, cursor)
            facets = _facets(set(connection.introspection.table_names(cursor)), columns)
            cursor.execute(refresh_function_sql(facets, english="title_en" in columns))
            for statement in triggers_sql(facets):
                cursor.execute(statement)
            cursor.execute(f"SELECT cases_search_refresh(ARRAY(SELECT id FROM {Case._meta.db_table}))")  # noqa: S608
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title, summary, rest,"
                " tokenize = 'unicode61 remove_diacritics 2')"
            )


def uninstall(apps=None, schema_editor=None) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            facets = _facets(set(connection.introspection.table_names(cursor)), _case_columns(connection, cursor))
            for table, _ids_sql, events in _watched(facets):
                for event in events:
                    cursor.execute(f"DROP TRIGGER IF EXISTS search_after_{event.lower()} ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS cases_search_changed()")
            cursor.execute("DROP FUNCTION IF EXISTS cases_search_refresh(bigint[])")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
