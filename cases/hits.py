"""The public case search on PostgreSQL, read from the narrow search table (cases.models.SearchEntry).

A search of a common word matches most of the cases. The general path (`CaseFilter.qs` and
`case_facets`) reads the wide case rows several times over: to count, to rank, and once more per facet
in use. This one reads each matching narrow row twice: one query counts the results and every facet
together, another ranks the matches by their title and summary and keeps the page's ids; then only the
page's cases are read whole. Used by `/cas/` and `/api/v1/cases/` for what the public may see, ordered by
relevance or date; the title order, the curators' view (drafts included) and SQLite take the general path.
"""

import functools
import operator
import re
from collections.abc import Sequence
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from cases.filters import FACETS, CaseFilter, Facet, Sort, facet_results
from cases.models import SearchEntry
from cases.search import is_postgresql, text_search_query
from observatoire.cache import cached_by_content


def public_hits(filterset: CaseFilter, cases: QuerySet) -> "SearchHits | None":
    """The published cases that the validated `filterset` selects, or None where this path does not apply.

    `cases` is the queryset the page's cases are read from (with the caller's prefetches); it must hold
    the published cases only.
    """
    if not is_postgresql():
        return None
    cleaned = filterset.form.cleaned_data
    sort = cleaned.get("sort") or ""
    if sort == Sort.TITLE:
        return None
    query = (cleaned.get("q") or "").strip()
    ts_query = text_search_query(query) if query else None
    entries = SearchEntry.objects.filter(public=True)
    if query and ts_query is None:  # punctuation only: nothing to look for
        entries = entries.none()
    elif ts_query is not None:
        entries = entries.filter(document=ts_query)
    if cleaned.get("year_min") is not None:
        entries = entries.filter(last_year__gte=cleaned["year_min"])
    if cleaned.get("year_max") is not None:
        entries = entries.filter(start_year__lte=cleaned["year_max"])
    active = {facet.param: _keys(facet, cleaned[facet.param]) for facet in FACETS if cleaned.get(facet.param)}
    ranked = ts_query is not None and sort != Sort.RECENT
    return SearchHits(
        entries,
        active,
        ts_query if ranked else None,
        cases,
        everything=not query and not active and cleaned.get("year_min") is None and cleaned.get("year_max") is None,
        positional=bool(query) and _needs_positions(query),
    )


def _needs_positions(query: str) -> bool:
    """Whether matching `query` takes the words' positions: a quoted phrase, or a hyphenated word
    ("tiers-lieu"), which PostgreSQL looks for as adjacent parts.

    Only the positions in a case's whole document tell, so each candidate's TOASTed document is read: the
    count collects the matches' ids once and the page ranks those, instead of reading them all again.
    """
    return '"' in query or re.search(r"\w-\w", query) is not None


def _keys(facet: Facet, values) -> list[str]:
    """The `param:value` tags that a filter's validated values stand for."""
    if facet.case_field is None:
        return [f"{facet.param}:{value}" for value in values]
    return [f"{facet.param}:{getattr(value, facet.value_field)}" for value in values]


