"""Bulk writes of the search data, and its health (the database keeps it in step: cases.search.schema).

A bulk load in one transaction on PostgreSQL may write each case's search row once rather than at each
statement that touches the case: `reindex_deferred()` around it, or `defer_search_rows()` then
`rebuild(ids)`. `manage.py reindex_cases` rewrites every case's search data (a repair, never a step of a
load).
"""

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from cases.models import Case
from cases.search.query import CONFIG
from cases.search.schema import ENTRIES, FTS, PENDING, fts_text_sql, sqlite_refresh_sql, text_sql
from foundation import versions

_depth: ContextVar[int] = ContextVar("deferred_search_rows", default=0)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def defer_search_rows(deferred: bool = True) -> None:
    """PostgreSQL: until the transaction ends (or this is called with False), the triggers note the cases
    changed instead of writing their search rows, which `rebuild` or the end of `reindex_deferred()` writes
    once. Outside a transaction, or on SQLite, each statement keeps writing its cases' search data."""
    if is_postgresql() and connection.in_atomic_block:
        with connection.cursor() as cursor:
            if deferred:
                cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {PENDING} (id bigint) ON COMMIT DELETE ROWS")
            cursor.execute("SELECT set_config('cases.search_deferred', %s, true)", ["on" if deferred else "off"])


@contextmanager
def reindex_deferred() -> Iterator[None]:
    """Write the search row of each case changed in the block once, when the block ends (PostgreSQL, in a
    transaction; elsewhere the block's statements write their cases' search data as they go)."""
    depth = _depth.get()
    token = _depth.set(depth + 1)
    if depth == 0:
        defer_search_rows()
    try:
        yield
    finally:
        _depth.reset(token)
        if depth == 0:
            defer_search_rows(False)
    if depth == 0 and is_postgresql() and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cases_search_refresh(ARRAY(SELECT DISTINCT id FROM {PENDING}))")  # noqa: S608
            cursor.execute(f"DELETE FROM {PENDING}")  # noqa: S608


def rebuild(ids: Iterable[int] | None = None, *, batch_size: int = 2000) -> int:
    """Write the search data of many cases again (every case when `ids` is None); returns how many. After a
    load made under `defer_search_rows` (which this turns off), or by `manage.py reindex_cases` (which also
    counts the published titles' words again)."""
    defer_search_rows(False)
    versions.bump()  # SQLite's search text is a virtual table, which no trigger watches
    if ids is None:
        ids = Case.objects.order_by("pk").values_list("pk", flat=True)
        if is_postgresql():  # the words of the published titles too ("Vouliez-vous dire")
            with connection.cursor() as cursor:
                cursor.execute("SELECT cases_search_words_rebuild()")
    ids = list(ids)
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        with connection.cursor() as cursor:
            if is_postgresql():
                cursor.execute("SELECT cases_search_refresh(%s::bigint[])", [batch])
            else:
                for statement in sqlite_refresh_sql("SELECT value FROM json_each(%s)"):
                    cursor.execute(statement, [json.dumps(batch)])
    return len(ids)


RECENT = 100  # the most recently updated cases whose search data is compared with their live title


def unsearchable() -> int:
    """How many cases have no search row (PostgreSQL) or no search text (SQLite), plus SQLite's rows of
    cases that are gone, plus the stale rows among the `RECENT` most recently updated cases (a title that
    is not the one searched): 0 when the search data is in step (the health check reports it)."""
    cases = Case._meta.db_table
    table, key = (ENTRIES, "case_id") if is_postgresql() else (FTS, "rowid")
    sql = f"SELECT count(*) FROM {cases} c WHERE NOT EXISTS (SELECT 1 FROM {table} s WHERE s.{key} = c.id)"  # noqa: S608
    if not is_postgresql():
        sql = f"SELECT ({sql}) + (SELECT count(*) FROM {FTS} s WHERE s.rowid NOT IN (SELECT id FROM {cases}))"  # noqa: S608
    recent = f"SELECT id, title, title_en FROM {cases} ORDER BY updated_at DESC LIMIT {RECENT}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        missing = cursor.fetchone()[0]
        if is_postgresql():
            title, params = f"to_tsvector(%s::regconfig, {text_sql()[0]})", [CONFIG]
            stale = (
                f"SELECT count(*) FROM ({recent}) c JOIN {table} s ON s.case_id = c.id WHERE s.title_vector <> {title}"  # noqa: S608
            )
        else:
            title, params = fts_text_sql()[0], []
            stale = f"SELECT count(*) FROM ({recent}) c JOIN {FTS} s ON s.rowid = c.id WHERE s.title <> {title}"  # noqa: S608
        cursor.execute(stale, params)
        return missing + cursor.fetchone()[0]
