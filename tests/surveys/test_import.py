"""The long import format of figures: good files, bad rows (all or nothing), and lossless round trips."""

import io

import openpyxl
import pytest
import tablib

from surveys.models import Figure
from surveys.resources import COLUMNS, FigureResource
from tests.surveys.conftest import add_single_choice, make_grid, make_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db):
    study = make_study("etude-import")
    return make_grid(study, slug="grille", rows=2, answers=2)


def _row(**overrides) -> list:
    row = {
        "study": "etude-import",
        "question": "grille",
        "row": "Ligne 0",
        "answer": "Réponse 0",
        "segment": "Ensemble",
        "value": "12.5",
        "unit": "percent",
        "provenance": "read",
        "significance": "",
        "base": "1000",
    }
    row.update(overrides)
    return [row[column] for column in COLUMNS]


def _import(rows, dry_run=False):
    return FigureResource().import_data(tablib.Dataset(*rows, headers=COLUMNS), dry_run=dry_run)


def _state() -> list[tuple]:
    return sorted(
        Figure.objects.values_list(
            "question__study__slug",
            "question__slug",
            "row__label",
            "answer__label",
            "segment__label",
            "value",
            "provenance",
            "significance",
            "base",
        ),
        key=str,
    )


def test_a_good_file_writes_its_figures(question):
    result = _import(
        [
            _row(value="12,5"),
            _row(row="Ligne 1", answer="Total", value="", provenance="missing", base=""),
            _row(row="Ligne 1", answer="Réponse 1", value="7", provenance="derived", significance="higher"),
        ]
    )
    assert not result.has_errors() and not result.has_validation_errors()
    figure = Figure.objects.get(row__label="Ligne 0", answer__label="Réponse 0")
    assert (str(figure.value), figure.provenance, figure.base) == ("12.50", "read", 1000)
    lost = Figure.objects.get(row__label="Ligne 1", answer__label="Total")
    assert (lost.value, lost.provenance, lost.base) == (None, "missing", None)
    derived = Figure.objects.get(row__label="Ligne 1", answer__label="Réponse 1")
    assert (derived.provenance, derived.significance) == ("derived", "higher")


def test_a_dry_run_writes_nothing(question):
    before = _state()
    result = _import([_row(value="33")], dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _state() == before


def test_a_single_choice_question_takes_an_empty_row(db):
    study = make_study("etude-import")
    add_single_choice(study, slug="choix")
    result = _import([_row(question="choix", row="", answer="Choix 2", value="", provenance="missing")])
    assert not result.has_validation_errors()


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        ({"study": "etude-inconnue"}, "study"),
        ({"question": "q99"}, "question"),
        ({"row": "Ligne inconnue"}, "row"),
        ({"row": ""}, "row"),
        ({"answer": "Peut-être"}, "answer"),
        ({"segment": "Bretagne"}, "segment"),
        ({"provenance": "lu"}, "provenance"),
        ({"significance": "plus"}, "significance"),
        ({"value": "douze"}, "value"),
        ({"value": "12.345"}, "value"),
        ({"value": "140"}, "value"),
        ({"value": "0", "provenance": "missing"}, "value"),
        ({"value": "", "provenance": "read"}, "value"),
        ({"unit": "mean"}, "unit"),
        ({"base": "beaucoup"}, "base"),
    ],
)
def test_one_bad_row_among_many_writes_nothing_and_names_line_and_column(question, bad, column):
    before = _state()
    rows = [
        _row(value="1"),
        _row(answer="Réponse 1", value="2"),
        _row(row="Ligne 1", value="3"),
        _row(**{"row": "Ligne 1", "answer": "Réponse 1", **bad}),
        _row(row="Ligne 1", answer="Total", value="4"),
    ]
    result = _import(rows)
    assert result.has_validation_errors()
    assert [(row.number, list(row.error_dict)) for row in result.invalid_rows] == [(4, [column])]
    assert _state() == before


def test_the_same_figure_twice_in_a_file_is_refused_naming_the_first_line(question):
    result = _import([_row(value="1"), _row(row="Ligne 1"), _row(value="2")])
    [invalid] = result.invalid_rows
    assert invalid.number == 3
    assert "ligne 1" in str(invalid.error_dict)


def test_a_file_without_a_key_column_is_refused(question):
    headers = [column for column in COLUMNS if column != "segment"]
    dataset = tablib.Dataset([value for name, value in zip(COLUMNS, _row(), strict=True) if name != "segment"])
    dataset.headers = headers
    result = FigureResource().import_data(dataset, dry_run=False)
    assert result.has_errors()


def test_export_then_import_gives_the_same_figures(demo):
    before = _state()
    exported = FigureResource().export().csv
    Figure.objects.all().delete()
    result = FigureResource().import_data(tablib.Dataset().load(exported, format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _state() == before


def test_export_then_import_through_xlsx_gives_the_same_figures(demo):
    before = _state()
    exported = FigureResource().export().export("xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    Figure.objects.all().delete()
    from import_export.formats.base_formats import XLSX

    result = FigureResource().import_data(XLSX().create_dataset(exported), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert _state() == before


def test_reimporting_an_export_changes_nothing(demo):
    history = Figure.history.count()
    result = FigureResource().import_data(tablib.Dataset().load(FigureResource().export().csv, format="csv"))
    assert not result.has_validation_errors()
    assert Figure.history.count() == history


def test_the_api_csv_reimports_as_it_is(demo, client):
    response = client.get("/api/v1/figures/?format=csv")
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0] == ",".join(COLUMNS)
    assert content == FigureResource().export(Figure.objects.all()).csv.replace("\r\n", "\n").replace("\n", "\r\n")
    before = _state()
    Figure.objects.all().delete()
    result = FigureResource().import_data(tablib.Dataset().load(content, format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _state() == before


def test_means_keep_their_printed_decimal_in_the_export(demo):
    lines = FigureResource().export().csv.splitlines()
    assert any(
        line.startswith("impact-citoyens-2019,q1,Sécurité / délinquance,") and ",6.0,mean," in line for line in lines
    )
    assert any(",28.5,percent," in line for line in lines)
    assert any(",45,percent,derived," in line for line in lines)


def test_a_label_the_csv_protects_from_spreadsheets_reimports(db, client):
    study = make_study("etude-import")
    question = make_grid(study, rows=1, answers=1, with_net=False)
    question.rows.update(label="+ de 50 salariés")
    content = b"".join(client.get("/api/v1/figures/?format=csv").streaming_content).decode()
    assert ",'+ de 50 salariés," in content
    Figure.objects.all().delete()
    result = FigureResource().import_data(tablib.Dataset().load(content, format="csv"), dry_run=False)
    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    assert Figure.objects.get().row.label == "+ de 50 salariés"
