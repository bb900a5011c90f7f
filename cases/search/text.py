"""Marking a page's cards on SQLite (PostgreSQL marks them with `ts_headline`, see cases.search.postgres):
the summary escaped then its searched words marked, and a passage of the body where the summary shows
none of them. A word is marked when its folded form is one that the search looked for."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cases.search.query import Part, fold, searched_forms, words

MARK_START, MARK_END = "<mark>", "</mark>"
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_PUNCTUATION_MARKS = "#*_`>|~"
_WORD = re.compile(r"(?<!&)\b\w+\b(?!;)")


def _escape(text: str) -> str:
    """`&`, `<` and `>` escaped, as PostgreSQL escapes a text before marking it."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escaped_sql(sql: str) -> str:
    """`_escape` in SQL, for `ts_headline` (cases.search.postgres), which passes HTML through: the text is
    escaped before it is marked."""
    return f"replace(replace(replace({sql}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


# `_escape(plain_text(body))` in PostgreSQL's regular expressions.
PLAIN_BODY_SQL = escaped_sql(
    "btrim(regexp_replace(regexp_replace(regexp_replace(coalesce(c.body, ''), "
    f"'{_LINK.pattern}', '\\1', 'g'), '[{_PUNCTUATION_MARKS}]+', '', 'g'), '\\s+', ' ', 'g'))"
)


def plain_text(markdown: str) -> str:
    """Markdown without its punctuation (headings, emphasis, link targets), for excerpts."""
    text = _LINK.sub(r"\1", markdown or "")
    for mark in _PUNCTUATION_MARKS:
        text = text.replace(mark, "")
    return " ".join(text.split())


def highlight_text(text: str, wanted: set[str]) -> SafeString:
    """Escape `text`, then mark each word whose folded form is in `wanted`."""
    escaped = escape(text or "")

    def mark(match: re.Match) -> str:
        word = match.group(0)
        return f"{MARK_START}{word}{MARK_END}" if fold(word) in wanted else word

    # Entities produced by escaping are words too (`amp`, `lt`): the pattern leaves them alone.
    return mark_safe(_WORD.sub(mark, escaped))  # noqa: S308 (escaped before marking)


def _shows_every_term(case, alternatives: list[list[Part]]) -> bool:
    """Whether the case's title and summary hold every searched term (a form of each) of an alternative."""
    shown = set(words(f"{case.title} {case.summary}"))
    return any(
        all(any(set(form) <= shown for form in part.forms) for part in parts if not part.negated)
        for parts in alternatives
        if any(not part.negated for part in parts)
    )


def marked_cards(cases: list, alternatives: list[list[Part]]) -> dict[int, tuple[str | None, str | None]]:
    """Each case's marked summary (None when it holds no searched word) and passage (None when the title
    and summary show every searched term, or the body holds none)."""
    wanted = {word for form in searched_forms(alternatives) for word in form}
    found = {}
    for case in cases:
        summary = highlight_text(case.summary, wanted)
        summary = summary if MARK_START in summary else None
        if _shows_every_term(case, alternatives):
            found[case.pk] = (summary, None)
            continue
        passage = None
        for sentence in re.split(r"(?<=[.!?])\s+", plain_text(case.body)):
            marked = highlight_text(sentence[:300], wanted)
            if MARK_START in marked:
                passage = marked
                break
        found[case.pk] = (summary, passage)
    return found
