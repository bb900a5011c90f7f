"""The search on PostgreSQL, evaluated on roaring bitmaps of case ids (pyroaring).

Per request: one query turns the query's words into PostgreSQL's own lexemes and fetches their postings
with the current version (cases.models.SearchPosting, SearchVersion); the content-wide state (each facet
value's cases, the statuses, the years, the date and title orders) is held in the process and reloaded
from the search rows in one query when the version has moved. A phrase of two lexemes at most three
positions apart is its pair's posting (`p:<a> <b> <gap>`); a longer one is checked by PostgreSQL on the
cases that hold all its pairs (a wider gap: all its words), in one more query. The rest is set algebra in
memory.
"""

import re
import threading
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import QuerySet
from pyroaring import BitMap

from cases.facets import FACETS, TAG_FACETS, labelled, labels_sql
from cases.models import Case
from cases.search.pg_index import (
    CONFIG,
    ENTRIES,
    MAX_GAP,
    POSTINGS,
    VERSION,
    compound_key,
    compound_span,
    ids_from_bytes,
    pair_key,
)
from cases.search.text import Part, parse, suggestion_words

_TAG_FACETS = {facet.param: facet for facet in TAG_FACETS}
SIMILARITY = 0.35  # the least trigram word similarity of a suggested title
CHUNK = 2048  # ids per slice of an order: a page is picked by counting slices, then sorting one or two


@dataclass
class Order:
    """An order of every case: its ids in slices of CHUNK, and each id's position."""

    chunks: list[BitMap]
    rank: dict[int, int]

    @classmethod
    def of(cls, ids) -> "Order":
        ids = list(ids)
        return cls([BitMap(ids[i : i + CHUNK]) for i in range(0, len(ids), CHUNK)], {pk: i for i, pk in enumerate(ids)})

    def slice(self, bitmap: BitMap, start: int, stop: int) -> list[int]:
        """The ids of `bitmap` at positions [start, stop) in this order, sorting only what the page needs."""
        if stop <= start:
            return []
        if len(bitmap) <= 4 * CHUNK // 10:
            return sorted(bitmap, key=self.rank.__getitem__)[start:stop]
        found, seen = [], 0
        for chunk in self.chunks:
            if seen >= stop:
                break
            number = bitmap.intersection_cardinality(chunk)
            if not number:
                continue
            if seen + number > start:
                ids = sorted(bitmap & chunk, key=self.rank.__getitem__)
                found += ids[max(start - seen, 0) : stop - seen]
            seen += number
        return found


@dataclass
class State:
    """What every search needs of the whole base, for one version of the search data."""

    version: int
    everything: BitMap = field(default_factory=BitMap)
    statuses: dict[str, BitMap] = field(default_factory=dict)
    tags: dict[str, BitMap] = field(default_factory=dict)
    starts: dict[int, BitMap] = field(default_factory=dict)
    lasts: dict[int, BitMap] = field(default_factory=dict)
    labels: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    # Each tag of a card (see `attach_tags`), by its key in `tags`: its facet and its term, in the order of
    # the terms' models (position, then value), as a query reads them.
    terms: dict[str, tuple[str, object]] = field(default_factory=dict)
    # Each facet's values in the order the facets list them, with their key in `tags` and their label.
    listing: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    # Every term of each vocabulary and territory facet, tagged or not, by its value: what a search's
    # parameters are checked against (`cases.filters.CaseFilter`'s `terms`).
    vocabulary: dict[str, dict[str, object]] = field(default_factory=dict)
    by_date: Order = field(default_factory=lambda: Order.of([]))
    by_title: Order = field(default_factory=lambda: Order.of([]))


