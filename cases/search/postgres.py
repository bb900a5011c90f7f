"""The search on PostgreSQL: its own full-text search over one search row per case.

`cases_searchentry` holds, per case, the weighted document vector (title A, summary B, the rest C), the
title and summary vectors of the relevance tiers and the case's filter values as `param:value` tags; the
database keeps it in step (cases.search.schema). What a reader may see is always read from the live
`cases_case` row. A search is two queries: the count with every facet's counts and labels, and the page's
ids in order.
"""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from cases.facets import FACETS, labelled, term_labels
from cases.filters import Sort
from cases.models import Case, SearchEntry
from cases.search.query import CONFIG, STOP_WORDS, parse, tsquery_sql
from cases.search.text import PLAIN_BODY_SQL
from cases.search.words import CLOSEST_WORDS_SQL

CASES = Case._meta.db_table
ENTRIES = SearchEntry._meta.db_table
SIMILARITY = 0.35  # the least trigram word similarity of a suggested title
WORD_SIMILARITY = 0.4  # the least trigram similarity of a word offered for a misspelt one
_PASSAGE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
_SUMMARY_OPTIONS = "StartSel=<mark>, StopSel=</mark>, HighlightAll=true"
_ESCAPED_SUMMARY = "replace(replace(replace(coalesce(c.summary, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


def _safe(text: str | None) -> SafeString | None:
    return mark_safe(text) if text else None  # noqa: S308 (escaped in SQL before marking)


def _values(facet, chosen) -> list[str]:
    """The `param:value` tags of a facet's cleaned values (terms, or organisation kinds)."""
    if facet.case_field is None:
        return [f"{facet.param}:{value}" for value in chosen or []]
    return [f"{facet.param}:{getattr(term, facet.value_field)}" for term in chosen or []]


