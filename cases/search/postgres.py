"""The search on PostgreSQL: its own full-text search over one search row per case.

`cases_searchentry` holds, per case, the weighted document vector (title A, summary B, its own text C, the
names it is filed under D), the title and summary vectors of the relevance tiers and the case's filter
values as `param:value` tags (also lexemes of the document); the database keeps it in step
(cases.search.schema). What a reader may see is always read from the live `cases_case` row. A search is one
query: the count with every facet's counts and labels, and the first ids of the result in order
(docs/search.md).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from cases.facets import FACETS, labelled, term_labels_sql
from cases.filters import Sort
from cases.models import Case, SearchEntry
from cases.search.query import CONFIG, STOP_WORDS, parse, tsquery_sql
from cases.search.text import PLAIN_BODY_SQL, escaped_sql
from cases.search.words import CLOSEST_WORDS_SQL
from foundation.cache import cached_by_content

CASES = Case._meta.db_table
ENTRIES = SearchEntry._meta.db_table
SIMILARITY = 0.35  # the least trigram word similarity of a suggested title
WORD_SIMILARITY = 0.4  # the least trigram similarity of a word offered for a misspelt one
_PASSAGE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
_SUMMARY_OPTIONS = "StartSel=<mark>, StopSel=</mark>, HighlightAll=true"
# The matches' rows and tags are held in memory while they are counted (100,000 matches take about 40 MB).
WORK_MEM = "64MB"
FIRST = 100  # the summary gives the first ids of the result too (the pages of the site and of the API)
# A word in more than this share of the cases counts its facets over the cases without it (`_aggregate`): each
# of those is a lookup of its search row, which costs more than a match's tags read with the matches; below
# nine in ten, the matches' own tags are the cheaper read (bench/README.md, "Counting what a word leaves out").
MOST = 0.9
_ESCAPED_SUMMARY = escaped_sql("coalesce(c.summary, '')")


def _safe(text: str | None) -> SafeString | None:
    return mark_safe(text) if text else None  # noqa: S308 (escaped in SQL before marking)


def _values(facet, chosen) -> list[str]:
    """The `param:value` tags of a facet's cleaned values (terms, or organisation kinds)."""
    if facet.case_field is None:
        return [f"{facet.param}:{value}" for value in chosen or []]
    return [f"{facet.param}:{getattr(term, facet.value_field)}" for term in chosen or []]