_AGG = "string_agg(int4send(case_id::int4), ''::bytea ORDER BY case_id)"
STATE_SQL = f"""
    SELECT 'version', (SELECT version FROM {VERSION} WHERE id = 1)::text, NULL::text, NULL::int, NULL::bytea,
        NULL::text
    UNION ALL SELECT 'status', status, NULL, NULL, {_AGG}, NULL FROM {ENTRIES} GROUP BY status
    UNION ALL SELECT 'tag', tag, NULL, NULL, {_AGG}, NULL FROM {ENTRIES}, unnest(tags) AS tag GROUP BY tag
    UNION ALL SELECT 'start', start_year::text, NULL, NULL, {_AGG}, NULL FROM {ENTRIES}
        WHERE start_year IS NOT NULL GROUP BY start_year
    UNION ALL SELECT 'last', last_year::text, NULL, NULL, {_AGG}, NULL FROM {ENTRIES}
        WHERE last_year IS NOT NULL GROUP BY last_year
    UNION ALL SELECT 'date', NULL, NULL, NULL,
        string_agg(int4send(case_id::int4), ''::bytea ORDER BY published_at DESC, case_id DESC), NULL FROM {ENTRIES}
    UNION ALL SELECT 'title', NULL, NULL, NULL,
        string_agg(int4send(case_id::int4), ''::bytea ORDER BY title COLLATE "fr-x-icu", case_id), NULL FROM {ENTRIES}
    UNION ALL SELECT 'label', l.param || ':' || l.value, l.name, l.position, NULL, l.key
        FROM ({labels_sql()}) AS l (param, value, name, position, key)
"""  # noqa: S608

_state: State | None = None
_state_lock = threading.Lock()


def state_for(version: int, cursor) -> State:
    """The state of `version`: the one held, or read again when the search data moved."""
    global _state
    held = _state
    if held is not None and held.version == version:
        return held
    with _state_lock:
        held = _state
        if held is not None and held.version == version:
            return held
        cursor.execute(STATE_SQL)
        _state = held = _load(cursor.fetchall())
    return held


def current_state(cursor) -> State:
    """The state of the search data as it is now (one query for the version)."""
    cursor.execute(f"SELECT version FROM {VERSION} WHERE id = 1")  # noqa: S608
    row = cursor.fetchone()
    return state_for(row[0] if row else 0, cursor)


def held_state() -> State | None:
    """The state this process holds, of whatever version (None before the first search)."""
    return _state


def forget_state() -> None:
    global _state
    _state = None


def _load(rows) -> State:
    state = State(version=0)
    keys: dict[tuple[str, str], str] = {}  # each term's primary key (as text) by its facet and value
    for kind, key, label, position, data, term_key in rows:
        if kind == "version":
            state.version = int(key or 0)
        elif kind == "label":
            param, _, value = key.partition(":")
            state.labels[(param, value)] = (label, position)
            keys[(param, value)] = term_key
        elif kind in {"date", "title"}:
            order = Order.of(ids_from_bytes(data))
            setattr(state, "by_date" if kind == "date" else "by_title", order)
        else:
            bitmap = BitMap(ids_from_bytes(data))
            if kind == "status":
                state.statuses[key] = bitmap
                state.everything |= bitmap
            elif kind == "tag":
                state.tags[key] = bitmap
            else:
                (state.starts if kind == "start" else state.lasts)[int(key)] = bitmap
    values: dict[str, list[tuple[str, int]]] = {facet.param: [] for facet in FACETS}
    ranked = []
    for key in state.tags:
        param, _, value = key.partition(":")
        if param in values:
            values[param].append((value, 0))
        if facet := _TAG_FACETS.get(param):
            name, position = state.labels.get((param, value), (value, 0))
            ranked.append((position, value, key, param, _term(facet, value, name, keys.get((param, value)))))
    state.terms = {key: (param, term) for _position, _value, key, param, term in sorted(ranked, key=_rank)}
    state.vocabulary = {facet.param: {} for facet in TAG_FACETS}
    for (param, value), (name, _position) in state.labels.items():
        if facet := _TAG_FACETS.get(param):
            tagged = state.terms.get(f"{param}:{value}")
            term = tagged[1] if tagged else _term(facet, value, name, keys.get((param, value)))
            state.vocabulary[param][value] = term
    state.listing = {
        param: [(f"{param}:{row['value']}", row["value"], row["label"]) for row in rows]
        for param, rows in labelled(values, state.labels).items()
    }
    return state


