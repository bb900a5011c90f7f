"""Help on a search that found nothing: the query respelt, the vocabulary terms that match its words, and
the query without its rarest word."""

from collections.abc import Callable

from cases.facets import term_labels
from cases.search.query import STOP_WORDS, Part, searched_forms, words


def _vocabulary_terms() -> list[tuple[str, str, str]]:
    """(param, value, name) of every vocabulary and territory term, in one query."""
    return [(param, value, name) for param, value, name, _position, _key in term_labels()]


def _respelt(query_words: list[str], closest: dict[str, str]) -> str | None:
    respelt = [closest.get(word, word) for word in query_words]
    return " ".join(respelt) if respelt != query_words else None


def _terms(terms: list[tuple[str, str, str]], wanted: set[str]) -> list[dict]:
    return [
        {"param": param, "value": value, "label": name} for param, value, name in terms if wanted & set(words(name))
    ]


def zero_result_help(query: str, alternatives: list[list[Part]], run: Callable, closest_words: Callable) -> dict:
    """`{"did_you_mean": str | None, "terms": [...], "relaxed": {"query", "count"} | None}` (see
    `SearchResult.help`); `run(q)` is a public search for the words `q`; `closest_words(words, known)` is
    the backend's closest word of the published titles or of `known` to each of `words`."""
    query_words = [word for word in words(query.replace('"', " ")) if word not in STOP_WORDS]
    terms = _vocabulary_terms()
    vocabulary = {word for _param, _value, name in terms for word in words(name)}
    vocabulary = {word for word in vocabulary if len(word) > 2 and word not in STOP_WORDS}
    respelt = _respelt(query_words, closest_words(query_words, vocabulary) if query_words else {})
    wanted = {word for form in searched_forms(alternatives) for word in form}
    wanted |= set(words(respelt or ""))
    relaxed = None
    significant = list(dict.fromkeys(query_words))
    if len(significant) > 1:
        rarest = min(significant, key=lambda word: run(word).count())
        rest = " ".join(word for word in significant if word != rarest)
        relaxed = {"query": rest, "count": run(rest).count()}
    return {"did_you_mean": respelt, "terms": _terms(terms, wanted - STOP_WORDS), "relaxed": relaxed}
