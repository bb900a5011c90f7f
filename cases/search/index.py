"""Keeping the search data in step with the cases.

Whatever changes a case (its fields, its tags, its organisations, a renamed term) asks for its reindex
with `schedule_reindex`; the reindex runs once per case when the transaction commits, however many
changes asked for it. A search made inside the transaction first runs what is pending, so that it sees
the transaction's own edits. Inside `reindex_deferred()` (bulk loads), the cases are reindexed once when
the block ends.
"""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction

from cases.models import Case
from cases.search import pg_index
from observatoire.reference.text import normalize

_WORD = re.compile(r"\w+", re.UNICODE)
# Inside `reindex_deferred()`, the ids of the cases to reindex, gathered until the block ends.
_deferred: ContextVar[set | None] = ContextVar("deferred_reindex", default=None)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class _Pending:
    """The cases a transaction asked to reindex, run by one `on_commit` callback."""

    def __init__(self) -> None:
        self.ids: set[int] = set()

    def run(self) -> None:
        ids, self.ids = self.ids, set()
        if ids:
            reindex_now(ids)

    def is_registered(self) -> bool:
        return any(getattr(func, "__self__", None) is self for _sids, func, _robust in connection.run_on_commit)


def schedule_reindex(ids: Iterable[int]) -> None:
    """Reindex these cases once, when the current transaction commits (at once outside of one)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    deferred = _deferred.get()
    if deferred is not None:
        deferred.update(ids)
        return
    if not connection.in_atomic_block:
        reindex_now(ids)
        return
    pending = getattr(connection, "_search_pending", None)
    if pending is None or not pending.is_registered():
        pending = connection._search_pending = _Pending()
        transaction.on_commit(pending.run)
    pending.ids.update(ids)


def run_pending() -> None:
    """Reindex now what the current transaction has asked for so far (a search reads its own edits)."""
    pending = getattr(connection, "_search_pending", None)
    if pending is not None and pending.ids and pending.is_registered():
        pending.run()


def terms_changed() -> None:
    """A vocabulary or territory term was added, changed or deleted: the version moves (in the transaction,
    as a reindex moves it), so that every process reads the terms again, the transaction's own searches at
    once and the others' when it commits (PostgreSQL checks a search's filters against the terms it holds)."""
    if is_postgresql():
        pg_index.bump_version()


def unindex(ids: Iterable[int]) -> None:
    """Take cases that are being deleted out of the search data, in the deleting transaction."""
    ids = [pk for pk in ids if pk is not None]
    if ids and is_postgresql():
        pg_index.reindex(ids, removed=True)


@contextmanager
def reindex_deferred() -> Iterator[None]:
    """Reindex each case touched in the block once, when the block ends (a load that sets each relation
    of a case in turn would otherwise reindex it at every step)."""
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    if pending:
        schedule_reindex(pending)


def reindex_now(ids: Iterable[int]) -> None:
    """Rebuild the search data of these cases now."""
    ids = sorted(set(ids))
    if is_postgresql():
        pg_index.reindex(ids)
    else:
        _reindex_normalised(ids)


def rebuild(ids: Iterable[int] | None = None, *, batch_size: int = 20000) -> int:
    """Rebuild the search data of many cases (every case when `ids` is None), postings in bulk; returns
    how many cases."""
    if ids is None:
        ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    ids = list(ids)
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        with transaction.atomic():
            if is_postgresql():
                pg_index.write_entries(batch)
            else:
                _reindex_normalised(batch)
    if is_postgresql():
        pg_index.rebuild_postings()
    return len(ids)


def case_document(case: Case) -> str:
    """Everything a case is found by besides its title and summary."""
    parts = [case.body, case.outcomes, case.place]
    parts += [participation.organization.name for participation in case.participations.all()]
    for department in case.departments.all():
        parts += [department.name, department.region.name]
    parts += [region.name for region in case.regions.all()]
    for related in (case.domains, case.partnership_types, case.engagement_practices, case.dynamics):
        parts += [term.name for term in related.all()]
    return " ".join(part for part in parts if part)


def _reindex_normalised(ids: list[int]) -> None:
    cases = list(
        Case.objects.filter(pk__in=ids).prefetch_related(
            "participations__organization",
            "departments__region",
            "regions",
            "domains",
            "partnership_types",
            "engagement_practices",
            "dynamics",
        )
    )
    for case in cases:
        text = normalize(" ".join([case.title, case.summary, case_document(case)]))
        case.search_text = " ".join(_WORD.findall(text))
    Case.objects.bulk_update(cases, ["search_text"], batch_size=500)
