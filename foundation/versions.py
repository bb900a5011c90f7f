"""The content's version, kept by the database: it moves on with every committed write to a table of the
content apps, whatever made it (a save, `QuerySet.update()`, `loaddata`, a restore, SQL), so that nothing
made once per content and kept (cached pages, values kept until the content changes, the open-data dump,
the reports' PDFs: foundation.cache) outlives the data it was made from.

PostgreSQL: a statement-level trigger on every content table notes, once per transaction, that the
transaction has written; a deferred trigger moves the version on when it commits, so that the new version
is seen with the data it follows, never before. SQLite (the demo): row-level triggers move it on at once (a
writer holds the whole database until it commits, and a rolled-back write takes its version back with it).
A new version is at least the clock's microseconds, so that none is given twice, even after a restore of an
older dump. The triggers are made after every `migrate` and `flush` (`install`), on the tables then there.
"""

from django.apps import apps
from django.db import connection, connections

CONTENT_APPS = ("cases", "surveys", "indicators", "reference", "resources")
TABLE = "content_version"
WRITTEN = "content_written"  # PostgreSQL: the transactions that have written and not yet committed
EVENTS = ("INSERT", "UPDATE", "DELETE")

_POSTGRESQL = f"""
    CREATE TABLE IF NOT EXISTS {TABLE} (version bigint NOT NULL);
    INSERT INTO {TABLE} SELECT 1 WHERE NOT EXISTS (SELECT FROM {TABLE});
    CREATE TABLE IF NOT EXISTS {WRITTEN} (xid xid8 PRIMARY KEY);
    -- The transaction has written: noted once (its row in {WRITTEN}, then a transaction-local setting).
    CREATE OR REPLACE FUNCTION content_note_write() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('content.written', true) IS DISTINCT FROM 'on' THEN
            INSERT INTO {WRITTEN} VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
            PERFORM set_config('content.written', 'on', true);
        END IF;
    END $$;
    CREATE OR REPLACE FUNCTION content_written() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM content_note_write();
        RETURN NULL;
    END $$;
    CREATE OR REPLACE FUNCTION content_committed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} SET version = greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
        DELETE FROM {WRITTEN} WHERE xid = NEW.xid;
        RETURN NULL;
    END $$;
    DROP TRIGGER IF EXISTS content_version_at_commit ON {WRITTEN};
    CREATE CONSTRAINT TRIGGER content_version_at_commit AFTER INSERT ON {WRITTEN}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_committed();
"""  # noqa: S608
_SQLITE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (version integer NOT NULL)",
    f"INSERT INTO {TABLE} SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {TABLE})",  # noqa: S608
]
_SQLITE_BUMP = (
    f"UPDATE {TABLE} SET version = max(version + 1,"  # noqa: S608
    " CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))"
)


def content_tables() -> list[str]:
    """The tables of every model of the content apps, their many-to-many and history tables included."""
    return sorted(
        {
            model._meta.db_table
            for label in CONTENT_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )


def _triggers(vendor: str, tables: list[str]) -> dict[tuple[str, str], str]:
    """The events of each (table, trigger) that moves the version on: PostgreSQL names a trigger within its
    table, SQLite within the database."""
    if vendor == "postgresql":
        return {(table, "content_version_after_write"): "INSERT OR UPDATE OR DELETE OR TRUNCATE" for table in tables}
    return {(table, f"{table}_content_after_{event.lower()}"): event for table in tables for event in EVENTS}


def version() -> tuple[int, bool]:
    """The committed version, and whether the current transaction has written since (its new version is
    given at its commit: nothing is kept meanwhile). SQLite cannot tell whether a transaction has written:
    any open one counts as having done so, and its version is the one it sees."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT version, current_setting('content.written', true) = 'on' FROM {TABLE}")  # noqa: S608
        else:
            cursor.execute(f"SELECT version, %s FROM {TABLE}", [connection.in_atomic_block])  # noqa: S608
        found = cursor.fetchone()  # one row, unless someone deleted it: then nothing is kept
    return (0, True) if found is None else (found[0], bool(found[1]))


def bump(using: str = "default") -> None:
    """Move the version on (at the commit on PostgreSQL), for a write the triggers cannot see (SQLite's
    search text, a virtual table)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT content_note_write()" if connections[using].vendor == "postgresql" else _SQLITE_BUMP)


def _present(connection, cursor) -> set[tuple[str, str]]:
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname = 'content_version_after_write' AND t.tgenabled <> 'D'"
        )
    else:
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
    return set(cursor.fetchall())


def _missing(connection, cursor) -> dict[tuple[str, str], str]:
    """The events of each (table, trigger) of the version that is missing or disabled."""
    tables = set(connection.introspection.table_names(cursor))
    expected = _triggers(connection.vendor, [table for table in content_tables() if table in tables])
    present = _present(connection, cursor)
    return {trigger: events for trigger, events in expected.items() if trigger not in present}


def missing_triggers(using: str = "default") -> int:
    """How many content tables lack a trigger of the version, or have it disabled (`ALTER TABLE … DISABLE
    TRIGGER`, a restore that left them off): their writes would then leave kept pages and files behind."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return len(_missing(connection, cursor))


def install(*, using: str = "default", **kwargs) -> None:
    """Make the version's table and the triggers of every content table that lacks them, then move the
    version on (`post_migrate`, observatoire.apps: a migration may have changed anything)."""
    connection = connections[using]
    if connection.vendor not in {"postgresql", "sqlite"}:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        for statement in [_POSTGRESQL] if postgresql else _SQLITE:
            cursor.execute(statement)
        # PostgreSQL replaces a disabled trigger (SQLite cannot disable one: what it lacks is absent).
        create = "CREATE OR REPLACE TRIGGER" if postgresql else "CREATE TRIGGER"
        action = "FOR EACH STATEMENT EXECUTE FUNCTION content_written()" if postgresql else "FOR EACH ROW"
        body = "" if postgresql else f" BEGIN {_SQLITE_BUMP}; END"
        for (table, name), events in sorted(_missing(connection, cursor).items()):
            cursor.execute(f"{create} {quote(name)} AFTER {events} ON {quote(table)} {action}{body}")
    bump(using)
