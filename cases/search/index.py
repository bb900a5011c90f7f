"""Keeping the SQLite demo's FTS5 table in step with the cases (PostgreSQL keeps its search rows itself,
by triggers: see cases.search.schema).

Whatever changes a case (its fields, its tags, its organisations, a renamed term) calls
`schedule_reindex`: on SQLite the case's row of the FTS5 table is rewritten at once, or once when a
`reindex_deferred()` block ends (a load that sets each relation of a case in turn); on PostgreSQL it does
nothing. `manage.py reindex_cases` rewrites every row (after a `loaddata` on SQLite).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.utils import translation

from cases.facets import TAG_FACETS
from cases.models import Case
from cases.search.query import CONFIG, fold
from cases.search.schema import ENTRIES, FTS

_deferred: ContextVar[set | None] = ContextVar("deferred_reindex", default=None)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def schedule_reindex(ids: Iterable[int]) -> None:
    """Bring the SQLite search text of these cases in step (once at the end of `reindex_deferred()`, on
    PostgreSQL too, whose triggers that block turns off)."""
    deferred = _deferred.get()
    if deferred is None and is_postgresql():
        return  # the triggers have written the rows already; `ids` (often a lazy queryset) is not read
    ids = {pk for pk in ids if pk is not None}
    if deferred is not None:
        deferred.update(ids)
    elif ids:
        reindex_now(ids)


def defer_search_rows(deferred: bool = True) -> None:
    """Turn PostgreSQL's search triggers off (or on again) until the transaction ends: a bulk load in one
    transaction then writes each case's row once, by `rebuild` or at the end of `reindex_deferred()`,
    rather than at each statement that touches it."""
    if is_postgresql() and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('cases.search_deferred', %s, true)", ["on" if deferred else "off"])


@contextmanager
def reindex_deferred() -> Iterator[None]:
    """Reindex each case touched in the block once, when the block ends (on PostgreSQL, the block's own
    statements leave the search rows alone: the signals gather the cases they touch)."""
    pending: set[int] = set()
    token = _deferred.set(pending)
    defer_search_rows()
    try:
        yield
    finally:
        _deferred.reset(token)
        defer_search_rows(False)
    if is_postgresql():
        rebuild(pending)
    else:
        schedule_reindex(pending)


def unindex(ids: Iterable[int]) -> None:
    """Take cases being deleted out of the SQLite search text (PostgreSQL's rows go with their case)."""
    ids = [pk for pk in ids if pk is not None]
    if ids and not is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids)  # noqa: S608


def case_rest(case: Case) -> str:
    """Everything a case is found by besides its title and summary (what PostgreSQL weighs C); the terms'
    French names, whatever the language of the request that changed the case."""
    with translation.override(settings.LANGUAGE_CODE):
        return _case_rest(case)


def _case_rest(case: Case) -> str:
    parts = [case.body, case.outcomes, case.place]
    parts += [participation.organization.name for participation in case.participations.all()]
    for facet in TAG_FACETS:
        parts += [term.name for term in getattr(case, facet.case_field).all()]
    parts += [department.region.name for department in case.departments.all()]
    return " ".join(part for part in parts if part)


def for_text(queryset):
    """`queryset` with what `case_rest` reads prefetched."""
    fields = [facet.case_field for facet in TAG_FACETS if facet.case_field != "departments"]
    return queryset.prefetch_related("participations__organization", "departments__region", *fields)


def _with_english(case: Case, field: str) -> str:
    """The case's title or summary, with the curator's English after the French."""
    return f"{getattr(case, field)} {getattr(case, f'{field}_en')}".strip()


def reindex_now(ids: Iterable[int]) -> None:
    """Rewrite the SQLite search text of these cases now (nothing to do on PostgreSQL)."""
    ids = sorted(set(ids))
    if is_postgresql() or not ids:
        return
    unindex(ids)
    cases = for_text(Case.objects.filter(pk__in=ids))
    rows = [
        (case.pk, fold(_with_english(case, "title")), fold(_with_english(case, "summary")), fold(case_rest(case)))
        for case in cases
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {FTS} (rowid, title, summary, rest) VALUES (%s, %s, %s, %s)", rows)  # noqa: S608


def rebuild(ids: Iterable[int] | None = None, *, batch_size: int = 2000) -> int:
    """Rewrite the search data of many cases (every case when `ids` is None); returns how many.

    On PostgreSQL by the database's own functions, after a load made under `defer_search_rows` (which this
    turns off) or by `manage.py reindex_cases` (which also counts the published titles' words again)."""
    defer_search_rows(False)
    if ids is None:
        ids = Case.objects.order_by("pk").values_list("pk", flat=True)
        if is_postgresql():  # the words of the published titles too ("Vouliez-vous dire")
            with connection.cursor() as cursor:
                cursor.execute("SELECT cases_search_words_rebuild()")
    ids = list(ids)
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        if is_postgresql():
            with connection.cursor() as cursor:
                cursor.execute("SELECT cases_search_refresh(%s::bigint[])", [batch])
        else:
            reindex_now(batch)
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
    recent = f"SELECT id, title FROM {cases} ORDER BY updated_at DESC LIMIT {RECENT}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        missing = cursor.fetchone()[0]
        if is_postgresql():
            cursor.execute(
                f"SELECT count(*) FROM ({recent}) c JOIN {table} s ON s.case_id = c.id"  # noqa: S608
                " WHERE s.title_vector <> to_tsvector(%s::regconfig, coalesce(c.title, ''))",
                [CONFIG],
            )
            return missing + cursor.fetchone()[0]
        cursor.execute(f"SELECT c.title, s.title FROM ({recent}) c JOIN {FTS} s ON s.rowid = c.id")  # noqa: S608
        return missing + sum(fold(title) != searched for title, searched in cursor.fetchall())
