"""The database side of the search: the search data is written by the database itself, in the statement
that changes a case, its tags, its organisations or a term's name, so that no save path, `update()`,
`loaddata` or restore leaves it behind.

PostgreSQL: `cases_search_refresh(ids)` writes the search rows of these cases from the live tables, and
statement-level triggers on every table a row is made of call it. SQLite (the embedded demo): an FTS5 table
of each case's title, summary and other text (`text_sql`, the same text), rewritten by row-level triggers.
What is kept until the content changes follows these writes through the content's version
(foundation.versions), which the same statements move on.
Both are written from `cases.facets.FACETS`: a migration that adds a facet runs `install` again.
"""

from django.conf import settings

from cases.facets import FACETS
from cases.models import Case, Organization, Participation
from cases.search import words as search_words
from cases.search.query import CONFIG, LIGATURES
from foundation.reference.models import Department, Region
from foundation.reference.translated import french_sql

ENTRIES = "cases_searchentry"
FTS = "cases_search_fts"
PENDING = "cases_search_pending"  # PostgreSQL: the cases a deferred block changed (cases.search.index)


def _tags_sql(facets) -> str:
    # Two organisations of the same kind in a case make one tag, as the facet counts cases.
    return " || ".join(
        f"ARRAY(SELECT DISTINCT '{facet.param}:' || t.{facet.value_field} FROM {facet.join_sql}"  # noqa: S608
        " WHERE x.case_id = c.id)"
        for facet in facets
    )


def _name_sql(alias: str, model, french: bool) -> str:
    """SQL of a term's (`alias`) name in French; `french` False: the French columns do not exist yet (a
    migration before they were added)."""
    return french_sql(alias, model) if french else f"{alias}.name"


def _parts_sql(facets, english: bool, vendor: str, french: bool = True) -> tuple[str, str, str, str]:
    """SQL of a case `c`'s title and summary (the curator's English after the French), its own text (body,
    outcomes, place) and the names it is filed under (its tags' names, its departments' regions, its
    organisations)."""
    aggregate = "string_agg" if vendor == "postgresql" else "group_concat"

    def names(name: str, joins: str) -> str:
        return f"(SELECT {aggregate}({name}, ' ') FROM {joins})"  # noqa: S608

    departments = Case._meta.get_field("departments")
    filed = [
        names(_name_sql("t", facet.model, french), f"{facet.join_sql} WHERE x.case_id = c.id")
        for facet in facets
        if facet.tag and facet.case_field
    ]
    filed.append(
        names(
            _name_sql("r", Region, french),
            f"{departments.remote_field.through._meta.db_table} x JOIN {Department._meta.db_table} d"
            f" ON d.code = x.{departments.m2m_reverse_name()} JOIN {Region._meta.db_table} r ON r.code = d.region_id"
            " WHERE x.case_id = c.id",
        )
    )
    filed.append(
        names(
            "o.name",
            f"{Participation._meta.db_table} p JOIN {Organization._meta.db_table} o ON o.id = p.organization_id"
            " WHERE p.case_id = c.id",
        )
    )
    english_of = (lambda field: [f"c.{field}", f"c.{field}_en"]) if english else (lambda field: [f"c.{field}"])
    return (
        _joined(english_of("title")),
        _joined(english_of("summary")),
        _joined(["c.body", "c.outcomes", "c.place"]),
        _joined(filed),
    )


def _joined(parts: list[str]) -> str:
    return " || ' ' || ".join(f"coalesce({part}, '')" for part in parts)


def text_sql(facets=FACETS, english: bool = True, vendor: str = "postgresql") -> tuple[str, str, str]:
    """SQL of the title, the summary and everything else a case `c` is found by: the same text on both
    databases."""
    title, summary, own, filed = _parts_sql(facets, english, vendor)
    return title, summary, _joined([own, filed])


def _folded(sql: str) -> str:
    for ligature, written in LIGATURES.items():
        sql = f"replace({sql}, '{ligature}', '{written}')"
    return sql


def fts_text_sql(facets=FACETS, english: bool = True) -> list[str]:
    """`text_sql` on SQLite, ligatures written out: what the FTS5 table holds."""
    return [_folded(sql) for sql in text_sql(facets, english, "sqlite")]


def sqlite_refresh_sql(ids_sql: str, facets=FACETS, english: bool = True) -> list[str]:
    """The statements that rewrite the FTS5 rows of the cases whose ids `ids_sql` selects."""
    title, summary, rest = fts_text_sql(facets, english)
    return [
        f"DELETE FROM {FTS} WHERE rowid IN ({ids_sql})",  # noqa: S608
        f"INSERT INTO {FTS} (rowid, title, summary, rest) SELECT c.id, {title}, {summary}, {rest}"  # noqa: S608
        f" FROM {Case._meta.db_table} AS c WHERE c.id IN ({ids_sql})",
    ]