def _term(facet, value: str, name: str, key: str | None):
    """A term as the cards, the case page and the API read it: its value, its name and its primary key."""
    fields = {facet.value_field: value, "name": name}
    pk = facet.model._meta.pk
    if key is not None and pk.name != facet.value_field:
        fields[pk.attname] = pk.to_python(key)
    return facet.model(**fields)


_VERSION_ROW = f"SELECT 0, NULL::text, NULL::text[], NULL::bytea, version, NULL::text FROM {VERSION} WHERE id = 1"  # noqa: S608
# Words without a phrase: their lexemes and the postings of each (the query's plan is a third of the one below).
_PLAIN_WORDS_SQL = f"""
    WITH forms AS (SELECT f.form, to_tsvector('{CONFIG}', f.form) AS vector FROM unnest(%s::text[]) AS f (form))
    {_VERSION_ROW}
    UNION ALL SELECT 1, form, tsvector_to_array(vector), NULL, NULL, NULL FROM forms
    UNION ALL SELECT 2, s.key, NULL, s.bitmap, NULL, NULL FROM {POSTINGS} AS s WHERE s.key = ANY(ARRAY(
        SELECT p || l FROM forms, unnest(tsvector_to_array(vector)) AS l, unnest(ARRAY['w:', 't:', 's:']) AS p))
"""  # noqa: S608


def _words_sql(with_words: bool, with_phrases: bool) -> str:
    if not with_words:
        return _VERSION_ROW
    if not with_phrases:
        return _PLAIN_WORDS_SQL
    # A phrase also brings its tsquery (as text, parsed by `phrase_chain`) and the postings of its pairs of
    # lexemes, the lexemes in the order of their positions in the phrase.
    return f"""
        WITH forms AS (
            SELECT f.form, f.phrase, to_tsvector('{CONFIG}', f.form) AS vector
            FROM unnest(%s::text[], %s::bool[]) AS f (form, phrase)
        ), occurrences AS (
            SELECT f.form, u.lexeme, p FROM forms AS f, unnest(f.vector) AS u, unnest(u.positions) AS p WHERE f.phrase
        ), links AS (
            SELECT lexeme, lead(lexeme) OVER w AS next, lead(p) OVER w - p AS gap
            FROM occurrences WINDOW w AS (PARTITION BY form ORDER BY p)
        ), wanted AS (
            SELECT DISTINCT p || l AS key
            FROM forms, unnest(tsvector_to_array(vector)) AS l, unnest(ARRAY['w:', 't:', 's:']) AS p
            UNION SELECT 'p:' || lexeme || ' ' || next || ' ' || gap FROM links WHERE gap <= {MAX_GAP}
            UNION SELECT 'c:' || a.lexeme || string_agg(' ' || b.lexeme || '@' || (b.p - a.p), '' ORDER BY b.p)
            FROM occurrences AS a JOIN occurrences AS b ON b.form = a.form AND b.p > a.p
                AND b.p <= a.p + length(a.lexeme) - length(replace(a.lexeme, '-', '')) + 1
            WHERE strpos(a.lexeme, '-') > 0 GROUP BY a.form, a.lexeme, a.p
        )
        {_VERSION_ROW}
        UNION ALL SELECT 1, form, tsvector_to_array(vector), NULL, NULL,
            CASE WHEN phrase THEN phraseto_tsquery('{CONFIG}', form)::text END FROM forms
        UNION ALL SELECT 2, s.key, NULL, s.bitmap, NULL, NULL FROM {POSTINGS} AS s JOIN wanted ON s.key = wanted.key
    """  # noqa: S608


