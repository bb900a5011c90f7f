"""Text cells a spreadsheet would run as a formula: escaped in every export, restored by every import.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (some also after leading spaces, or
with the full-width forms `＝ ＋ － ＠` that an input method types), and a leading tab or carriage return
can hide such a start. Every export (the API's CSV, the admin's CSV and XLSX) writes such a text with one
apostrophe in front, so that it shows as text and is never run.

The rule that keeps the round trip exact: leading apostrophes are skipped when deciding, so a text that
already starts with an apostrophe before such a character (`'=abc`) gets one more (`''=abc`); reading a
file back, an apostrophe is removed only when what follows would itself have been escaped. Every text
comes back as it was written, a genuine leading apostrophe included. A hand-written file that wants a
literal apostrophe before `=` writes two.
"""

FORMULA_CHARS = frozenset("=+-@＝＋－＠")
HIDDEN_STARTS = ("\t", "\r")


def needs_escape(text: str) -> bool:
    head = text.lstrip("'")
    if head.startswith(HIDDEN_STARTS):
        return True
    head = head.lstrip()
    return bool(head) and head[0] in FORMULA_CHARS


def neutralise(value: object) -> object:
    """The cell as an export writes it: a text a spreadsheet would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and needs_escape(value):
        return "'" + value
    return value


def restore(value: object) -> object:
    """The cell as it was before `neutralise`: the inverse, for every text."""
    if isinstance(value, str) and value.startswith("'") and needs_escape(value[1:]):
        return value[1:]
    return value
