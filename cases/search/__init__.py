"""Case search: the one entry point of every caller (`/cas/`, the API list and its CSV, the feeds, the
admin's search box, similar cases).

    result = search(params, user=request.user)
    result.is_valid, result.errors, result.form   # the parameters, validated by cases.filters.CaseFilter
    len(result), result[0:20], result.ids()       # the exact total, a page of cases, every id in order
    result.facets, result.suggestions, result.help

Behind it, one backend per database, chosen once: PostgreSQL's own full-text search over the search rows
the database keeps (cases.search.postgres, cases.search.schema), FTS5 on SQLite (cases.search.sqlite).
Both read the words the same way (cases.search.query). Who reads is a parameter: the public sees the
published cases, those who may change cases see every one; either is read from the live case rows.
"""

from collections.abc import Sequence
from functools import cached_property

from django.db.models import QuerySet, prefetch_related_objects
from django.http import QueryDict

from cases.facets import FACETS, TAG_FACETS
from cases.filters import CaseFilter
from cases.models import Case, EquivalentSpelling
from cases.search.help import zero_result_help
from cases.search.index import defer_search_rows, is_postgresql, rebuild, reindex_deferred, unsearchable
from cases.search.postgres import PostgresBackend
from cases.search.query import STOP_WORDS, significant_words, spelling_pairs
from cases.search.sqlite import SqliteBackend

__all__ = [
    "SearchResult",
    "defer_search_rows",
    "is_postgresql",
    "may_see_drafts",
    "rebuild",
    "reindex_deferred",
    "search",
    "significant_words",
    "unsearchable",
    "with_tags",
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
    with the tags their cards show, as `Case.objects.for_cards()` prefetches them. Invalid parameters give
    a result with `is_valid` False, empty, and nothing raised.
    """
    return SearchResult(_query_dict(params), user=user, queryset=queryset)


def with_tags(cases: list[Case]) -> None:
    """Give `cases` every tag of the facets (domains … departments), read through their relations."""
    if cases:
        prefetch_related_objects(cases, *(facet.case_field for facet in TAG_FACETS))


class SearchResult(Sequence):
    """The results as paginators read them (`count()`, slices), with the facets and the zero-result help."""

    def __init__(self, params: QueryDict, *, user, queryset: QuerySet | None):
        self.curator = may_see_drafts(user)
        self.queryset = queryset if queryset is not None else Case.objects.all()
        self.filterset = CaseFilter(params, queryset=Case.objects.none())
        self.form = self.filterset.form
        self.is_valid = self.filterset.is_valid()
        self.errors = self.filterset.errors
        cleaned = self.form.cleaned_data if self.is_valid else {}
        self.query = (cleaned.get("q") or "").strip()
        self.sort = cleaned.get("sort") or ""
        self.backend = None
        if not self.is_valid:
            return
        if self.query:
            spellings = spelling_pairs(EquivalentSpelling.objects.values_list("spelling", "equivalent"))
            cleaned = {**cleaned, "spellings": spellings}
        if is_postgresql():
            self.backend = PostgresBackend(cleaned, curator=self.curator)
        else:
            self.backend = SqliteBackend(cleaned, self.filterset, curator=self.curator)

    @cached_property
    def _total(self) -> int:
        return self.backend.count() if self.backend is not None else 0

    def count(self) -> int:
        return self._total

    def count_alone(self) -> int:
        """The exact total without computing the facets (when only the number is read)."""
        if "_total" in self.__dict__ or self.backend is None:
            return self.count()
        return self.backend.count_alone()

    def __len__(self) -> int:
        return self._total

    @cached_property
    def facets(self) -> dict[str, list[dict]]:
        """`{param: [{"value", "label", "count"}, …]}`: each facet counted under every filter but its own."""
        if self.backend is None:
            return {facet.param: [] for facet in FACETS}
        return self.backend.facets()

    @cached_property
    def help(self) -> dict:
        """On a search that found nothing: `did_you_mean` (the query respelt from the words of titles and
        vocabularies), `terms` (vocabulary terms whose names hold a searched word: `{"param", "value",
        "label"}`), `relaxed` (the query without its rarest term, with its count); empty otherwise."""
        if self.backend is None or not self.query or self._total:
            return {}
        return zero_result_help(
            self.query,
            self.backend.alternatives,
            lambda q: search({"q": q}, user=None).count_alone(),
            self.backend.closest_words,
        )

    @cached_property
    def suggestions(self) -> list[str]:
        """Titles close to a search that found nothing (by trigram similarity on PostgreSQL; none on SQLite)."""
        if self.backend is None or self._total:
            return []
        searched = [part.forms[0] for parts in self.backend.alternatives for part in parts if not part.negated]
        words = " ".join(dict.fromkeys(word for form in searched for word in form if word not in STOP_WORDS))
        if not words:
            return []
        return self.backend.suggestions(words, SUGGESTIONS)

    def ids(self, limit: int | None = None) -> list[int]:
        """Every matching case's id (or the first `limit`), in the result's order."""
        return self.backend.ids(0, limit) if self.backend is not None else []

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, index.stop
        if self.backend is None or (stop is not None and stop <= start):
            return []
        return self.backend.page(self.queryset.for_cards(), start, stop)

    def highlight(self, cases: list[Case]) -> tuple[dict, dict]:
        """The marked summaries and passages of a page's `cases`: the summary escaped then marked, and a
        passage of the body only for a case whose summary shows no searched word."""
        if not self.query or not cases or self.backend is None:
            return {}, {}
        marked = self.backend.highlights(cases)
        summaries = {pk: summary for pk, (summary, _passage) in marked.items() if summary}
        passages = {pk: passage for pk, (_summary, passage) in marked.items() if passage and "<mark>" in passage}
        return summaries, passages
