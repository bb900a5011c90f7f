"""The words of a search, read once in Python and written for either backend.

The syntax is `websearch_to_tsquery`'s: words are all required, "a phrase" keeps its order, `-word` leaves
out, `or` (or `ou`) separates alternatives; inside quotes `ou` is a word like any other. On top of it, a
hyphenated word is the phrase of its parts (`tiers-lieu` = "tiers lieu"), punctuation around a word is
dropped, and each word also looks for its other number (French stemming does not always fold a plural
onto its singular: "lieux" stems to `lieux`, "lieu" to `lieu`).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CONFIG = "french_unaccent"

# PostgreSQL's French stop words (its `french.stop`), folded: the SQLite backend and the page's notice
# leave out exactly the words PostgreSQL leaves out.
STOP_WORDS = frozenset(Path(__file__).with_name("french.stop").read_text(encoding="utf-8").split())

OR_WORDS = frozenset({"or", "ou"})  # outside quotes, they separate alternatives
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)
# What `unaccent` writes out and SQLite's tokenizer does not (cases.search.schema writes them out in SQL).
LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}
_LIGATURES = str.maketrans(LIGATURES)


def fold(text: str) -> str:
    """Lower case, no accents, ligatures written out: "Œuvre" and "oeuvre" both give "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def replace_words(text: str, replace) -> str:
    """`text` with each of its words, as written, replaced by `replace(word)`; the rest kept."""
    return _WORD.sub(lambda match: replace(match.group()), text)


def typed_terms(query: str) -> list[str]:
    """The terms of `query` as typed, in order: words, hyphenated words and quoted phrases, with their `-`."""
    return _TOKEN.findall(query or "")


def written_words(text: str) -> list[str]:
    """The words of `text` as people write them, lower-cased, accents and ligatures kept ("Mobilité" gives
    "mobilité"): what "Vouliez-vous dire" offers."""
    return _WORD.findall(unicodedata.normalize("NFC", text or "").lower())


@dataclass(frozen=True)
class Part:
    """One term of a query: a word or a phrase (its folded words), the forms it is matched by, negated or not."""

    forms: tuple[tuple[str, ...], ...]  # each form a sequence of words: one word, or a phrase
    negated: bool

    @property
    def phrase(self) -> bool:
        return len(self.forms[0]) > 1


def _other_numbers(word: str) -> list[str]:
    """The word's plural if it looks singular, its singular if it looks plural (French regular forms:
    -s, -x after -eu and -au, -al and -aux)."""
    if len(word) <= 3 or not word[-1].isalpha():
        return []
    if word.endswith("aux") and not word.endswith("eaux"):
        return [word[:-3] + "al", word[:-1]]
    if word[-1] in "sx":
        return [word[:-1]]
    if word.endswith(("eu", "au")):
        return [word + "x"]
    if word.endswith("al"):
        return [word[:-2] + "aux", word + "s"]
    return [word + "s"]


Spellings = dict[tuple[str, ...], tuple[str, ...]]


