"""The words of a search: parsing the websearch syntax, the SQLite matching, highlighting the results.

PostgreSQL matches with the `french_unaccent` configuration (see cases.search.postgres); SQLite (the
embedded demo) matches a normalised copy of the same text, every word required.
"""

import functools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import F, Func, IntegerField, QuerySet, TextField, Value, When
from django.db.models.functions import Replace
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
MARKDOWN_PUNCTUATION = r"[#*_`>|~]+"
_TOKEN = re.compile(r'-?"[^"]*"|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def text_search_query(query: str) -> SearchQuery | None:
    """The PostgreSQL query for `query`, in the websearch syntax: "a phrase", -word, `or` (or `ou`, as on SQLite).

    French stemming does not always fold a plural onto its singular ("potagers" stems to `potager`,
    "potager" to `potag`), so each word also looks for its other number. None when nothing is left to look
    for (punctuation only).
    """
    alternatives = []
    for alternative in re.split(r"\s+(?:or|ou)\s+", query.strip(), flags=re.IGNORECASE):
        parts = []
        for token in _TOKEN.findall(alternative):
            negated = token.startswith("-")
            token = token.lstrip("-")
            if token.startswith('"'):
                phrase = token.strip('"').strip()
                if not _WORD.search(phrase):
                    continue
                queries = [SearchQuery(phrase, search_type="phrase", config=CONFIG, invert=negated)]
            elif _WORD.search(token):
                forms = dict.fromkeys([token, *_other_numbers(token)])
                queries = [SearchQuery(form, config=CONFIG, invert=negated) for form in forms]
            else:
                continue
            # Not (a or b) is (not a) and (not b).
            parts.append(functools.reduce(operator.and_ if negated else operator.or_, queries))
        if parts:
            alternatives.append(functools.reduce(operator.and_, parts))
    return functools.reduce(operator.or_, alternatives) if alternatives else None


@dataclass(frozen=True)
class Part:
    """One term of a query: a word (matched by any of its forms) or a quoted phrase, maybe negated."""

    forms: tuple[str, ...]  # the word and its other number, or the phrase alone
    phrase: bool
    negated: bool


def parse(query: str) -> list[list[Part]]:
    """The alternatives (`or`, `ou`) of a query in the websearch syntax, each a list of terms, all required.

    Read exactly as `text_search_query` reads it, so that the engine and PostgreSQL agree.
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


def highlight_summaries(cases: Iterable, query: str) -> dict[int, SafeString]:
    """Summaries with the query's words marked, keyed by case id, escaped before marking.

    The text is escaped first and only then are `<mark>` tags added, so a summary holding HTML is
    shown as text and never runs.
    """
    cases, query = list(cases), (query or "").strip()
    if not query or not cases:
        return {}
    if is_postgresql():
        marked = _headlines(cases, query, F("summary"), highlight_all=True)
        return {pk: mark_safe(text) for pk, text in marked.items()}  # noqa: S308
    terms = [term for term, negated in _terms(query) if not negated]
    return {case.pk: highlight_text(case.summary, terms) for case in cases}


def highlight_passages(cases: Iterable, query: str) -> dict[int, SafeString]:
    """A short passage of each case's body around the query's words, marked, keyed by case id.

    Only cases whose body holds a word of the query get one: a card shows where a match outside the
    summary was found. The Markdown punctuation is dropped and the text escaped before marking.
    """
    cases, query = list(cases), (query or "").strip()
    if not query or not cases:
        return {}
    if is_postgresql():
        plain = F("body")
        for pattern, replacement in ((MARKDOWN_LINK, r"\1"), (MARKDOWN_PUNCTUATION, ""), (r"\s+", " ")):
            plain = Func(
                plain,
                Value(pattern),
                Value(replacement),
                Value("g"),
                function="regexp_replace",
                output_field=TextField(),
            )
        marked = _headlines(cases, query, plain, max_words=28, min_words=12, max_fragments=2, fragment_delimiter=" … ")
        return {pk: mark_safe(text) for pk, text in marked.items() if MARK_START in text}  # noqa: S308
    terms = [term for term, negated in _terms(query) if not negated]
    passages = {}
    for case in cases:
        for sentence in re.split(r"(?<=[.!?])\s+", plain_text(case.body)):
            marked = highlight_text(_around_first_mark(sentence, terms), terms)
            if MARK_START in marked:
                passages[case.pk] = marked
                break
    return passages


def _headlines(cases: list, query: str, document, **options) -> dict[int, str]:
    """`ts_headline` of `document` for each case, on its escaped text, in one query (PostgreSQL)."""
    ts_query = text_search_query(query)
    if ts_query is None:
        return {}
    headline = SearchHeadline(
        _escaped(document), ts_query, config=CONFIG, start_sel=MARK_START, stop_sel=MARK_END, **options
    )
    rows = Case.objects.filter(pk__in=[case.pk for case in cases]).annotate(marked=headline)
    return dict(rows.values_list("pk", "marked"))


def plain_text(markdown: str) -> str:
    """Markdown without its punctuation (headings, emphasis, link targets), for excerpts."""
    text = re.sub(MARKDOWN_PUNCTUATION, "", re.sub(MARKDOWN_LINK, r"\1", markdown or ""))
    return re.sub(r"\s+", " ", text).strip()


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


def _escaped(expression):
    """The SQL text of `expression` with `&`, `<` and `>` escaped, so that marking it later is safe."""
    return Replace(
        Replace(Replace(expression, Value("&"), Value("&amp;")), Value("<"), Value("&lt;")),
        Value(">"),
        Value("&gt;"),
    )


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


def significant_words(text: str) -> list[str]:
    """The words of `text` that narrow a search, normalised and folded, each once, in order."""
    words = (_stem(word) for word in _WORD.findall(normalize(text)) if word not in STOP_WORDS)
    return list(dict.fromkeys(words))


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