def refresh_function_sql(facets, english: bool = True, french: bool = True) -> str:
    """`cases_search_refresh(ids)` writes the search rows of these cases; `cases_search_renamed(ids)` only
    what a term's, an organisation's or a region's change may change: the names they are filed under and
    their tags, without reading their own text again (the document keeps those names apart, weighted D)."""
    title, summary, own, filed = _parts_sql(facets, english, "postgresql", french)
    names = f"setweight(to_tsvector('{CONFIG}', {filed}), 'D') || array_to_tsvector(t.tags)"
    tags = f"LATERAL (SELECT {_tags_sql(facets)} AS tags) AS t"
    return f"""
        CREATE OR REPLACE FUNCTION cases_search_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO {ENTRIES} AS e (case_id, document, title_vector, summary_vector, tags)
            SELECT c.id,
                setweight(to_tsvector('{CONFIG}', {title}), 'A')
                || setweight(to_tsvector('{CONFIG}', {summary}), 'B')
                || setweight(to_tsvector('{CONFIG}', {own}), 'C')
                || {names},
                to_tsvector('{CONFIG}', {title}), to_tsvector('{CONFIG}', {summary}),
                t.tags
            FROM {Case._meta.db_table} AS c, {tags}
            WHERE c.id = ANY(ids)
            ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document,
                title_vector = EXCLUDED.title_vector, summary_vector = EXCLUDED.summary_vector,
                tags = EXCLUDED.tags
        $$;
        CREATE OR REPLACE FUNCTION cases_search_renamed(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            UPDATE {ENTRIES} AS e SET document = ts_filter(e.document, '{{a,b,c}}') || {names}, tags = t.tags
            FROM {Case._meta.db_table} AS c, {tags}
            WHERE c.id = ANY(ids) AND e.case_id = c.id
        $$;
        CREATE OR REPLACE FUNCTION cases_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids bigint[];
        BEGIN
            EXECUTE 'SELECT array_agg(DISTINCT id) FROM (' || TG_ARGV[0] || ') AS s (id)' INTO ids;
            IF ids IS NULL THEN RETURN NULL; END IF;
            -- A bulk load notes the cases, whose rows are written once at its end (cases.search.index).
            IF current_setting('cases.search_deferred', true) = 'on' THEN
                INSERT INTO {PENDING} SELECT unnest(ids);
            ELSIF TG_NARGS > 1 THEN
                PERFORM cases_search_renamed(ids);  -- a term, an organisation or a region
            ELSE
                PERFORM cases_search_refresh(ids);
            END IF;
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


def _columns(connection, cursor, table: str = Case._meta.db_table) -> set[str]:
    return {column.name for column in connection.introspection.get_table_description(cursor, table)}


def _tables(facet) -> set[str]:
    return {facet.through_table, facet.model._meta.db_table}


def _watched(facets) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(table, the column of its changed rows read, SQL of the changed cases' ids from the changed rows
    `{changed}`, events) per table a search row is made of."""
    participations = Participation._meta.db_table
    watched = [
        (Case._meta.db_table, "id", "SELECT id FROM {changed}", ("INSERT", "UPDATE")),
        (participations, "case_id", "SELECT case_id FROM {changed}", ("INSERT", "UPDATE", "DELETE")),
        (
            Organization._meta.db_table,
            "id",
            f"SELECT p.case_id FROM {participations} p JOIN {{changed}} ON changed.id = p.organization_id",  # noqa: S608
            ("UPDATE",),
        ),
    ]
    for facet in facets:
        if facet.case_field is None:
            continue
        through, term, column = facet.through_table, facet.model._meta, facet.term_column
        watched.append((through, "case_id", "SELECT case_id FROM {changed}", ("INSERT", "UPDATE", "DELETE")))
        watched.append(
            (
                term.db_table,
                term.pk.column,
                f"SELECT x.case_id FROM {through} x JOIN {{changed}} ON changed.{term.pk.column} = x.{column}",  # noqa: S608
                ("UPDATE",),
            )
        )
    # A region's name is in the text of the cases of its departments.
    departments = Case._meta.get_field("departments")
    watched.append(
        (
            Region._meta.db_table,
            "code",
            f"SELECT x.case_id FROM {departments.remote_field.through._meta.db_table} x"  # noqa: S608
            f" JOIN {Department._meta.db_table} d ON d.code = x.{departments.m2m_reverse_name()}"
            " JOIN {changed} ON changed.code = d.region_id",
            ("UPDATE",),
        )
    )
    return watched


def _trigger_name(vendor: str, table: str, event: str) -> str:
    # PostgreSQL names a trigger within its table, SQLite within the database.
    return f"search_after_{event.lower()}" if vendor == "postgresql" else f"{table}_search_after_{event.lower()}"


