"""Case search: the one entry point of every caller (`/cas/`, the API list and its CSV, the feeds, the
admin's search box, similar cases through `similar`).

    result = search(params, user=request.user)
    result.is_valid, result.errors, result.form   # the parameters, validated by cases.filters.CaseFilter
    len(result), result[0:20], result.ids()       # the exact total, a page of cases, every id in order
    result.facets, result.suggestions

The backend is chosen once, by the database: PostgreSQL evaluates the search on roaring bitmaps (see
cases.search.postgres), SQLite (the embedded demo) filters through the ORM (cases.search.sqlite). Who
reads is a parameter: the public sees the published cases, those who may change cases see every one.
"""

from collections.abc import Sequence
from functools import cached_property

from django.db import connection
from django.db.models import QuerySet, prefetch_related_objects
from django.http import QueryDict

from cases.facets import FACETS, TAG_FACETS
from cases.filters import CaseFilter, Sort
from cases.models import Case
from cases.search.index import (
    is_postgresql,
    rebuild,
    reindex_deferred,
    reindex_now,
    run_pending,
    schedule_reindex,
    terms_changed,
    unindex,
)
from cases.search.postgres import PostgresSearch, attach_terms, current_state, held_state, similar_in
from cases.search.sqlite import SqliteSearch, similar_sql
from cases.search.text import (
    CONFIG,
    highlight_cards,
    plain_text,
    significant_words,
    summarised_cases,
)

__all__ = [
    "CONFIG",
    "SearchResult",
    "highlight_cards",
    "is_postgresql",
    "may_see_drafts",
    "plain_text",
    "rebuild",
    "reindex_deferred",
    "reindex_now",
    "schedule_reindex",
    "search",
    "significant_words",
    "similar",
    "with_tags",
    "terms_changed",
    "unindex",
]

SUGGESTIONS = 3


def may_see_drafts(user) -> bool:
    """Those who may change cases review drafts: they search every case, the others the published ones."""
    return user is not None and user.is_authenticated and user.has_perm("cases.change_case")


def _query_dict(params) -> QueryDict:
    if isinstance(params, QueryDict):
        return params
    data = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        data.setlist(key, [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)])
    return data


def search(params, *, user, queryset: QuerySet | None = None) -> "SearchResult":
    """The cases that `params` (a QueryDict, or a dict of str to str or list of str) select for `user`.

    The page's cases are read from `queryset` (default: every case), whose prefetches they keep, and come
    with their tags (domains, partnership types, engagement practices, dynamics, regions, departments) as
    `Case.objects.for_cards()` gives them: on PostgreSQL from the search's own state, without a query.
    Invalid parameters give a result with `is_valid` False, empty, and nothing raised.
    """
    return SearchResult(_query_dict(params), user=user, queryset=queryset)


def similar(
    case: Case, *, weights: dict[str, int], per_tag: int, words: str, words_weight: int, limit: int
) -> list[int]:
    """The ids of the `limit` published cases closest to `case`, best first (never `case` itself).

    Each tag of `case` through a many-to-many field named in `weights` gives that weight to the `per_tag`
    newest cases holding it (the highest ids, unpublished ones taking their place before they are left
    out), so that the cost does not grow with the base; the search for `words` gives `words_weight` to its
    `per_tag` most recently published matches. The highest sum comes first, then the most recently
    published. On PostgreSQL from the search's state (no query beyond the words' search), elsewhere by one
    query over the tag tables, whose tags `case` should carry prefetched.
    """
    result = search({"q": words, "sort": Sort.RECENT}, user=None) if words else None
    found = result.ids(limit=per_tag) if result is not None else []
    if not is_postgresql():
        return similar_sql(case, weights, per_tag, found, words_weight, limit)
    if result is not None and isinstance(result._engine, PostgresSearch):
        state = result._engine.state
    else:
        state = _current_state()
    return similar_in(state, case.pk, weights, per_tag, found, words_weight, limit)


def with_tags(cases: list[Case]) -> None:
    """Give `cases` their tags (domains, partnership types, engagement practices, dynamics, regions,
    departments) as `Case.objects.for_cards()` prefetches them: on PostgreSQL from the search's state, in one
    query for its version, elsewhere by that prefetch (a query per relation)."""
    if not cases:
        return
    if is_postgresql():
        attach_terms(_current_state(), cases)
    else:
        prefetch_related_objects(cases, *(facet.case_field for facet in TAG_FACETS))


def _current_state():
    run_pending()  # the transaction's own edits first, as a search does
    with connection.cursor() as cursor:
        return current_state(cursor)