def _with_number(sequence: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [sequence] + [(*sequence[:-1], other) for other in _other_numbers(sequence[-1])]


def _part(sequence: list[str], negated: bool, spellings: Spellings) -> Part | None:
    """A term from its words (a phrase keeps its stop words: they are the gaps between its words), matched
    by its other number and its equivalent spelling too; None for a lone stop word, which PostgreSQL
    leaves out."""
    if not [word for word in sequence if word not in STOP_WORDS]:
        return None
    forms = _with_number(tuple(sequence))
    if (equivalent := spellings.get(tuple(sequence))) is not None:
        forms += _with_number(equivalent)
    return Part(tuple(dict.fromkeys(forms)), negated)


def _split_alternatives(query: str) -> list[list[str]]:
    """The tokens of each alternative: `or` / `ou` outside quotes separate them."""
    alternatives: list[list[str]] = [[]]
    for token in _TOKEN.findall(query):
        if token.lower() in OR_WORDS:
            alternatives.append([])
        else:
            alternatives[-1].append(token)
    return [tokens for tokens in alternatives if tokens]


def parse(query: str, spellings: Spellings | None = None) -> list[list[Part]]:
    """The alternatives of `query`, each a list of terms, all required; empty when no word is left.

    `spellings` maps folded words to their equivalent (both ways, see `spelling_pairs`): a word, a quoted
    phrase or a whole alternative written one way also finds the other."""
    spellings = spellings or {}
    alternatives = []
    for tokens in _split_alternatives((query or "").strip()):
        whole = tuple(words(" ".join(tokens)))
        if len(whole) > 1 and whole in spellings and not any(token.startswith("-") for token in tokens):
            alternatives.append([Part(tuple(_with_number(whole) + _with_number(spellings[whole])), False)])
            continue
        parts = []
        for token in tokens:
            negated = token.startswith("-")
            token = token.lstrip("-")
            if token.startswith('"'):
                part = _part(words(token), negated, spellings)
                parts += [part] if part else []
                continue
            # Hyphens (and apostrophes' neighbours) inside a token: its words are one phrase.
            for piece in re.split(r"[^\w\-]+", token):
                part = _part(words(piece), negated, spellings)
                if part is not None:
                    parts.append(part)
        if parts:
            alternatives.append(parts)
    return alternatives


def spelling_pairs(pairs) -> Spellings:
    """The folded words of each (spelling, equivalent) pair, both ways."""
    found: Spellings = {}
    for spelling, equivalent in pairs:
        first, second = tuple(words(spelling)), tuple(words(equivalent))
        if first and second:
            found[first], found[second] = second, first
    return found


def significant_words(query: str) -> list[str]:
    """The words of `query` that narrow a search (not stop words), folded, each once, in order."""
    return list(dict.fromkeys(word for word in words(query) if word not in STOP_WORDS))


def searched_forms(alternatives: list[list[Part]]) -> list[tuple[str, ...]]:
    """Every form that a page's marks and relevance tiers look for: the terms not negated."""
    return list(
        dict.fromkeys(form for parts in alternatives for part in parts if not part.negated for form in part.forms)
    )


# PostgreSQL ------------------------------------------------------------------------------------------


def _form_sql(form: tuple[str, ...]) -> tuple[str, list[str]]:
    function = "phraseto_tsquery" if len(form) > 1 else "plainto_tsquery"
    return f"{function}(%s::regconfig, %s)", [CONFIG, " ".join(form)]


def _joined(items: list[tuple[str, list]], operator: str) -> tuple[str, list]:
    sql = f" {operator} ".join(f"({item_sql})" for item_sql, _ in items)
    return sql, [param for _, params in items for param in params]


def tsquery_sql(alternatives: list[list[Part]], *, any_term: bool = False) -> tuple[str, list] | None:
    """SQL of the tsquery of `alternatives` (None when nothing is looked for). `any_term`: any form of any
    term not negated (what the relevance tiers and the marks look for)."""
    if any_term:
        forms = searched_forms(alternatives)
        return _joined([_form_sql(form) for form in forms], "||") if forms else None
    branches = []
    for parts in alternatives:
        terms = []
        for part in parts:
            forms = _joined([_form_sql(form) for form in part.forms], "||")
            terms.append((f"!!({forms[0]})", forms[1]) if part.negated else forms)
        if any(not part.negated for part in parts):
            branches.append(_joined(terms, "&&"))
    return _joined(branches, "||") if branches else None


# SQLite FTS5 ----------------------------------------------------------------------------------------


def _fts_form(form: tuple[str, ...]) -> str:
    # Stop words are not dropped from the SQLite index: a phrase's stop words are kept as words of it.
    return '"' + " ".join(form) + '"'


def fts_match(alternatives: list[list[Part]], *, any_term: bool = False) -> str | None:
    """The FTS5 MATCH expression of `alternatives` (None when nothing is looked for)."""
    if any_term:
        forms = searched_forms(alternatives)
        return " OR ".join(_fts_form(form) for form in forms) if forms else None
    branches = []
    for parts in alternatives:
        required = [part for part in parts if not part.negated]
        if not required:
            continue
        sql = " AND ".join("(" + " OR ".join(_fts_form(form) for form in part.forms) + ")" for part in required)
        for part in parts:
            if part.negated:
                sql = f"({sql}) NOT (" + " OR ".join(_fts_form(form) for form in part.forms) + ")"
        branches.append(f"({sql})")
    return " OR ".join(branches) if branches else None