def triggers_sql(facets) -> list[str]:
    """PostgreSQL: one statement-level trigger per table and event, reading the statement's changed rows.
    The tables of the names a case is filed under (terms, organisations, regions: updates only) rewrite
    only those names and the tags (`cases_search_renamed`)."""
    statements = []
    for table, _column, ids_sql, events in _watched(facets):
        names_only = ", 'names'" if table != Case._meta.db_table and events == ("UPDATE",) else ""
        for event in events:
            name = _trigger_name("postgresql", table, event)
            transition = "OLD TABLE AS changed" if event == "DELETE" else "NEW TABLE AS changed"
            argument = ids_sql.format(changed="changed").replace("'", "''")
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION cases_search_changed('{argument}'{names_only})",
            ]
    return statements


def _sqlite_watched(facets) -> list:
    """SQLite's FTS5 text holds no tag values (its filters read the live tables): the tables of its text."""
    return [*_watched([facet for facet in facets if facet.tag]), (Case._meta.db_table, "id", "", ("DELETE",))]


def sqlite_triggers_sql(facets, english: bool) -> list[str]:
    """SQLite: one row-level trigger per table and event, rewriting the FTS5 rows of the cases it touches."""
    statements = []
    for table, column, ids_sql, events in _sqlite_watched(facets):
        for event in events:
            name = _trigger_name("sqlite", table, event)
            row = "OLD" if event == "DELETE" else "NEW"
            if ids_sql:
                body = sqlite_refresh_sql(
                    ids_sql.format(changed=f"(SELECT {row}.{column} AS {column}) AS changed"), facets, english
                )
            else:  # the case itself is gone
                body = [f"DELETE FROM {FTS} WHERE rowid = OLD.id"]  # noqa: S608
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {'; '.join(body)}; END",
            ]
    return statements


def missing_triggers() -> int:
    """How many of the search's triggers are missing or disabled (`ALTER TABLE … DISABLE TRIGGER`, a restore
    that left them off): the search data then no longer follows the writes."""
    from django.db import connection

    vendor = connection.vendor
    watched = _watched(FACETS) if vendor == "postgresql" else _sqlite_watched(FACETS)
    expected = {(table, _trigger_name(vendor, table, event)) for table, _c, _ids, events in watched for event in events}
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            expected |= search_words.trigger_names()
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE t.tgname LIKE 'search\\_%%' AND t.tgenabled <> 'D'"
            )
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        return len(expected - set(cursor.fetchall()))


def install(apps=None, schema_editor=None) -> None:
    """PostgreSQL: create (or rewrite) the search's functions and triggers, then write every search row
    again. SQLite: create the FTS5 table (the triggers come after the migrations: `sqlite_triggers`).
    Idempotent: a migration that changes the facets runs it again."""
    from django.db import connection

    connection = schema_editor.connection if schema_editor is not None else connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = _columns(connection, cursor)
            facets = _facets(set(connection.introspection.table_names(cursor)), columns)
            # The terms' French columns come with their English ones (foundation.reference's migrations).
            french = f"name_{settings.LANGUAGE_CODE}" in _columns(connection, cursor, Region._meta.db_table)
            cursor.execute(refresh_function_sql(facets, english="title_en" in columns, french=french))
            for statement in triggers_sql(facets):
                cursor.execute(statement)
            cursor.execute(f"SELECT cases_search_refresh(ARRAY(SELECT id FROM {Case._meta.db_table}))")  # noqa: S608
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title, summary, rest,"
                " tokenize = 'unicode61 remove_diacritics 2')"
            )


def sqlite_triggers(*, using: str, installed: bool, **kwargs) -> None:
    """SQLite: drop the FTS5 table's triggers before the migrations (a table that a migration remakes is
    dropped, then renamed, which a trigger naming it would fail, and loses its own triggers), then create
    them again afterwards and write every FTS5 row (`pre_migrate` and `post_migrate`, cases.apps)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_search_after_*'")
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name}")
        if installed and FTS in connection.introspection.table_names(cursor):
            cursor.execute(f"DELETE FROM {FTS}")  # noqa: S608 (a flush leaves the rows of its cases)
            every = f"SELECT id FROM {Case._meta.db_table}"  # noqa: S608
            for statement in [*sqlite_triggers_sql(FACETS, english=True), *sqlite_refresh_sql(every)]:
                cursor.execute(statement)


def uninstall(apps=None, schema_editor=None) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        facets = _facets(set(connection.introspection.table_names(cursor)), _columns(connection, cursor))
        if connection.vendor == "postgresql":
            for table, _column, _ids_sql, events in _watched(facets):
                for event in events:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name('postgresql', table, event)} ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS cases_search_changed()")
            cursor.execute("DROP FUNCTION IF EXISTS cases_search_refresh(bigint[])")
            cursor.execute("DROP FUNCTION IF EXISTS cases_search_renamed(bigint[])")
        elif connection.vendor == "sqlite":
            for table, _column, _ids_sql, events in _sqlite_watched(facets):
                for event in events:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name('sqlite', table, event)}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