class PostgresBackend:
    def __init__(self, cleaned: dict, *, curator: bool):
        self.curator = curator
        self.alternatives = parse(cleaned.get("q") or "", cleaned.get("spellings"))
        self.searched = bool((cleaned.get("q") or "").strip())
        self.sort = cleaned.get("sort") or ""
        where, params = ([] if curator else ["c.status = %s"]), ([] if curator else [Case.Status.PUBLISHED])
        if self.searched:
            found = tsquery_sql(self.alternatives)
            if found is None:
                where.append("false")  # stop words only: PostgreSQL finds nothing, and the page says why
            else:
                where.append(f"e.document @@ ({found[0]})")
                params += found[1]
        if cleaned.get("year_min") is not None:
            where.append("coalesce(c.end_year, c.start_year) >= %s")
            params.append(cleaned["year_min"])
        if cleaned.get("year_max") is not None:
            where.append("c.start_year <= %s")
            params.append(cleaned["year_max"])
        self.base_sql, self.base_params = " AND ".join(where) or "true", params
        self.filters = {facet.param: tags for facet in FACETS if (tags := _values(facet, cleaned.get(facet.param)))}
        self._summary = None

    def _from(self) -> str:
        return f"{ENTRIES} AS e JOIN {CASES} AS c ON c.id = e.case_id"

    def _all_filters(self) -> tuple[str, list]:
        sql = " AND ".join(["e.tags && %s::text[]"] * len(self.filters)) or "true"
        return sql, list(self.filters.values())

    def summary(self) -> tuple[int, dict[str, list[dict]]]:
        """The exact count and every facet's counts (each under every filter but its own), in one query."""
        if self._summary is not None:
            return self._summary
        names = list(self.filters)
        oks = ", ".join(f"e.tags && %s::text[] AS ok{index}" for index in range(len(names)))
        every = " AND ".join(f"ok{index}" for index in range(len(names))) or "true"
        cases = []
        for index, param in enumerate(names):
            others = " AND ".join(f"ok{other}" for other in range(len(names)) if other != index) or "true"
            cases.append(f"WHEN '{param}' THEN {others}")
        condition = f"CASE split_part(t, ':', 1) {' '.join(cases)} ELSE {every} END" if names else "true"
        labels_sql, labels_params = term_labels().query.sql_with_params()
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.tags{', ' if oks else ''}{oks} FROM {self._from()}"  # noqa: S608
            f" WHERE {self.base_sql}) "
            f"SELECT 'count', NULL, NULL, NULL::int, count(*) FILTER (WHERE {every}) FROM m "
            f"UNION ALL SELECT 'tag', t, NULL, NULL, count(*) FROM m, unnest(m.tags) AS t WHERE {condition}"
            " GROUP BY t "
            f"UNION ALL SELECT 'label', l.param || ':' || l.value, l.name, l.position, NULL"
            f" FROM ({labels_sql}) AS l (param, value, name, position, key)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.filters.values(), *self.base_params, *labels_params])
            rows = cursor.fetchall()
        total, counts, labels = 0, {facet.param: [] for facet in FACETS}, {}
        for kind, key, name, position, count in rows:
            if kind == "count":
                total = count
            elif kind == "tag":
                param, _, value = key.partition(":")
                if param in counts:
                    counts[param].append((value, count))
            else:
                param, _, value = key.partition(":")
                labels[(param, value)] = (name, position)
        self._summary = total, labelled(counts, labels)
        return self._summary

    def count(self) -> int:
        return self.summary()[0]

    def count_alone(self) -> int:
        """The exact count without the facets' (what the zero-result help reads of other queries): one
        query that reads no tags, unless the summary is known already."""
        if self._summary is not None:
            return self._summary[0]
        filters, filter_params = self._all_filters()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {self._from()} WHERE {self.base_sql} AND {filters}",  # noqa: S608
                [*self.base_params, *filter_params],
            )
            return cursor.fetchone()[0]

    def facets(self) -> dict[str, list[dict]]:
        return self.summary()[1]

    def ids(self, start: int, stop: int | None) -> list[int]:
        """The ids of the matches at positions [start, stop) in the result's order."""
        filters, filter_params = self._all_filters()
        order, cte, cte_params = "c.published_at DESC, c.id DESC", "", []
        found = tsquery_sql(self.alternatives, any_term=True) if self.searched else None
        if self.sort == Sort.TITLE:
            order = 'c.title COLLATE "fr-x-icu", c.id'
        elif found is not None and self.sort in {"", Sort.RELEVANCE}:
            # Tiers: a searched word in the title, in the summary, elsewhere; the source's real cases
            # before the demo's fictitious ones; then the most recent.
            cte, cte_params = f"WITH q AS (SELECT {found[0]} AS q) ", found[1]
            order = (
                "CASE WHEN e.title_vector @@ q.q THEN 0 WHEN e.summary_vector @@ q.q THEN 1 ELSE 2 END,"
                f" c.is_fictitious, {order}"
            )
        sql = (
            f"{cte}SELECT e.case_id FROM {self._from()}{', q' if cte else ''}"  # noqa: S608
            f" WHERE {self.base_sql} AND {filters} ORDER BY {order}"
            f"{' LIMIT %s' if stop is not None else ''} OFFSET %s"
        )
        params = [*cte_params, *self.base_params, *filter_params]
        params += [stop - start] if stop is not None else []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, start])
            return [row[0] for row in cursor.fetchall()]

    def page(self, queryset: QuerySet, start: int, stop: int | None) -> list[Case]:
        ids = self.ids(start, stop)
        found = queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def highlights(self, cases: list[Case]) -> dict[int, tuple[str | None, str | None]]:
        """Each case's summary and body passage marked by `ts_headline` (escaped first), in one query; a
        passage only where the body holds a searched word and the title and summary do not show every
        searched term."""
        ids = [case.pk for case in cases]
        marks, whole = tsquery_sql(self.alternatives, any_term=True), tsquery_sql(self.alternatives)
        if marks is None or whole is None or not ids:
            return {}
        sql = (
            f"WITH q AS (SELECT {marks[0]} AS q, {whole[0]} AS w) "  # noqa: S608
            f"SELECT c.id, CASE WHEN e.summary_vector @@ q.q"
            f" THEN ts_headline(%s::regconfig, {_ESCAPED_SUMMARY}, q.q, %s) END,"
            f" CASE WHEN NOT (e.title_vector || e.summary_vector) @@ q.w"
            f" AND to_tsvector(%s::regconfig, coalesce(c.body, '')) @@ q.q"
            f" THEN ts_headline(%s::regconfig, {PLAIN_BODY_SQL}, q.q, %s) END"
            f" FROM {self._from()}, q WHERE c.id = ANY(%s)"
        )
        params = [*marks[1], *whole[1], CONFIG, _SUMMARY_OPTIONS, CONFIG, CONFIG, _PASSAGE_OPTIONS, ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # Escaped before `ts_headline` marked them (`_ESCAPED_SUMMARY`, `PLAIN_BODY_SQL`).
        return {pk: (_safe(summary), _safe(passage)) for pk, summary, passage in rows}

    def suggestions(self, words: str, limit: int) -> list[str]:
        """The visible titles closest to `words` by trigram word similarity (the title's trigram index)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(SIMILARITY)])
        cases = Case.objects.all() if self.curator else Case.objects.published()
        return list(
            cases.filter(title__trigram_word_similar=words)
            .annotate(similarity=TrigramWordSimilarity(words, "title"))
            .order_by("-similarity", "title")
            .values_list("title", flat=True)
            .distinct()[:limit]
        )

    def closest_words(self, words: list[str], known: dict[str, str]) -> dict[str, str]:
        """The closest word, as written, of the published titles or of `known` (written form to unaccented
        form) to each of the unaccented `words`: the word itself when a title holds it, none when nothing
        is close enough; one query, through the word table's trigram index (cases.search.words)."""
        written = sorted(known)
        params = [words, written, [known[word] for word in written], WORD_SIMILARITY, sorted(STOP_WORDS)]
        with connection.cursor() as cursor:
            cursor.execute(CLOSEST_WORDS_SQL, params)
            return dict(cursor.fetchall())