class SearchHits(Sequence):
    """The results as the paginators read them: `count()` and slices, each slice one ranked query.

    The count and the facets come from one query, run on first use.
    """

    def __init__(
        self,
        entries: QuerySet,
        active: dict[str, list[str]],
        ts_query: SearchQuery | None,
        cases: QuerySet,
        *,
        everything: bool,  # no word, no filter: the counts change only with the content
        positional: bool,  # see _needs_positions
    ):
        self.entries, self.active, self.ts_query, self.cases = entries, active, ts_query, cases
        self.everything, self.positional = everything, positional
        self._counts: tuple[int, dict[str, list[dict]]] | None = None
        self._matched_ids: list[int] | None = None

    # The counts ---------------------------------------------------------------------------------------

    def count(self) -> int:
        return self._counted()[0]

    def __len__(self) -> int:
        return self.count()

    @property
    def facets(self) -> dict[str, list[dict]]:
        """As `cases.filters.case_facets`: each facet counted under every filter but its own."""
        return self._counted()[1]

    def _counted(self) -> tuple[int, dict[str, list[dict]]]:
        if self._counts is None:
            if self.everything:
                self._counts = cached_by_content("search-counts:everything", self._count)
            else:
                self._counts = self._count()
        return self._counts

    def _count(self) -> tuple[int, dict[str, list[dict]]]:
        params = list(self.active)
        flags = {f"f{index}": _overlap(keys) for index, keys in enumerate(self.active.values())}
        rows = self.entries.annotate(
            **{name: ExpressionWrapper(condition, BooleanField()) for name, condition in flags.items()}
        )
        if len(flags) > 1:
            # A row counts for a facet when it passes every filter but that facet's own: at most one may fail.
            rows = rows.filter(
                functools.reduce(
                    operator.or_,
                    [functools.reduce(operator.and_, [c for n, c in flags.items() if n != name]) for name in flags],
                )
            )
        extra = ["case_id"] if self.positional else []
        try:
            rows_sql, rows_params = rows.values("tags", "facet_ends", *extra, *flags).query.sql_with_params()
        except EmptyResultSet:  # nothing to look for, and Django knows it
            return 0, facet_results({})
        names = list(flags)
        # A row that passes every filter counts all its tags, and the empty tag that counts the results; a
        # row that fails one filter counts only that facet's tags, a slice of its tags.
        counted = "m.tags || ''::text"
        if names:
            positions = {facet.param: index for index, facet in enumerate(FACETS)}
            failing = " ".join(
                f"WHEN NOT m.{name} THEN {_facet_slice(positions[param])}"
                for param, name in zip(params, names, strict=True)
            )
            counted = f"CASE WHEN {' AND '.join(f'm.{name}' for name in names)} THEN {counted} {failing} END"
        columns = ", ".join(["tags", "facet_ends", *extra, *names])
        # The matches' ids, when reading them again would cost as much as this (positions).
        ids = "array_agg(case_id) FILTER (WHERE k = '')" if self.positional else "NULL"
        sql = (
            f"SELECT k, count(*), {ids} FROM (SELECT unnest({counted}) AS k{', m.case_id' if extra else ''}"  # noqa: S608
            f" FROM ({rows_sql}) AS m ({columns})) AS u GROUP BY k"
        )
        counts: dict[str, int] = {}
        with _index_scans() as cursor:
            cursor.execute(sql, rows_params)
            for key, number, matched in cursor.fetchall():
                counts[key] = number
                if key == "":
                    self._matched_ids = matched
        if self.positional and self._matched_ids is None:
            self._matched_ids = []
        total = counts.pop("", 0)
        by_facet: dict[str, list[tuple[str, int]]] = {facet.param: [] for facet in FACETS}
        for key, number in counts.items():
            param, _, value = key.partition(":")
            if param in by_facet:
                by_facet[param].append((value, number))
        return total, facet_results(by_facet)

    # The pages ----------------------------------------------------------------------------------------

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is not None and stop <= start:
            return []
        if self._matched_ids is not None:
            # Every condition was checked by the count: rank these rows without reading their documents.
            # One array parameter rather than an IN list of thousands; the table name is the model's own.
            any_id = f"{SearchEntry._meta.db_table}.case_id = ANY(%s)"
            matched = RawSQL(any_id, (self._matched_ids,), BooleanField())  # noqa: S611
            matches = SearchEntry.objects.filter(matched)
        else:
            matches = self.entries
            for keys in self.active.values():
                matches = matches.filter(_overlap(keys))
        if self.ts_query is not None:
            matches = matches.annotate(rank=SearchRank(F("title_vector"), self.ts_query))
            matches = matches.order_by("-rank", "-published_at", "-case_id")
        else:
            matches = matches.order_by("-published_at", "-case_id")
        with _index_scans():
            ids = list(matches.values_list("case_id", flat=True)[start:stop])
        found = self.cases.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def _facet_slice(index: int) -> str:
    """The tags of the `index`-th facet of a row `m` (see SearchEntry.facet_ends; SQL arrays start at 1)."""
    start = "1" if index == 0 else f"m.facet_ends[{index}] + 1"
    return f"m.tags[{start}:m.facet_ends[{index + 1}]]"


def _overlap(keys: list[str]) -> Q:
    return Q(tags__overlap=keys)


@contextmanager
def _index_scans():
    """A cursor in a transaction where PostgreSQL reads the matches through the indexes.

    For a word found in most cases the planner would rather read the whole table and test every row's
    document, which means reading every TOASTed document; the GIN index answers without them.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield cursor
