"""Help on a search that found nothing: the query respelt, the vocabulary terms that match its words, and
the query without its rarest word."""

import difflib
from collections.abc import Callable

from cases.facets import TAG_FACETS
from cases.models import Case
from cases.search.query import STOP_WORDS, Part, searched_forms, words

CUTOFF = 0.75  # how close (difflib's ratio) a word must be to be offered for a misspelt one


def _vocabulary_terms() -> list[tuple[str, str, str]]:
    """(param, value, name) of every vocabulary and territory term, each facet's model read once."""
    return [
        (facet.param, str(value), name)
        for facet in TAG_FACETS
        for value, name in facet.model.objects.values_list(facet.value_field, "name")
    ]


def _known_words(terms: list[tuple[str, str, str]]) -> set[str]:
    """The folded words of the published titles and of every vocabulary and territory name."""
    found = set()
    for title in Case.objects.published().values_list("title", flat=True).iterator():
        found.update(words(title))
    for _param, _value, name in terms:
        found.update(words(name))
    return {word for word in found if len(word) > 2 and word not in STOP_WORDS}


def _respelt(query_words: list[str], known: set[str]) -> str | None:
    changed, respelt = False, []
    for word in query_words:
        if word in known or word in STOP_WORDS:
            respelt.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=CUTOFF)
        respelt.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(respelt) if changed else None


def _terms(terms: list[tuple[str, str, str]], wanted: set[str]) -> list[dict]:
    return [
        {"param": param, "value": value, "label": name} for param, value, name in terms if wanted & set(words(name))
    ]


def zero_result_help(query: str, alternatives: list[list[Part]], run: Callable) -> dict:
    """`{"did_you_mean": str | None, "terms": [...], "relaxed": {"query", "count"} | None}` (see
    `SearchResult.help`); `run(q)` is a public search for the words `q`."""
    query_words = [word for word in words(query.replace('"', " ")) if word not in STOP_WORDS]
    terms = _vocabulary_terms()
    respelt = _respelt(query_words, _known_words(terms))
    wanted = {word for form in searched_forms(alternatives) for word in form}
    wanted |= set(words(respelt or ""))
    relaxed = None
    significant = list(dict.fromkeys(query_words))
    if len(significant) > 1:
        rarest = min(significant, key=lambda word: run(word).count())
        rest = " ".join(word for word in significant if word != rarest)
        relaxed = {"query": rest, "count": run(rest).count()}
    return {"did_you_mean": respelt, "terms": _terms(terms, wanted - STOP_WORDS), "relaxed": relaxed}