_LEXEME = r"'((?:[^']|'')*)'"
_CHAIN = re.compile(rf"{_LEXEME}((?:\s*<(?:-|\d+)>\s*{_LEXEME})*)")
_LINK = re.compile(rf"\s*<(-|\d+)>\s*{_LEXEME}")


def phrase_chain(tsquery: str) -> list[tuple[str, str, int]] | None:
    """The pairs (lexeme, next lexeme, gap) of a phrase tsquery `'a' <2> 'b' <-> 'c'`; None for another shape."""
    match = _CHAIN.fullmatch(tsquery.strip())
    if match is None:
        return None
    previous, pairs = match.group(1).replace("''", "'"), []
    for gap, lexeme in _LINK.findall(match.group(2)):
        lexeme = lexeme.replace("''", "'")
        pairs.append((previous, lexeme, 1 if gap == "-" else int(gap)))
        previous = lexeme
    return pairs


def _chosen(values) -> list:
    """A facet's cleaned values as a list. A vocabulary facet with nothing chosen cleans to an empty
    queryset (`.none()`): it is known empty without compiling it, as asking it would."""
    if isinstance(values, QuerySet) and values.query.is_empty():
        return []
    return list(values or [])


class PostgresSearch:
    """One search's sets: what matched (`matched`), per tier for relevance, and the facets' bases."""

    def __init__(self, cleaned: dict, *, curator: bool, cursor):
        query = (cleaned.get("q") or "").strip()
        self.alternatives = parse(query) if query else []
        phrases = {part.forms[0] for parts in self.alternatives for part in parts if part.phrase}
        strings = sorted({form for parts in self.alternatives for part in parts for form in part.forms})
        params = [strings, [string in phrases for string in strings]] if phrases else [strings]
        cursor.execute(_words_sql(bool(query), bool(phrases)), params if query else [])
        version, self.lexemes, self.postings = 0, {}, {}
        self._hit_cache: dict[str, BitMap] = {}
        self.chains: dict[str, list[tuple[str, str, int]]] = {}  # phrase -> its pairs of lexemes, see `_phrase`
        for kind, key, lexemes, data, found_version, tsquery in cursor.fetchall():
            if kind == 0:
                version = found_version or 0
            elif kind == 1:
                self.lexemes[key] = list(lexemes)
                chain = phrase_chain(tsquery) if tsquery else None
                if chain:
                    self.chains[key] = chain
            else:
                self.postings[key] = BitMap.deserialize(bytes(data))
        self.state = state = state_for(version, cursor)
        visible = state.everything if curator else state.statuses.get(Case.Status.PUBLISHED, BitMap())
        self.visible = visible
        self.curator = curator
        self.base = BitMap(visible)
        self.searched = bool(query)
        if query:
            self.base &= self._text(cursor)
        if cleaned.get("year_min") is not None:
            self.base &= _union(bitmap for year, bitmap in state.lasts.items() if year >= cleaned["year_min"])
        if cleaned.get("year_max") is not None:
            self.base &= _union(bitmap for year, bitmap in state.starts.items() if year <= cleaned["year_max"])
        self.filters: dict[str, BitMap] = {}
        for facet in FACETS:
            values = _chosen(cleaned.get(facet.param))
            if values:
                keys = [f"{facet.param}:{_value(facet, value)}" for value in values]
                self.filters[facet.param] = _union(state.tags.get(key, BitMap()) for key in keys)
        self.matched = self._under(exclude=None)

    # Words ------------------------------------------------------------------------------------------

    def _posting(self, key: str) -> BitMap:
        return self.postings.get(key, BitMap())

    def _all_of(self, lexemes: list[str]) -> BitMap:
        found = self._posting(f"w:{lexemes[0]}")
        for lexeme in lexemes[1:]:
            found = found & self._posting(f"w:{lexeme}")
        return found

    def _phrase(self, phrase: str) -> tuple[BitMap, bool]:
        """A phrase's candidates from its pairs' postings, and whether they are exactly its matches.

        A hyphenated word's chain is exactly its compound key's posting (see `_compound_key`); `a <d> b`
        (d <= MAX_GAP) is exactly its pair's posting; a longer chain is the AND of its pairs' postings, its
        word order checked by PostgreSQL; a wider gap falls back to all of its lexemes.
        """
        chain = self.chains.get(phrase)
        if chain and (key := _compound_key(chain)) in self.postings:
            return self.postings[key], True
        if not chain or any(gap > MAX_GAP for _first, _second, gap in chain):
            return self._all_of(self.lexemes.get(phrase, [])), False
        found = self._posting(pair_key(*chain[0]))
        for pair in chain[1:]:
            found = found & self._posting(pair_key(*pair))
        return found, len(chain) == 1

    def _text(self, cursor) -> BitMap:
        """The cases matching the words, the websearch syntax evaluated on the postings."""
        phrases: dict[str, BitMap] = {}  # phrase -> its matches (among the visible cases)
        checked: dict[str, BitMap] = {}  # phrase -> its candidates, checked by PostgreSQL below
        for parts in self.alternatives:
            for part in parts:
                lexemes = self.lexemes.get(part.forms[0], [])
                # A phrase may repeat a lexeme ("stade stade"): its chain, not its distinct lexemes, counts.
                if part.phrase and (len(lexemes) > 1 or part.forms[0] in self.chains):
                    candidates, exact = self._phrase(part.forms[0])
                    (phrases if exact else checked)[part.forms[0]] = candidates & self.visible
        if checked:
            checks, params = [], []
            for index, (phrase, candidates) in enumerate(checked.items()):
                checks.append(
                    f"SELECT {index}, case_id FROM {ENTRIES} WHERE case_id = ANY(%s::int[])"  # noqa: S608
                    f" AND document @@ phraseto_tsquery('{CONFIG}', %s)"
                )
                params += [list(candidates), phrase]
            cursor.execute(" UNION ALL ".join(checks), params)
            exact = {phrase: BitMap() for phrase in checked}
            names = list(checked)
            for index, case_id in cursor.fetchall():
                exact[names[index]].add(case_id)
            phrases.update(exact)
        matched = BitMap()
        for parts in self.alternatives:
            required, excluded = [], []
            for part in parts:
                found = self._part(part, phrases)
                if found is not None:
                    (excluded if part.negated else required).append(found)
            if not required and not excluded:
                continue
            alternative = BitMap(self.visible)
            for found in sorted(required, key=len):
                alternative &= found
            for found in excluded:
                alternative -= found
            matched |= alternative
        return matched

    def _part(self, part: Part, phrases: dict[str, BitMap]) -> BitMap | None:
        """The cases of one term, or None when it has no word PostgreSQL would look for (stop words)."""
        if part.phrase:
            if part.forms[0] in phrases:
                return phrases[part.forms[0]]
            lexemes = self.lexemes.get(part.forms[0], [])
            return self._all_of(lexemes) if lexemes else None
        forms = [self.lexemes.get(form, []) for form in part.forms]
        forms = [lexemes for lexemes in forms if lexemes]
        if not forms:
            return None
        return _union(self._all_of(lexemes) for lexemes in forms)

    def _tiers(self, matched: BitMap) -> list[BitMap]:
        """The matches whose title holds a word of the query, then whose summary does, then the others."""
        title = matched & self._hits("t")
        summary = (matched & self._hits("s")) - title
        return [title, summary, matched - title - summary]

    def _hits(self, field: str) -> BitMap:
        """The cases whose title (`t`) or summary (`s`) holds a searched word, computed once per search."""
        if field not in self._hit_cache:
            lexemes = self._searched_lexemes(phrases=True)
            self._hit_cache[field] = _union(self._posting(f"{field}:{lexeme}") for lexeme in lexemes)
        return self._hit_cache[field]

    def summarised(self, ids: list[int]) -> set[int]:
        """Those of `ids` whose title or summary holds every searched word (in one of its forms, for one of
        the alternatives), by the title and summary postings: their card shows each word it was found by
        without a passage of the body. A phrase counts as never summarised (its words may be apart)."""
        page, found = BitMap(ids), BitMap()
        for parts in self.alternatives:
            shown, words = BitMap(page), False
            for part in parts:
                if part.negated:
                    continue
                forms = [lexemes for form in part.forms if (lexemes := self.lexemes.get(form))]
                if not forms:
                    continue  # stop words only: nothing to show
                words = True
                if part.phrase:
                    shown = BitMap()
                    break
                shown &= _union(self._in_title_or_summary(lexemes) for lexemes in forms)
            if words:
                found |= shown
        return set(found)

    def word_lexemes(self) -> list[str]:
        """The lexemes of the searched words (not of phrases, nor negated), as PostgreSQL stems them."""
        return sorted(self._searched_lexemes(phrases=False))

    def _searched_lexemes(self, *, phrases: bool) -> set[str]:
        """The lexemes of the query's terms that are not negated (and not of its phrases, unless `phrases`)."""
        return {
            lexeme
            for parts in self.alternatives
            for part in parts
            if not part.negated and (phrases or not part.phrase)
            for form in part.forms
            for lexeme in self.lexemes.get(form, [])
        }

    def summary_words(self, ids: list[int]) -> set[int]:
        """Those of `ids` whose summary holds a searched word (any lexeme of the query not negated): the
        others' summaries have nothing to mark."""
        return set(BitMap(ids) & self._hits("s"))

    def _in_title_or_summary(self, lexemes: list[str]) -> BitMap:
        found = self._posting(f"t:{lexemes[0]}") | self._posting(f"s:{lexemes[0]}")
        for lexeme in lexemes[1:]:
            found &= self._posting(f"t:{lexeme}") | self._posting(f"s:{lexeme}")
        return found

    # Filters and facets -----------------------------------------------------------------------------

    def _under(self, exclude: str | None) -> BitMap:
        found = self.base
        for param, bitmap in sorted(self.filters.items(), key=lambda item: len(item[1])):
            if param != exclude:
                found = found & bitmap
        return found

    def facets(self) -> dict[str, list[dict]]:
        """Each facet's values with their number of matches under every filter but the facet's own, in the
        facets' order (read from the state, labelled and ordered once per version)."""
        tags, result = self.state.tags, {}
        for facet in FACETS:
            base = self._under(facet.param) if facet.param in self.filters else self.matched
            result[facet.param] = [
                {"value": value, "label": label, "count": count}
                for key, value, label in self.state.listing.get(facet.param, [])
                if (count := base.intersection_cardinality(tags[key]))
            ]
        return result

    # The page's tags -------------------------------------------------------------------------------

    def attach_tags(self, cases: list[Case]) -> None:
        """Give each case its tags from the search's state, without a query (see `attach_terms`)."""
        attach_terms(self.state, cases)

    # Suggestions ------------------------------------------------------------------------------------

    def suggestions(self, query: str, limit: int, cursor) -> list[str]:
        """The titles closest to `query`'s words (`suggestion_words`) by trigram word similarity, at least
        SIMILARITY. The trigram index on the titles answers `title %> words` (word similarity at least the
        session's threshold, set here to SIMILARITY, and checked exactly on the index's candidates) instead of
        a similarity computed over every title."""
        words = suggestion_words(query)
        if not words:
            return []
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(SIMILARITY)])
        cases = Case.objects.all() if self.curator else Case.objects.published()
        return list(
            cases.filter(title__trigram_word_similar=words)
            .annotate(similarity=TrigramWordSimilarity(words, "title"))
            .order_by("-similarity", "title")
            .values_list("title", flat=True)[:limit]
        )

    # Order ------------------------------------------------------------------------------------------

    def ordered(self, sort: str, start: int, stop: int) -> list[int]:
        from_sort = {"title": self.state.by_title}
        order = from_sort.get(sort, self.state.by_date)
        tiers = self._tiers(self.matched) if self.searched and sort in {"", "relevance"} else [self.matched]
        found, position = [], 0
        for tier in tiers:
            size = len(tier)
            if position >= stop:
                break
            if position + size > start:
                found += order.slice(tier, max(start - position, 0), min(stop - position, size))
            position += size
        return found


