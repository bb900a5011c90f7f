"""The search on SQLite (the embedded demo): FTS5 matches the words (cases.search.schema's table of folded
text, whole words, never substrings), the ORM filters of cases.filters select the rest, and the facets are
counted by one SQL query per facet in use (plus one for the others)."""

import difflib
from collections import Counter

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from cases.facets import FACETS, Facet, labelled, term_label_rows
from cases.filters import CaseFilter, Sort, filtered
from cases.models import Case
from cases.search.query import STOP_WORDS, fold, fts_match, parse, written_words
from cases.search.schema import FTS
from cases.search.text import marked_cards

CUTOFF = 0.75  # how close (difflib's ratio) a word must be to be offered for a misspelt one
_MATCHING = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608


class SqliteBackend:
    def __init__(self, cleaned: dict, filterset: CaseFilter, *, curator: bool):
        self.filterset, self.curator = filterset, curator
        self.searched = bool((cleaned.get("q") or "").strip())
        self.alternatives = parse(cleaned.get("q") or "", cleaned.get("spellings"))
        self.sort = cleaned.get("sort") or ""
        self.match = fts_match(self.alternatives)
        self.any_match = fts_match(self.alternatives, any_term=True)

    def _subset(self, base: QuerySet, exclude: str | None = None) -> QuerySet:
        found = filtered(self.filterset, base if self.curator else base.published(), exclude)
        if not self.searched:
            return found
        if self.match is None:
            return found.none()  # stop words only, as on PostgreSQL
        return found.filter(pk__in=RawSQL(_MATCHING, [self.match]))  # noqa: S611 (the words go as a parameter)

    def ordered(self, queryset: QuerySet) -> QuerySet:
        found = self._subset(queryset)
        if self.sort == Sort.TITLE:
            return found.order_by("title", "pk")
        if self.sort == Sort.RECENT or self.any_match is None:
            return found.order_by("-published_at", "-pk")
        tier = RawSQL(  # noqa: S611 (the words go as parameters)
            f"CASE WHEN {Case._meta.db_table}.id IN ({_MATCHING}) THEN 0"  # noqa: S608
            f" WHEN {Case._meta.db_table}.id IN ({_MATCHING}) THEN 1 ELSE 2 END",
            [f"title : ({self.any_match})", f"summary : ({self.any_match})"],
            output_field=IntegerField(),
        )
        return found.annotate(tier=tier).order_by("tier", "is_fictitious", "-published_at", "-pk")

    def ids(self, start: int, stop: int | None) -> list[int]:
        return list(self.ordered(Case.objects.all()).values_list("pk", flat=True)[start:stop])

    def page(self, queryset: QuerySet, start: int, stop: int | None) -> list[Case]:
        return list(self.ordered(queryset)[start:stop])

    def highlights(self, cases: list[Case]) -> dict[int, tuple[str | None, str | None]]:
        return marked_cards(cases, self.alternatives)

    def suggestions(self, words: str, limit: int) -> list[str]:
        return []  # SQLite has no trigram similarity: the zero-result help (cases.search.help) remains

    def closest_words(self, query_words: list[str], known: dict[str, str]) -> dict[str, str]:
        """The closest word, as written, of the published titles or of `known` (written form to unaccented
        form) to each of the unaccented `query_words` (difflib: SQLite has no trigram similarity), the word
        itself when known; an unaccented form written several ways is offered as most titles write it."""
        titles: Counter[str] = Counter()
        for title in Case.objects.published().values_list("title", flat=True).iterator():
            titles.update(set(written_words(title)))
        # Each unaccented form as most titles write it (ties: alphabetical), else as a vocabulary writes it.
        forms: dict[str, str] = {}
        for word, _count in sorted(titles.items(), key=lambda item: (-item[1], item[0])):
            if len(word) > 2 and fold(word) not in STOP_WORDS:
                forms.setdefault(fold(word), word)
        for word in sorted(known):
            forms.setdefault(known[word], word)
        closest = {}
        for word in query_words:
            found = [word] if word in forms else difflib.get_close_matches(word, forms, n=1, cutoff=CUTOFF)
            if found:
                closest[word] = forms[found[0]]
        return closest

    def count(self) -> int:
        return self._subset(Case.objects.all()).count()

    count_alone = count  # the facets are counted apart on SQLite

    def facets(self) -> dict[str, list[dict]]:
        cleaned = self.filterset.form.cleaned_data
        active = [facet for facet in FACETS if cleaned.get(facet.param)]
        groups = [([facet for facet in FACETS if facet not in active], self._subset(Case.objects.all()))]
        groups += [([facet], self._subset(Case.objects.all(), exclude=facet.param)) for facet in active]
        counts: dict[str, list[tuple[str, int]]] = {facet.param: [] for facet in FACETS}
        for facets, queryset in groups:
            if facets:
                counts.update(_count(facets, queryset))
        names = {(param, value): (name, position) for param, value, name, position, _key in term_label_rows()}
        return labelled(counts, names)


def _facet_sql(facet: Facet) -> str:
    distinct = "DISTINCT " if facet.case_field is None else ""
    return (
        f"SELECT '{facet.param}', t.{facet.value_field}, COUNT({distinct}x.case_id) FROM {facet.join_sql}"  # noqa: S608
        f" WHERE x.case_id IN (SELECT id FROM base) GROUP BY t.{facet.value_field}"
    )


def _count(facets: list[Facet], queryset: QuerySet) -> dict[str, list[tuple[str, int]]]:
    rows: dict[str, list[tuple[str, int]]] = {facet.param: [] for facet in facets}
    try:
        ids_sql, params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:  # nothing can match, and Django knows it
        return rows
    sql = f"WITH base (id) AS ({ids_sql}) " + " UNION ALL ".join(_facet_sql(facet) for facet in facets)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            rows[param].append((str(value), count))
    return rows
