"""Curators edit survey data in the admin; staff without the permission cannot."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from surveys.models import Figure, Segment
from surveys.resources import COLUMNS
from tests.surveys.conftest import make_grid, make_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db):
    return make_grid(make_study("etude-admin"), rows=2, answers=2)


def _figure(question) -> Figure:
    return Figure.objects.get(question=question, row__label="Ligne 0", answer__label="Réponse 0")


def test_a_curator_corrects_a_figure_and_the_history_keeps_it(curator_client, question):
    figure = _figure(question)
    url = reverse("admin:surveys_figure_change", args=[figure.pk])
    response = curator_client.post(url, {"value": "12,5", "provenance": "derived", "significance": "", "base": ""})
    assert response.status_code == 302, response.content
    figure.refresh_from_db()
    assert (figure.value, figure.provenance) == (Decimal("12.5"), "derived")
    assert figure.history.first().history_user.username == "claire"


def test_a_curator_cannot_store_a_lost_value_as_zero(curator_client, question):
    figure = _figure(question)
    url = reverse("admin:surveys_figure_change", args=[figure.pk])
    response = curator_client.post(url, {"value": "0", "provenance": "missing", "significance": "", "base": ""})
    assert response.status_code == 200
    assert "ni 0, ni estimation" in response.content.decode()
    figure.refresh_from_db()
    assert figure.value == Decimal(10)


@pytest.mark.parametrize(
    "url",
    [
        lambda q: reverse("admin:surveys_figure_change", args=[_figure(q).pk]),
        lambda q: reverse("admin:surveys_question_figures", args=[q.pk]),
        lambda q: reverse("admin:surveys_question_change", args=[q.pk]),
        lambda q: reverse("admin:surveys_study_change", args=[q.study.pk]),
        lambda q: reverse("admin:surveys_figure_import"),
    ],
)
def test_staff_without_permission_is_refused(staff_client, question, url):
    assert staff_client.get(url(question)).status_code == 403


def test_staff_without_permission_cannot_post_a_figure(staff_client, question):
    figure = _figure(question)
    url = reverse("admin:surveys_figure_change", args=[figure.pk])
    response = staff_client.post(url, {"value": "99", "provenance": "read", "significance": "", "base": ""})
    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.value == Decimal(10)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, question):
    response = client.get(reverse("admin:surveys_question_figures", args=[question.pk]))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_study_page_shows_its_questions_and_segments(curator_client, question):
    response = curator_client.get(reverse("admin:surveys_study_change", args=[question.study.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Grille fictive" in content and "Ensemble" in content


def test_the_question_page_links_to_its_grid_by_segment(curator_client, question):
    response = curator_client.get(reverse("admin:surveys_question_change", args=[question.pk]))
    segment = question.study.segments.get()
    assert f"{reverse('admin:surveys_question_figures', args=[question.pk])}?segment={segment.pk}" in (
        response.content.decode()
    )


def _grid_data(question, segment, **cells) -> dict:
    """Every cell of the grid as it is shown, with `cells` ("<row label>|<answer label>": (value, provenance))."""
    data = {"base": "1000"}
    for figure in Figure.objects.filter(question=question, segment=segment).select_related("row", "answer"):
        key = f"{figure.row_id or 0}_{figure.answer_id}"
        data[f"value_{key}"] = str(figure.value) if figure.value is not None else ""
        data[f"provenance_{key}"] = figure.provenance
        data[f"significance_{key}"] = figure.significance
    for where, (value, provenance) in cells.items():
        row_label, answer_label = where.split("|")
        row = question.rows.get(label=row_label)
        answer = question.answers.get(label=answer_label)
        key = f"{row.pk}_{answer.pk}"
        data[f"value_{key}"] = value
        data[f"provenance_{key}"] = provenance
        data.setdefault(f"significance_{key}", "")
    return data


def test_a_curator_edits_a_question_as_a_grid(curator_client, question):
    segment = question.study.segments.get()
    url = reverse("admin:surveys_question_figures", args=[question.pk])
    page = curator_client.get(f"{url}?segment={segment.pk}")
    assert page.status_code == 200
    assert "Ligne 1 — Réponse 0 : valeur" in page.content.decode()

    data = _grid_data(question, segment, **{"Ligne 0|Réponse 0": ("33,5", "read"), "Ligne 1|Total": ("", "missing")})
    response = curator_client.post(f"{url}?segment={segment.pk}", data)
    assert response.status_code == 302
    assert _figure(question).value == Decimal("33.5")
    lost = Figure.objects.get(question=question, row__label="Ligne 1", answer__label="Total")
    assert (lost.value, lost.provenance) == (None, "missing")
    assert lost.history.first().history_user.username == "claire"


def test_one_bad_cell_saves_nothing_and_is_shown(curator_client, question):
    segment = question.study.segments.get()
    url = reverse("admin:surveys_question_figures", args=[question.pk])
    data = _grid_data(question, segment, **{"Ligne 0|Réponse 0": ("44", "read"), "Ligne 1|Total": ("7", "missing")})
    response = curator_client.post(f"{url}?segment={segment.pk}", data)
    assert response.status_code == 200
    assert "ni 0, ni estimation" in response.content.decode()
    assert _figure(question).value == Decimal(10)


def test_a_grid_cell_emptied_deletes_its_figure(curator_client, question):
    segment = question.study.segments.get()
    url = reverse("admin:surveys_question_figures", args=[question.pk])
    curator_client.post(f"{url}?segment={segment.pk}", _grid_data(question, segment, **{"Ligne 0|Réponse 0": ("", "")}))
    assert not Figure.objects.filter(question=question, row__label="Ligne 0", answer__label="Réponse 0").exists()


def test_the_figure_import_previews_before_writing(curator_client, question):
    content = ",".join(COLUMNS) + "\netude-admin,grille,Ligne 0,Réponse 0,Ensemble,55,percent,read,,1000\n"
    upload = io.BytesIO(content.encode())
    upload.name = "chiffres.csv"
    response = curator_client.post(
        reverse("admin:surveys_figure_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    assert "confirm" in response.content.decode().lower()
    assert _figure(question).value == Decimal(10)


def test_the_figure_import_reports_a_bad_line_and_column(curator_client, question):
    content = ",".join(COLUMNS) + "\netude-admin,grille,Ligne 9,Réponse 0,Ensemble,55,percent,read,,\n"
    upload = io.BytesIO(content.encode())
    upload.name = "chiffres.csv"
    response = curator_client.post(
        reverse("admin:surveys_figure_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    text = response.content.decode()
    assert "Ligne inconnue dans la question grille" in text
    assert Segment.objects.count() == 1


# The figure import and export share the case import's limits and escapes (foundation.imports) -----------


def _figures_state() -> list[tuple]:
    return sorted(Figure.objects.values_list("row__label", "answer__label", "segment__label", "value", "provenance"))


def _export_figures(client, file_format: str) -> bytes:
    fields = {f"figureresource_{name}": "on" for name in COLUMNS}
    response = client.post(reverse("admin:surveys_figure_export"), {"format": file_format, "resource": "0", **fields})
    assert response.status_code == 200
    return response.content


def _import_figures(client, content: bytes, file_format: str):
    upload = io.BytesIO(content)
    upload.name = "chiffres." + ("csv" if file_format == "0" else "xlsx")
    preview = client.post(
        reverse("admin:surveys_figure_import"), {"import_file": upload, "format": file_format, "resource": "0"}
    )
    assert "confirm_form" in preview.context, preview.context["form"].errors
    return client.post(reverse("admin:surveys_figure_process_import"), preview.context["confirm_form"].initial)


@pytest.mark.parametrize("file_format", ["0", "1"], ids=["csv", "xlsx"])
def test_labels_a_spreadsheet_would_run_are_escaped_and_read_back_unchanged(curator_client, question, file_format):
    question.rows.filter(label="Ligne 0").update(label='=HYPERLINK("https://example.org")')
    question.answers.filter(label="Réponse 0").update(label="＋ de 50 salariés")
    before = _figures_state()
    content = _export_figures(curator_client, file_format)
    if file_format == "0":
        text = content.decode("utf-8-sig")
        assert '\'=HYPERLINK(""https://example.org"")' in text and ",'＋ de 50 salariés," in text
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        assert "'＋ de 50 salariés" in [cell.value for cell in cells]
    Figure.objects.all().delete()
    assert _import_figures(curator_client, content, file_format).status_code == 302
    assert _figures_state() == before


def test_a_figure_file_over_the_size_limit_is_refused(curator_client, question, settings):
    settings.IMPORT_MAX_BYTES = 100
    upload = io.BytesIO(
        (",".join(COLUMNS) + "\n" + "etude-admin,grille,Ligne 0,Réponse 0,Ensemble,55,percent,read,,\n" * 3).encode()
    )
    upload.name = "chiffres.csv"
    response = curator_client.post(
        reverse("admin:surveys_figure_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    [error] = response.context["form"].errors["import_file"]
    assert "permis pour un import" in error
    assert _figure(question).value == Decimal(10)