def _compound_key(chain: list[tuple[str, str, int]]) -> str | None:
    """The key of a hyphenated word's phrase ("tiers-lieu": the compound, then a lexeme at each following
    position, one per piece), None for any other chain: with a lexeme at every position of its span, the
    phrase matches exactly where the document's positions hold these lexemes, which the key records."""
    compound = chain[0][0]
    if "-" not in compound or len(chain) != compound_span(compound) or any(gap != 1 for *_, gap in chain):
        return None
    return compound_key(compound, [(second, offset) for offset, (_first, second, _gap) in enumerate(chain, 1)])


def _rank(tag: tuple) -> tuple[int, str]:
    return tag[0], tag[1]


def _union(bitmaps) -> BitMap:
    bitmaps = list(bitmaps)
    return BitMap.union(*bitmaps) if bitmaps else BitMap()


def _value(facet, value) -> str:
    return str(value) if facet.case_field is None else str(getattr(value, facet.value_field))


def attach_terms(state: State, cases: list[Case]) -> None:
    """Give each case its tags (domains … departments) from `state`, as `Case.objects.for_cards()`
    would prefetch them, in the same order, with no query: `case.domains.all()` reads them.

    The terms are the state's, one instance per tag for every search of its version (with its
    `value_field` and `name`, as the cards and the API read them), and each case's list is a shallow copy
    of one empty queryset per facet with its results filled in (it is never run): building a queryset
    and a model instance per case and tag was most of the cost.
    """
    found: dict[int, dict[str, list]] = {case.pk: {facet.param: [] for facet in TAG_FACETS} for case in cases}
    page, tags = BitMap(found), state.tags
    for key, (param, term) in state.terms.items():  # in each facet's order: no list to sort
        bitmap = tags[key]
        if page.intersection_cardinality(bitmap):
            for pk in page & bitmap:
                found[pk][param].append(term)
    empty = {facet.param: QuerySet(model=facet.model).__dict__ for facet in TAG_FACETS}
    for case in cases:
        cache = case.__dict__.setdefault("_prefetched_objects_cache", {})
        terms = found[case.pk]
        for facet in TAG_FACETS:
            # A shallow copy by hand: copy.copy() would pickle the queryset, which runs it.
            listed = QuerySet.__new__(QuerySet)
            listed.__dict__.update(empty[facet.param], _result_cache=terms[facet.param], _prefetch_done=True)
            cache[facet.case_field] = listed


def similar_in(
    state: State, case_id: int, weights: dict[str, int], per_tag: int, found: list[int], found_weight: int, limit: int
) -> list[int]:
    """The `limit` published cases closest to `case_id` in `state`, best first (see `cases.search.similar`):
    each tag of the case whose many-to-many field weighs gives its weight to the `per_tag` highest ids
    holding it, and `found` ids get `found_weight`; ties go to the most recently published."""
    scores: dict[int, int] = {}
    for key, (param, _term) in state.terms.items():
        weight = weights.get(_TAG_FACETS[param].case_field, 0)
        bitmap = state.tags[key]
        if weight and case_id in bitmap:
            for pk in bitmap[-per_tag:]:
                scores[pk] = scores.get(pk, 0) + weight
    for pk in found:
        scores[pk] = scores.get(pk, 0) + found_weight
    published, rank = state.statuses.get(Case.Status.PUBLISHED, BitMap()), state.by_date.rank
    chosen = [pk for pk in scores if pk != case_id and pk in published]
    return sorted(chosen, key=lambda pk: (-scores[pk], rank[pk]))[:limit]