def _lexeme(tag: str) -> str:
    """A tag as a lexeme of a tsquery's text."""
    return "'" + tag.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend:
    def __init__(self, cleaned: dict, *, curator: bool):
        self.curator = curator
        self.alternatives = parse(cleaned.get("q") or "", cleaned.get("spellings"))
        self.searched = bool((cleaned.get("q") or "").strip())
        self.sort = cleaned.get("sort") or ""
        where, params = ([] if curator else ["c.status = %s"]), ([] if curator else [Case.Status.PUBLISHED])
        # Every visible case: no word, no year (filters aside).
        self.yearless = cleaned.get("year_min") is None and cleaned.get("year_max") is None
        self.whole = not self.searched and self.yearless
        self.words = None  # the tsquery SQL of the searched words (with its parameters)
        # Words alone, no phrase: their matches are found by the index without reading a document.
        self.wordy = not any(part.phrase for parts in self.alternatives for part in parts)
        if self.searched:
            self.words = tsquery_sql(self.alternatives)
            if self.words is None:
                where.append("false")  # stop words only: PostgreSQL finds nothing, and the page says why
        if cleaned.get("year_min") is not None:
            where.append("coalesce(c.end_year, c.start_year) >= %s")
            params.append(cleaned["year_min"])
        if cleaned.get("year_max") is not None:
            where.append("c.start_year <= %s")
            params.append(cleaned["year_max"])
        self.base_sql, self.base_params = " AND ".join(where) or "true", params
        self.filters = {facet.param: tags for facet in FACETS if (tags := _values(facet, cleaned.get(facet.param)))}
        self._summary = None
        self._first = None  # the first ids of the result, read with the summary

    @contextmanager
    def _cursor(self) -> Iterator:
        """A cursor for the search's statements, in a transaction of its own whose settings plan them (see
        bench/README.md, "The search's plans"): a searched word is matched through the document vectors' GIN
        index (see `_matches`), never by reading every case's vector (the planner does not count the cost of
        unpacking a vector from its TOAST table, and reads the whole table when most cases match); no JIT
        compilation (the disabled sequential scans' costs would start it for a few milliseconds of work); the
        matches' tags are counted in memory. The search only reads: its transaction (a savepoint inside a caller's)
        is rolled back, which ends the settings with it."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), set_config('jit', 'off', true),"
                " set_config('work_mem', %s, true)",
                ["off" if self.searched else "on", WORK_MEM],
            )
            yield cursor
            transaction.set_rollback(True)

    def _matches(self, groups: list[list[str]], *, apart: bool = True) -> tuple[str, list]:
        """`FROM … WHERE …` of the search rows (as `e`) and the cases (as `c`) that pass the base (visibility,
        years), the searched words and the filters of the facets of at least one of `groups` (every facet of
        a group: the filters `&&` its values); `[[]]`: no filter.

        The search rows are chosen apart from the cases (`OFFSET 0`: the planner keeps the subquery as it is
        and no case id reaches into it), so that a word is looked up in the document's GIN index, which
        reads no document, rather than checked on each row: every match is read. `apart` False, for the
        first few by date, leaves the planner free to walk the cases by date and check the word on each until
        it has enough. A case's tags are lexemes of its document too (cases.search.schema): with a word, the
        words and the filters are that one lookup."""
        condition, params = "true", []
        if not [group for group in groups if not group]:  # some filter is required
            if self.words is not None:
                query = " | ".join(
                    "(" + " & ".join("(" + " | ".join(map(_lexeme, self.filters[name])) + ")" for name in group) + ")"
                    for group in groups
                )
                condition, params = f"e.document @@ (({self.words[0]}) && %s::tsquery)", [*self.words[1], query]
            else:
                condition = " OR ".join(" AND ".join(["e.tags && %s::text[]"] * len(group)) for group in groups)
                params = [self.filters[name] for group in groups for name in group]
        elif self.words is not None:
            condition, params = f"e.document @@ ({self.words[0]})", list(self.words[1])
        entries = (
            f"SELECT e.case_id, e.tags, e.title_vector, e.summary_vector FROM {ENTRIES} AS e"  # noqa: S608
            f" WHERE {condition}{' OFFSET 0' if apart else ''}"
        )
        sql = f"FROM ({entries}) AS e JOIN {CASES} AS c ON c.id = e.case_id WHERE {self.base_sql}"
        return sql, [*params, *self.base_params]

    def summary(self) -> tuple[int, dict[str, list[dict]]]:
        """The exact count and every facet's counts (each under every filter but its own), with the first
        ids of the result (unless it is ordered by title), in one query.

        Only the rows some count needs are read: with two filtered facets or more, the cases that pass every
        filter but at most one. With no word and no year, the answer for every visible case (the unfiltered
        list, and the counts of a facet filtered alone) is kept until the content changes
        (`foundation.cache`)."""
        if self._summary is not None:
            return self._summary
        names, first = list(self.filters), self.sort != Sort.TITLE
        if self.whole and len(names) <= 1:
            whole = self._whole(first)
            if names:
                total, counts, labels, self._first = self._aggregate(names, others=False, first=first)
                counts[names[0]] = whole[1][names[0]]
            else:
                total, counts, labels, self._first = whole
        elif (
            self.words is not None
            and self.yearless
            and settings.CONTENT_CACHE
            and (not names or (len(names) == 1 and self.wordy))
        ):
            total, counts, labels, self._first = self._aggregate(names, first=first, complement=True)
        else:
            total, counts, labels, self._first = self._aggregate(names, first=first)
        self._summary = total, labelled(counts, labels)
        return self._summary

    def _whole(self, first: bool) -> tuple:
        """The answer for every visible case, kept until the content changes (`foundation.cache`: under the
        search data's version too, which the database keeps, so that a write that sends no signal is followed)."""
        key = f"search-whole:{'all' if self.curator else 'published'}:{'recent' if first else 'title'}"
        return cached_by_content(
            key, lambda: PostgresBackend({"sort": self.sort}, curator=self.curator)._aggregate([], first=first)
        )

    def _aggregate(
        self, names: list[str], *, others: bool = True, first: bool = False, complement: bool = False
    ) -> tuple[int, dict[str, list[tuple[str, int]]], dict[tuple[str, str], tuple[str, int]], list[int] | None]:
        """(total, {param: [(value, count)]}, {(param, value): (label, position)}, first ids) for the filters
        of `names`, every facet counted under the others (`others` False: only the cases that pass every
        filter are read, and a filtered facet's counts are left to the caller); no filter when `names` is
        empty. `first`: the first ids of the result too, read from the same rows (else None).

        `complement` (words, no year, the content cache on; at most one filter, none with a phrase, whose
        matches would then be checked twice in the documents): when the words match more than `MOST` of the
        cases (as the statistics of the search rows count them), a facet counted under no filter (each one with
        no filter, the filtered one with a filter) is counted as every visible case's counts (kept until the
        content changes) minus those of the visible cases without the words, which are far fewer to read."""
        tags = [self.filters[name] for name in names]
        oks = "".join(f", e.tags && %s::text[] AS ok{index}" for index in range(len(names)))
        every = " AND ".join(f"ok{index}" for index in range(len(names))) or "true"
        cases = []
        for index, param in enumerate(names):
            rest = " AND ".join(f"ok{other}" for other in range(len(names)) if other != index) or "true"
            cases.append(f"WHEN starts_with(t, '{param}:') THEN {rest}")
        # A case that passes every filter counts all its tags (most of them, cheaply); one that fails a filter
        # counts only that facet's tags.
        condition = f"{every} OR CASE {' '.join(cases)} ELSE false END" if names else "true"
        flags = "".join(f", ok{index}" for index in range(len(names)))
        if not others:
            groups = [names]  # the cases that pass every filter
        elif len(names) < 2:
            groups = [[]]  # every case that matches
        else:  # the cases that pass every filter but at most one
            groups = [[other for other in names if other != name] for name in names]
        matches, matches_params = self._matches(groups)
        tier = self._tier() if first else None
        columns = ", e.case_id AS id, c.is_fictitious, c.published_at" if first else ""
        columns += f", {tier[0]} AS tier" if tier else ""
        unnested = f"SELECT 'tag', t, NULL, NULL, count(*) FROM (SELECT unnest(m.tags) AS t{flags} FROM m) AS x"  # noqa: S608
        select, select_params = f"SELECT e.case_id, e.tags{oks}{columns}", [*tags, *(tier[1] if tier else [])]
        if not complement:
            parts = [
                f"WITH m AS MATERIALIZED ({select} {matches})"  # noqa: S608
                f" SELECT 'count', NULL, NULL, NULL::int, count(*) FILTER (WHERE {every}) FROM m",
                f"{unnested} WHERE {condition} GROUP BY t",
            ]
            params = [*select_params, *matches_params]
        else:
            # `big`: the words match more than `MOST` of the cases. `m` is either every match (counted as without
            # complement) or, with a filter, only the matches that pass it; `w` the ids of every match.
            big = (
                "big AS (SELECT coalesce(count(*) > (SELECT reltuples * %s FROM pg_class"
                " WHERE oid = %s::regclass AND reltuples > 0), false) AS yes FROM {ids})"
            )
            gate = "(SELECT yes FROM big)"
            if names:
                filtered, filtered_params = self._matches([names])
                head = (
                    f"WITH w AS MATERIALIZED (SELECT e.case_id FROM {ENTRIES} AS e"  # noqa: S608
                    f" WHERE e.document @@ ({self.words[0]}) OFFSET 0), {big.format(ids='w')},"
                    f" m AS MATERIALIZED ({select} {matches} AND NOT {gate}"
                    f" UNION ALL {select} {filtered} AND {gate})"
                )
                params = [
                    *self.words[1],
                    MOST,
                    ENTRIES,
                    *select_params,
                    *matches_params,
                    *select_params,
                    *filtered_params,
                ]
            else:
                head = f"WITH m AS MATERIALIZED ({select} {matches}), {big.format(ids='m')}"  # noqa: S608
                params = [*select_params, *matches_params, MOST, ENTRIES]
            own = f" AND starts_with(t, '{names[0]}:')" if names else ""
            parts = [
                f"{head} SELECT 'count', NULL, NULL, {gate}::int, count(*) FILTER (WHERE {every}) FROM m",  # noqa: S608
                f"{unnested} WHERE NOT {gate} AND ({condition}) GROUP BY t",
                # The visible cases without the words, then each one's tags (a few lookups, not a scan).
                f"SELECT 'without', t, NULL, NULL, count(*) FROM (SELECT unnest(e.tags) AS t"  # noqa: S608
                f" FROM (SELECT c.id FROM {CASES} AS c WHERE {self.base_sql}"
                f" AND c.id NOT IN (SELECT case_id FROM {'w' if names else 'm'})) AS c,"
                f" LATERAL (SELECT e.tags FROM {ENTRIES} AS e WHERE e.case_id = c.id OFFSET 0) AS e) AS x"
                f" WHERE {gate}{own} GROUP BY t",
            ]
            if names:  # the other facets, under the filter
                parts.insert(2, f"{unnested} WHERE {gate} AND NOT starts_with(t, '{names[0]}:') GROUP BY t")
            params += self.base_params
        if first:
            order = self._order("", "tier" if tier else None)
            keys = "id, is_fictitious, published_at" + (", tier" if tier else "")
            parts.append(
                f"SELECT 'id', NULL, NULL, (row_number() OVER (ORDER BY {order}))::int, id"  # noqa: S608
                f" FROM (SELECT {keys} FROM m WHERE {every} ORDER BY {order} LIMIT {FIRST}) AS f"
            )
        labels_sql, labels_params = term_labels_sql()
        parts.append(
            "SELECT 'label', l.param || ':' || l.value, l.name, l.position, NULL"  # noqa: S608
            f" FROM ({labels_sql}) AS l (param, value, name, position, key)"
        )
        params += labels_params
        with self._cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
        total, counts, labels, ids, without, big = 0, {facet.param: [] for facet in FACETS}, {}, [], {}, False
        for kind, key, name, position, count in rows:
            if kind == "count":
                total, big = count, bool(position)
            elif kind == "without":
                without[key] = count
            elif kind == "id":
                ids.append((position, count))
            elif kind == "tag":
                param, _, value = key.partition(":")
                if param in counts:
                    counts[param].append((value, count))
            else:
                param, _, value = key.partition(":")
                labels[(param, value)] = (name, position)
        if big:
            whole = self._whole(first)
            for param in names or counts:
                pairs = ((value, count - without.get(f"{param}:{value}", 0)) for value, count in whole[1][param])
                # Positive but for an edit committed between this query and the content version's bump.
                counts[param] = [(value, count) for value, count in pairs if count > 0]
        return total, counts, labels, [pk for _position, pk in sorted(ids)] if first else None

    def count(self) -> int:
        return self.summary()[0]

    def count_alone(self) -> int:
        """The exact count without the facets' (what the zero-result help reads of other queries): one
        query that reads no tags, unless the summary is known already."""
        if self._summary is not None:
            return self._summary[0]
        matches, params = self._matches([list(self.filters)])
        with self._cursor() as cursor:
            cursor.execute(f"SELECT count(*) {matches}", params)  # noqa: S608
            return cursor.fetchone()[0]

    def facets(self) -> dict[str, list[dict]]:
        return self.summary()[1]

    def _tier(self) -> tuple[str, list] | None:
        """The relevance tier of a match, when the result is ordered by relevance: a searched word in the
        title (0), in the summary (1), elsewhere (2)."""
        found = tsquery_sql(self.alternatives, any_term=True) if self.searched else None
        if found is None or self.sort not in {"", Sort.RELEVANCE}:
            return None
        sql = f"CASE WHEN e.title_vector @@ ({found[0]}) THEN 0 WHEN e.summary_vector @@ ({found[0]}) THEN 1 ELSE 2 END"
        return sql, found[1] * 2

    def _order(self, columns: str, tier: str | None) -> str:
        """The result's order, by the tier when there is one, then the source's real cases before the demo's
        fictitious ones, then the most recent (`columns`: the columns' prefix)."""
        recent = f"{columns}published_at DESC, {columns}id DESC"
        return f"{tier}, {columns}is_fictitious, {recent}" if tier is not None else recent

    def ids(self, start: int, stop: int | None) -> list[int]:
        """The ids of the matches at positions [start, stop) in the result's order (the first ones come
        with the summary, when it has been read)."""
        if self._first is not None and (len(self._first) < FIRST or (stop is not None and stop <= FIRST)):
            return self._first[start:stop]
        tier = self._tier() if self.sort != Sort.TITLE else None
        # The most recent first, a few of them: the planner may walk the cases by date and stop early.
        by_date = self.sort != Sort.TITLE and tier is None and stop is not None
        matches, params = self._matches([list(self.filters)], apart=not by_date)
        if self.sort == Sort.TITLE:
            order = 'c.title COLLATE "fr-x-icu", c.id'
        else:
            order = self._order("c.", tier[0] if tier else None)
            params += tier[1] if tier else []
        sql = (
            f"SELECT e.case_id {matches} ORDER BY {order}"  # noqa: S608
            f"{' LIMIT %s' if stop is not None else ''} OFFSET %s"
        )
        params += [stop - start] if stop is not None else []
        with self._cursor() as cursor:
            cursor.execute(sql, [*params, start])
            return [row[0] for row in cursor.fetchall()]

    def page(self, queryset: QuerySet, start: int, stop: int | None) -> list[Case]:
        ids = self.ids(start, stop)
        found = queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def highlights(self, cases: list[Case]) -> dict[int, tuple[str | None, str | None]]:
        """Each case's summary and body passage marked by `ts_headline` (escaped first), in one query; a
        passage only where the title and summary do not show every searched term, and the case holds a
        searched word elsewhere (its document vector, read rather than its body parsed again: a passage of
        a body that holds none has no mark, and `SearchResult.highlight` leaves it out)."""
        ids = [case.pk for case in cases]
        marks, whole = tsquery_sql(self.alternatives, any_term=True), tsquery_sql(self.alternatives)
        if marks is None or whole is None or not ids:
            return {}
        sql = (
            f"WITH q AS (SELECT {marks[0]} AS q, {whole[0]} AS w) "  # noqa: S608
            f"SELECT c.id, CASE WHEN e.summary_vector @@ q.q"
            f" THEN ts_headline(%s::regconfig, {_ESCAPED_SUMMARY}, q.q, %s) END,"
            f" CASE WHEN NOT (e.title_vector || e.summary_vector) @@ q.w"
            f" AND e.document @@ q.q"
            f" THEN ts_headline(%s::regconfig, {PLAIN_BODY_SQL}, q.q, %s) END"
            f" FROM {ENTRIES} AS e JOIN {CASES} AS c ON c.id = e.case_id, q WHERE c.id = ANY(%s)"
        )
        params = [*marks[1], *whole[1], CONFIG, _SUMMARY_OPTIONS, CONFIG, _PASSAGE_OPTIONS, ids]
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