class SearchResult(Sequence):
    """The results as paginators read them (`count()`, slices), with the facets and suggestions."""

    def __init__(self, params: QueryDict, *, user, queryset: QuerySet | None):
        self.curator = may_see_drafts(user)
        self.queryset = queryset if queryset is not None else Case.objects.all()
        self._engine = None
        postgresql = is_postgresql()
        # On PostgreSQL, the vocabularies' values are checked against the terms of the state this process
        # holds, without a query; a value they refuse is checked again by the database (the state may be
        # older than a new term), and values they accept are checked again against the current state's
        # terms when the search data has moved since (a term may be gone).
        self._check(params, held_state() if postgresql else None)
        if not self.is_valid:
            return
        run_pending()
        if postgresql:
            with connection.cursor() as cursor:
                self._engine = PostgresSearch(self._cleaned, curator=self.curator, cursor=cursor)
            state = self._engine.state
            if self._checked_by is not None and self._checked_by is not state:
                self._check(params, state)
                if not self.is_valid:
                    self._engine = None
        else:
            base = Case.objects.all() if self.curator else Case.objects.published()
            self._engine = SqliteSearch(self.filterset, base)

    def _check(self, params: QueryDict, state) -> None:
        """Validate `params` against the terms of `state`, and by the database if they refuse a value."""
        self._validate(params, state)
        if not self.is_valid and state is not None:
            self._validate(params, None)

    def _validate(self, params: QueryDict, state) -> None:
        """Validate `params` with `CaseFilter`, against the terms of `state` (by the database when None)."""
        self.filterset = CaseFilter(
            params, queryset=Case.objects.none(), terms=state.vocabulary if state is not None else None
        )
        self.form = self.filterset.form
        self.is_valid = self.filterset.is_valid()
        self.errors = self.filterset.errors
        self._checked_by = state
        self._cleaned = cleaned = self.form.cleaned_data if self.is_valid else {}
        self.query = (cleaned.get("q") or "").strip()
        self.sort = cleaned.get("sort") or ""

    # Counting ---------------------------------------------------------------------------------------

    @cached_property
    def _total(self) -> int:
        if self._engine is None:
            return 0
        if isinstance(self._engine, PostgresSearch):
            return len(self._engine.matched)
        return self._sqlite_ordered.count()

    def count(self) -> int:
        return self._total

    def __len__(self) -> int:
        return self._total

    @cached_property
    def facets(self) -> dict[str, list[dict]]:
        """`{param: [{"value", "label", "count"}, …]}`: each facet counted under every filter but its own."""
        if self._engine is None:
            return {facet.param: [] for facet in FACETS}
        return self._engine.facets()

    @cached_property
    def suggestions(self) -> list[str]:
        """Titles close to a search that found nothing ("did you mean"), by trigram similarity on
        PostgreSQL; SQLite suggests nothing."""
        if not self.query or self._total or not isinstance(self._engine, PostgresSearch):
            return []
        with connection.cursor() as cursor:
            return self._engine.suggestions(self.query, SUGGESTIONS, cursor)

    # Reading ----------------------------------------------------------------------------------------

    @cached_property
    def _sqlite_ordered(self) -> QuerySet:
        base = self.queryset.for_cards()
        return self._engine.ordered(base if self.curator else base.published())

    def ids(self, limit: int | None = None) -> list[int]:
        """Every matching case's id (or the first `limit`), in the result's order."""
        if self._engine is None:
            return []
        stop = self._total if limit is None else min(limit, self._total)
        if isinstance(self._engine, PostgresSearch):
            return self._engine.ordered(self.sort, 0, stop)
        return list(self._sqlite_ordered.values_list("pk", flat=True)[:stop])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, index.stop
        stop = self._total if stop is None else min(stop, self._total)
        if self._engine is None or stop <= start:
            return []
        if isinstance(self._engine, PostgresSearch):
            ids = self._engine.ordered(self.sort, start, stop)
            # Unordered: the page's order is the ids' (the model's default order only cost its compiling).
            found = {case.pk: case for case in self.queryset.filter(pk__in=ids).order_by()}
            cases = [found[pk] for pk in ids if pk in found]
            self._engine.attach_tags(cases)
            return cases
        return list(self._sqlite_ordered[start:stop])

    def highlight(self, cases: list[Case]) -> tuple[dict, dict]:
        """The marked summaries and passages of a page's `cases` (see `highlight_cards`): a case whose title
        or summary already holds every searched word gets no passage, as its card shows them; on
        PostgreSQL, a summary that holds no searched word is not sent to be marked."""
        if not self.query or not cases:
            return {}, {}
        if isinstance(self._engine, PostgresSearch):
            ids = [case.pk for case in cases]
            unmarked = set(ids) - self._engine.summary_words(ids)
            return highlight_cards(
                cases,
                self.query,
                without_passage=self._engine.summarised(ids),
                unmarked_summaries=unmarked,
                lexemes=self._engine.word_lexemes(),
            )
        return highlight_cards(cases, self.query, without_passage=summarised_cases(cases, self.query))

    @property
    def searched(self) -> bool:
        return bool(self.query)

    @property
    def default_sort(self) -> str:
        return Sort.RELEVANCE if self.query else Sort.RECENT
