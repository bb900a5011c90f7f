"""The words of a search: parsing the websearch syntax, the SQLite matching, highlighting the results.

PostgreSQL matches with the `french_unaccent` configuration (see cases.search.postgres); SQLite (the
embedded demo) matches a normalised copy of the same text, every word required.
"""

import json
import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cases.models import Case
from observatoire.reference.text import normalize

CONFIG = "french_unaccent"
MARK_START, MARK_END = "<mark>", "</mark>"

# Words too common to narrow a search, for the SQLite fallback (PostgreSQL has its own list).
_STOP_WORDS_TEXT = (
    "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon "
    "ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre "
    "vous c d j l m n s t y est sont ete etre avoir"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Links keep their text; headings, emphasis, quotes and tables lose their marks.
MARKDOWN_LINK = r"!?\[([^\]]*)\]\([^)]*\)"
_PUNCTUATION_MARKS = "#*_`>|~"
MARKDOWN_PUNCTUATION = f"[{_PUNCTUATION_MARKS}]+"
_LINK = re.compile(MARKDOWN_LINK)
# `plain_text(c.body)` escaped as `_escape` does, in PostgreSQL's regular expressions (which read these
# two patterns as Python does).
PLAIN_BODY_SQL = (
    "replace(replace(replace(btrim(regexp_replace(regexp_replace(regexp_replace(coalesce(c.body, ''), "
    f"'{MARKDOWN_LINK}', '\\1', 'g'), '{MARKDOWN_PUNCTUATION}', '', 'g'), '\\s+', ' ', 'g')), "
    "'&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
)
_TOKEN = re.compile(r'-?"[^"]*"|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def text_search_sql(query: str, *, any_term: bool = False) -> tuple[str, list[str]] | None:
    """The PostgreSQL tsquery of `query` (as `parse` reads it) and its parameters: "a phrase", -word, `or`
    (or `ou`, as on SQLite).

    French stemming does not always fold a plural onto its singular ("potagers" stems to `potager`,
    "potager" to `potag`), so each word also looks for its other number. None when nothing is left to look
    for (punctuation only). `any_term`: any one of its words or phrases, the negated ones left out (what a
    passage marks: `ts_headline` only marks a part of a text that satisfies its whole query). The SQL is
    what Django's `SearchQuery` combinations compile to, written directly: compiling those expressions for
    each search cost more than the rest of the marking in Python.
    """
    alternatives = []
    for parts in parse(query):
        terms = []
        for part in parts:
            if part.negated and any_term:
                continue
            function = "phraseto_tsquery" if part.phrase else "plainto_tsquery"
            queries = [(f"{function}(%s::regconfig, %s)", [CONFIG, form]) for form in part.forms]
            if part.negated:
                # Not (a or b) is (not a) and (not b).
                terms.append(_combined([(f"!!({sql})", params) for sql, params in queries], "&&"))
            else:
                terms.append(_combined(queries, "||"))
        if terms:
            alternatives.append(_combined(terms, "||" if any_term else "&&"))
    return _combined(alternatives, "||") if alternatives else None


def _combined(queries: list[tuple[str, list[str]]], operator: str) -> tuple[str, list[str]]:
    """`queries` joined by `operator` from the left, each pair in parentheses (as Django combines them)."""
    sql, params = queries[0]
    for other_sql, other_params in queries[1:]:
        sql, params = f"({sql} {operator} {other_sql})", [*params, *other_params]
    return sql, params


@dataclass(frozen=True)
class Part:
    """One term of a query: a word (matched by any of its forms) or a quoted phrase, maybe negated."""

    forms: tuple[str, ...]  # the word and its other number, or the phrase alone
    phrase: bool
    negated: bool


def parse(query: str) -> list[list[Part]]:
    """The alternatives (`or`, `ou`) of a query in the websearch syntax, each a list of terms, all required.

    The engine reads the query's words this way, and `text_search_sql` writes them for PostgreSQL.
    """
    alternatives = []
    for alternative in re.split(r"\s+(?:or|ou)\s+", query.strip(), flags=re.IGNORECASE):
        parts = []
        for token in _TOKEN.findall(alternative):
            negated = token.startswith("-")
            token = token.lstrip("-")
            if token.startswith('"'):
                phrase = token.strip('"').strip()
                if _WORD.search(phrase):
                    parts.append(Part((phrase,), True, negated))
            elif _WORD.search(token):
                parts.append(Part(tuple(dict.fromkeys([token, *_other_numbers(token)])), False, negated))
        if parts:
            alternatives.append(parts)
    return alternatives


def _other_numbers(word: str) -> list[str]:
    """The word's plural if it looks singular, its singular if it looks plural (French regular forms)."""
    if len(word) <= 3 or not word[-1].isalpha():
        return []
    if word[-1] in "sxSX":
        return [word[:-1]]
    return [word + "s"]


def highlight_cards(
    cases: Iterable,
    query: str,
    *,
    without_passage: Collection[int] = (),
    unmarked_summaries: Collection[int] = (),
    lexemes: Collection[str] = (),
) -> tuple[dict[int, SafeString], dict[int, SafeString]]:
    """The marked summaries and passages of `cases`, each keyed by case id, in one query.

    Summaries are escaped before they are marked, so a summary holding HTML is shown as text and never
    runs. A passage is a short part of a case's body around the query's words, its Markdown punctuation
    dropped, escaped, then marked; only cases whose body holds a word of the query get one, so that a card
    shows where a match outside its summary was found.

    On PostgreSQL, `ts_headline` marks exactly the words the search matched. It reads the summaries whole,
    but of each body only a window of about `PASSAGE_WINDOW` characters from a little before the first
    word that may be one of the query's (found in Python by a prefix of each word, cheaply): parsing the
    whole body of every card was most of a search page's time. A body in which no word begins like a
    searched word (with its stem, or with about 60 % of it) gets no passage and is not sent: the search
    may have found the word elsewhere (its place, its organisations), and a passage is only a help.

    The cases whose ids are in `without_passage` get no passage (`SearchResult.highlight` gives those whose
    title or summary already shows every searched word); those in `unmarked_summaries`, whose summary holds
    no searched word, are left out of the summaries returned (the card shows the summary as it is).
    `lexemes`, PostgreSQL's stems of the searched words, place a window first on a word beginning with one
    of them, which is nearly always a match ("emploi" and "emploie", not "employeurs").
    """
    cases, query = list(cases), (query or "").strip()
    if not query or not cases:
        return {}, {}
    if is_postgresql():
        return _headlines(cases, query, without_passage, unmarked_summaries, lexemes)
    terms = [term for term, negated in _terms(query) if not negated]
    summaries = {case.pk: highlight_text(case.summary, terms) for case in cases}
    passages = {}
    for case in cases:
        if case.pk in without_passage:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", plain_text(case.body)):
            marked = highlight_text(_around_first_mark(sentence, terms), terms)
            if MARK_START in marked:
                passages[case.pk] = marked
                break
    return summaries, passages


# The part of a body that a passage is looked for in, and how far before the first likely match it starts.
PASSAGE_WINDOW, PASSAGE_LEAD = 800, 200
_PASSAGE_OPTIONS = (
    f'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)
_SUMMARY_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"


def _headlines(
    cases: list,
    query: str,
    without_passage: Collection[int],
    unmarked_summaries: Collection[int],
    lexemes: Collection[str],
) -> tuple[dict[int, SafeString], dict[int, SafeString]]:
    """`ts_headline` of each case's summary and passage window, escaped first, in one query (PostgreSQL).

    A window whose passage marks nothing (its likely word was not one of the query's after all) is read
    again whole, in the same query, so that a body that holds a searched word always shows it: that whole
    text is made from the body by PostgreSQL (`PLAIN_BODY_SQL`) rather than sent, as it is seldom needed.
    A passage marks any searched word (`any_term`): a window holding one word of a two-word search is a
    passage, where the whole search's query would mark nothing in it.
    """
    found = text_search_sql(query)
    if found is None:
        return {}, {}
    query_sql, query_params = found
    any_sql, any_params = text_search_sql(query, any_term=True) or ("NULL", [])
    likely = _likely_words(query)
    stems = _stem_words(lexemes)
    summaries, windows, partial = [], [], []
    for case in cases:
        summaries.append(None if case.pk in unmarked_summaries else _escape(case.summary))
        if case.pk in without_passage:
            windows.append(None)
            partial.append(False)
            continue
        text = plain_text(case.body)
        first = stems.search(text) if stems is not None else None
        if first is None and likely is not None:
            first = likely.search(text)
        if first is None:
            windows.append(None)  # no word like a searched one in the body: no passage
            partial.append(False)
            continue
        window = _window(text, first)
        windows.append(_escape(window))
        partial.append(window is not text)
    # The words are passed as parameters (`text_search_sql`).
    # `OFFSET 0` keeps the window's headline a subquery computed once, rather than inlined into the CASE
    # twice (once to test it, once to return it).
    # The cards' texts go as one JSON parameter (encoded in C, as psycopg quotes a string), not as arrays,
    # whose elements psycopg quotes in Python: that quoting cost as much as the rest of the marking.
    cards = json.dumps(
        [
            {"summary": summary, "passage": window, "partial": part, "id": case.pk, "n": n}
            for n, (summary, window, part, case) in enumerate(zip(summaries, windows, partial, cases, strict=True))
        ]
    )
    sql = (
        f"WITH q AS (SELECT {query_sql} AS q, {any_sql}::tsquery AS a) "  # noqa: S608
        "SELECT ts_headline(%s::regconfig, t.summary, q.q, %s), "
        "CASE WHEN NOT t.partial OR strpos(w.passage, %s) > 0 THEN w.passage "
        f"ELSE ts_headline(%s::regconfig, (SELECT {PLAIN_BODY_SQL} FROM {Case._meta.db_table} AS c "
        "WHERE c.id = t.id), q.a, %s) END "
        "FROM q, json_to_recordset(%s::json) AS t(summary text, passage text, partial bool, id int, n int) "
        "CROSS JOIN LATERAL (SELECT ts_headline(%s::regconfig, t.passage, q.a, %s) AS passage OFFSET 0) AS w "
        "ORDER BY n"
    )
    params = [
        *query_params,
        *any_params,
        CONFIG,
        _SUMMARY_OPTIONS,
        MARK_START,
        CONFIG,
        _PASSAGE_OPTIONS,
        cards,
        CONFIG,
        _PASSAGE_OPTIONS,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    marked_summaries, passages = {}, {}
    for case, (summary, passage) in zip(cases, rows, strict=True):
        if summary is not None:
            marked_summaries[case.pk] = mark_safe(summary)  # noqa: S308 (escaped before marking)
        if passage and MARK_START in passage:
            passages[case.pk] = mark_safe(passage)  # noqa: S308
    return marked_summaries, passages


def _escape(text: str) -> str:
    """`&`, `<` and `>` escaped, so that the text marked by `ts_headline` is safe HTML."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The accented forms of each letter, so that a folded prefix finds the word as the text writes it.
_ACCENTED = {
    "a": "aàâäá",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïí",
    "n": "nñ",
    "o": "oôöó",
    "u": "uùûüú",
    "y": "yÿ",
}


# Ligatures, which PostgreSQL's unaccent writes as two letters.
_LIGATURES = {"oe": "(?:oe|œ)", "ae": "(?:ae|æ)", "œ": "(?:œ|oe)", "æ": "(?:æ|ae)"}


def _any_accent(prefix: str) -> str:
    """A pattern of `prefix` (folded) that finds it as a text writes it: accented, in capitals, with ligatures."""
    parts, index = [], 0
    while index < len(prefix):
        pair = prefix[index : index + 2]
        if pair in _LIGATURES:
            parts.append(_LIGATURES[pair])
            index += 2
            continue
        char = prefix[index]
        parts.append(_LIGATURES.get(char) or (f"[{_ACCENTED[char]}]" if char in _ACCENTED else re.escape(char)))
        index += 1
    return "".join(parts)


def _likely_words(query: str) -> re.Pattern | None:
    """Where a searched word or phrase may be: words beginning with a prefix of a searched word, about 60 %
    of it, short enough to take in its other forms ("travaux" and "travail", "social" and "sociaux"); for a
    phrase, such words one after the other.
    """
    patterns = set()
    for term, negated in _terms(query):
        if negated:
            continue
        words = [r"\w+" if word in STOP_WORDS else _any_accent(_prefix(word)) + r"\w*" for word in term.split()]
        if any(word != r"\w+" for word in words):  # in a phrase, a stop word stands for any word
            patterns.add(r"\W+".join(words))
    return _starting_words(patterns)


def _stem_words(lexemes: Collection[str]) -> re.Pattern | None:
    """Words beginning with one of `lexemes` (unaccented stems, as PostgreSQL gives them), as a text writes
    them (accented, in capitals, with ligatures)."""
    return _starting_words({_any_accent(lexeme) + r"\w*" for lexeme in lexemes})


def _starting_words(patterns: set[str]) -> re.Pattern | None:
    """One case-blind pattern of words (or runs of words) matching any of `patterns`, the longest first."""
    if not patterns:
        return None
    return re.compile(rf"\b(?:{'|'.join(sorted(patterns, key=len, reverse=True))})", re.IGNORECASE)


def _prefix(word: str) -> str:
    return word if len(word) <= 4 else word[: max(4, math.ceil(len(word) * 0.6))]


def _window(text: str, match: re.Match) -> str:
    """The part of `text` where a passage is looked for: whole words from a little before `match`, the
    first likely word, about `PASSAGE_WINDOW` characters; the whole text when it is short."""
    if len(text) <= PASSAGE_WINDOW:
        return text
    start = max(0, match.start() - PASSAGE_LEAD)
    end = start + PASSAGE_WINDOW
    if start > 0:
        start = text.find(" ", start) + 1
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + 1)
    return text[start:end]


def plain_text(markdown: str) -> str:
    """Markdown without its punctuation (headings, emphasis, link targets), for excerpts.

    What `MARKDOWN_LINK` and `MARKDOWN_PUNCTUATION` say, done with string methods where they do the same:
    a text without `[` has no link, and removing each punctuation mark is removing their runs (a regular
    expression scanned a body several times slower than `str.replace` for each mark).
    """
    text = markdown or ""
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    for mark in _PUNCTUATION_MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return " ".join(text.split())  # runs of whitespace as one space (`str.split` is `\s+`, three times faster)


def _around_first_mark(sentence: str, terms: list[str], width: int = 220) -> str:
    """The sentence, cut to about `width` characters from a little before its first matching word."""
    if len(sentence) <= width:
        return sentence
    stems = [_stem(word) for term in terms for word in term.split()]
    start = 0
    for match in _WORD.finditer(sentence):
        if any(normalize(match.group(0)).startswith(stem) for stem in stems):
            start = max(0, match.start() - width // 3)
            break
    return sentence[start : start + width]


def highlight_text(text: str, terms: list[str]) -> SafeString:
    """Escape `text`, then mark each word that a (normalised, stemmed) term begins."""
    stems = [_stem(word) for term in terms for word in term.split()]
    escaped = escape(text or "")
    if not stems:
        return escaped

    def mark(match: re.Match) -> str:
        word = match.group(0)
        folded = normalize(word)
        if any(folded.startswith(stem) for stem in stems):
            return f"{MARK_START}{word}{MARK_END}"
        return word

    # Entities produced by escaping are words too (`amp`, `lt`): leave them alone.
    return mark_safe(re.sub(r"(?<!&)\b\w+\b(?!;)", mark, escaped))  # noqa: S308


def summarised_cases(cases: Iterable, query: str) -> set[int]:
    """The ids of `cases` whose title or summary holds every searched word, as the SQLite search matches
    words (normalised, plurals folded); a phrase counts as never summarised, as on PostgreSQL."""
    terms = [term for term, negated in _terms(query) if not negated]
    if not terms or any(" " in term for term in terms):
        return set()
    return {case.pk for case in cases if all(term in normalize(f"{case.title} {case.summary}") for term in terms)}


def significant_words(text: str) -> list[str]:
    """The words of `text` that narrow a search, normalised and folded, each once, in order."""
    words = (_stem(word) for word in _WORD.findall(normalize(text)) if word not in STOP_WORDS)
    return list(dict.fromkeys(words))


def suggestion_words(query: str) -> str:
    """The words of `query` that titles are compared with for suggestions: neither stop words (their
    trigrams are in nearly every title) nor excluded words (`-word`), in their own spelling."""
    words = [
        word
        for token in _TOKEN.findall(query)
        if not token.startswith("-")
        for word in _WORD.findall(token)
        if normalize(word) not in STOP_WORDS
    ]
    return " ".join(words)


def _stem(word: str) -> str:
    """A crude French plural folding, enough for the demo: "écoles" and "école" meet at "ecole"."""
    word = normalize(word)
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return word


def _terms(query: str) -> list[tuple[str, bool]]:
    """Split a websearch-like query into (normalised word or "quoted phrase", negated) pairs."""
    terms = []
    for token in _TOKEN.findall(query):
        negated = token.startswith("-")
        token = token.lstrip("-")
        if token.startswith('"'):
            phrase = " ".join(_WORD.findall(normalize(token)))
            if phrase:
                terms.append((phrase, negated))
            continue
        for word in _WORD.findall(normalize(token)):
            if word not in STOP_WORDS:
                terms.append((_stem(word), negated))
    return terms


def search_normalised(queryset: QuerySet, query: str) -> QuerySet:
    """Cases of `queryset` whose normalised text (`Case.search_text`) matches `query`, annotated with `rank`."""
    alternatives = re.split(r"\s+(?:or|ou)\s+", query, flags=re.IGNORECASE)
    matched = None
    for alternative in alternatives:
        terms = _terms(alternative)
        if not any(not negated for _term, negated in terms):
            continue
        branch = queryset
        for term, negated in terms:
            condition = {"search_text__contains": term}
            branch = branch.exclude(**condition) if negated else branch.filter(**condition)
        matched = branch if matched is None else matched | branch
    if matched is None:
        return queryset.none().annotate(rank=Value(0))
    # Without a real ranking, a title match comes first.
    first = [term for term, negated in _terms(alternatives[0]) if not negated]
    title_term = first[0] if first else ""
    return matched.annotate(
        rank=CaseWhen(When(title__icontains=title_term, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
