"""Help on a search that found nothing: the query respelt, the vocabulary terms that match its words, and
the query without its rarest word."""

from collections.abc import Callable

from cases.facets import term_label_rows
from cases.search.query import (
    OR_WORDS,
    STOP_WORDS,
    Part,
    fold,
    replace_words,
    searched_forms,
    typed_terms,
    words,
    written_words,
)


def _vocabulary_terms() -> list[tuple[str, str, str]]:
    """(param, value, name) of every vocabulary and territory term, in one query."""
    return [(param, value, name) for param, value, name, _position, _key in term_label_rows()]


def _respelt(query: str, query_words: dict[str, str], closest: dict[str, str]) -> str | None:
    """The query as typed (its hyphens, quotes and other words kept) with each searched word replaced by its
    closest word as written, when one of them is another word than the one searched (not the same word
    with other accents, which the search already finds)."""
    if all(fold(closest.get(folded, written)) == folded for folded, written in query_words.items()):
        return None

    def respell(word: str) -> str:
        return closest.get(fold(word), word) if fold(word) in query_words else word

    return " ".join(replace_words(query, respell).split())


def _terms(terms: list[tuple[str, str, str]], wanted: set[str]) -> list[dict]:
    return [
        {"param": param, "value": value, "label": name} for param, value, name in terms if wanted & set(words(name))
    ]


def zero_result_help(query: str, alternatives: list[list[Part]], count: Callable, closest_words: Callable) -> dict:
    """`{"did_you_mean": str | None, "terms": [...], "relaxed": {"query", "count"} | None}` (see
    `SearchResult.help`); `count(q)` is how many cases a public search for the words `q` finds;
    `closest_words(words, known)` is the backend's closest word, as written, of the published titles or of
    `known` (written form to unaccented form) to each of the unaccented `words`."""
    # The searched words, unaccented (what they are compared by), each once, with the way they were typed.
    query_words: dict[str, str] = {}
    for word in written_words(query.replace('"', " ")):
        if fold(word) not in STOP_WORDS:
            query_words.setdefault(fold(word), word)
    terms = _vocabulary_terms()
    vocabulary = {word: fold(word) for _param, _value, name in terms for word in written_words(name)}
    vocabulary = {word: folded for word, folded in vocabulary.items() if len(word) > 2 and folded not in STOP_WORDS}
    closest = closest_words(list(query_words), vocabulary) if query_words else {}
    respelt = _respelt(query, query_words, closest)
    wanted = {word for form in searched_forms(alternatives) for word in form}
    wanted |= set(words(respelt or ""))
    relaxed = None
    # The terms as typed (a hyphenated word or a quoted phrase is one), those that narrow the search.
    typed = typed_terms(query)
    searched = [
        term
        for term in dict.fromkeys(typed)
        if not term.startswith("-") and term.lower() not in OR_WORDS and set(words(term)) - STOP_WORDS
    ]
    if len(searched) > 1:
        counted = {term: count(term) for term in searched}
        rarest = min(counted, key=counted.get)
        rest = " ".join(term for term in typed if term != rarest)
        # Two terms leave one, already counted: each count reads every case that holds its words.
        relaxed = {"query": rest, "count": counted[rest] if rest in counted else count(rest)}
    return {"did_you_mean": respelt, "terms": _terms(terms, wanted - STOP_WORDS), "relaxed": relaxed}
