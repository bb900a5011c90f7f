"""The one rule that escapes formulas in every export and restores them in every import."""

import csv
import io

import pytest

from foundation.spreadsheets import neutralise, restore
from tests.factories import CaseFactory

TEXTS = [
    "=1+1",
    "+33 1 23 45 67 89",
    "-2",
    "@SUM(A1)",
    "＝1+1",
    "＋1",
    "－1",
    "＠A1",
    " =1+1",
    "\u3000=1+1",
    "\t",
    "\rretour",
    "'=1+1",
    "''=1+1",
    "' =1+1",
    "'apostrophe",
    "'",
    "",
    "Un texte = ordinaire",
    "L'alliance",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_text_reads_back_as_it_was_written(text):
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", [text for text in TEXTS if text.lstrip("'").lstrip()[:1] in set("=+-@＝＋－＠")])
def test_a_text_a_spreadsheet_would_run_starts_with_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Un texte = ordinaire", "L'alliance", "'apostrophe", "", "'"])
def test_an_ordinary_text_is_left_alone_both_ways(text):
    assert neutralise(text) == text
    assert restore(text) == text


@pytest.mark.parametrize("value", [None, 12, -3, 2.5, True])
def test_values_that_are_not_text_pass(value):
    assert neutralise(value) is value
    assert restore(value) is value


@pytest.mark.django_db
def test_the_api_csv_escapes_full_width_signs_and_leading_spaces(client):
    CaseFactory(title='＝HYPERLINK("https://example.org")', summary="  =1+1")
    content = b"".join(client.get("/api/v1/cases/?format=csv").streaming_content).decode()
    [row] = list(csv.DictReader(io.StringIO(content)))
    assert row["title"] == '\'＝HYPERLINK("https://example.org")'
    assert row["summary"] == "'  =1+1"
