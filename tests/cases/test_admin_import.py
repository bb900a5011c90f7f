"""The case import and export of the admin, over HTTP: status rule, limits, uploads, errors, formulas."""

import io
import os
import re
import tempfile
import time
import zipfile

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case
from cases.resources import CaseResource
from tests.admin_forms import change_form_data
from tests.conftest import grant
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:cases_case_import")
PROCESS = reverse("admin:cases_case_process_import")
EXPORT = reverse("admin:cases_case_export")
CSV, XLSX = "0", "1"
HEADER = "slug,title,summary,status,domains\n"


@pytest.fixture(autouse=True)
def uploads(tmp_path, monkeypatch):
    """The folder where uploads wait for their confirmation, inside this test's own temporary directory."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / "observatoire-imports"


@pytest.fixture
def editor_client(staff_without_permission):
    """A staff member who may import and edit cases, but not publish them (a client of their own)."""
    grant(staff_without_permission, "cases.view_case", "cases.add_case", "cases.change_case")
    client = Client()
    client.force_login(staff_without_permission)
    return client


def _upload(client, content: bytes, *, name: str = "cas.csv", file_format: str = CSV):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(IMPORT, {"import_file": upload, "format": file_format, "resource": "0"})


def _files(folder) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


def _xlsx(rows: list[list], *, dimension: str | None = None, drop_dimension: bool = False) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    if dimension is None and not drop_dimension:
        return stream.getvalue()
    # Rewrite the <dimension> element the way a hostile or careless tool would declare it, or leave it out.
    source, target = zipfile.ZipFile(io.BytesIO(stream.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                new = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', new, data)
            archive.writestr(part, data)
    return target.getvalue()


# The status rule --------------------------------------------------------------------------------------


def test_an_editor_who_may_not_publish_sees_the_refused_row_and_nothing_is_written(editor_client, uploads):
    archived = CaseFactory(slug="archivee", status=Case.Status.ARCHIVED)
    content = HEADER + "nouveau,Nouveau cas,Résumé,draft,sante\narchivee,Archivée,Résumé,published,sante\n"
    response = _upload(editor_client, content.encode())
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [row] = response.context["result"].invalid_rows
    assert (row.number, row.error_dict) == (
        2,
        {"status": ["Changer le statut d'une étude de cas demande la permission de publier."]},
    )
    assert "demande la permission de publier" in response.content.decode()
    assert list(Case.objects.values_list("slug", "status")) == [("archivee", archived.status)]
    assert _files(uploads) == []


def test_a_curator_cannot_import_a_move_the_workflow_forbids(curator_client):
    CaseFactory(slug="archivee", status=Case.Status.ARCHIVED)
    response = _upload(curator_client, (HEADER + "archivee,Archivée,Résumé,published,sante\n").encode())
    [row] = response.context["result"].invalid_rows
    assert row.error_dict == {"status": ["Passage impossible de « Archivée » à « Publiée »."]}
    assert Case.objects.get(slug="archivee").status == Case.Status.ARCHIVED


def test_a_curator_previews_then_confirms_and_the_upload_is_removed(curator_client, uploads):
    response = _upload(curator_client, (HEADER + "nouveau,Nouveau cas,Résumé,published,sante\n").encode())
    confirm = response.context["confirm_form"]
    assert len(_files(uploads)) == 1
    done = curator_client.post(PROCESS, confirm.initial)
    assert done.status_code == 302
    assert Case.objects.get(slug="nouveau").status == Case.Status.PUBLISHED
    assert _files(uploads) == []


def test_a_confirmation_refused_since_the_preview_writes_nothing_and_says_so(curator_client, curator):
    case = CaseFactory(slug="cas", status=Case.Status.DRAFT, published_at=None)
    response = _upload(curator_client, (HEADER + "cas,Cas,Résumé,published,sante\n").encode())
    confirm = response.context["confirm_form"]
    case.move_to(Case.Status.ARCHIVED, user=curator)
    done = curator_client.post(PROCESS, confirm.initial, follow=True)
    assert "L&#x27;import n&#x27;a rien écrit" in done.content.decode()
    assert Case.objects.get(slug="cas").status == Case.Status.ARCHIVED


def test_the_actions_refuse_an_editor_and_a_forbidden_move(editor_client, curator_client):
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    archived = CaseFactory(status=Case.Status.ARCHIVED)
    changelist = reverse("admin:cases_case_changelist")
    editor_client.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    assert Case.objects.get(pk=draft.pk).status == Case.Status.DRAFT
    response = curator_client.post(
        changelist, {"action": "publish_selected", "_selected_action": [archived.pk]}, follow=True
    )
    assert "Passage impossible de « Archivée » à « Publiée »." in response.content.decode()
    assert Case.objects.get(pk=archived.pk).status == Case.Status.ARCHIVED


def _change_form_data(client, case: Case, move: str) -> dict:
    return change_form_data(client.get(reverse("admin:cases_case_change", args=[case.pk])), _move_to=move)


def test_the_change_form_refuses_an_editor_and_a_forbidden_move(editor_client, curator_client):
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    url = reverse("admin:cases_case_change", args=[draft.pk])
    assert editor_client.post(url, _change_form_data(editor_client, draft, "published")).status_code == 403
    assert Case.objects.get(pk=draft.pk).status == Case.Status.DRAFT

    archived = CaseFactory(status=Case.Status.ARCHIVED)
    url = reverse("admin:cases_case_change", args=[archived.pk])
    response = curator_client.post(url, _change_form_data(curator_client, archived, "published"), follow=True)
    assert "Passage impossible de « Archivée » à « Publiée »." in response.content.decode()
    assert Case.objects.get(pk=archived.pk).status == Case.Status.ARCHIVED
    response = curator_client.post(url, _change_form_data(curator_client, archived, "publiee"), follow=True)
    assert response.status_code == 200
    assert "« publiee » n&#x27;est pas un statut." in response.content.decode()


# Limits, uploads and errors ---------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(curator_client, settings, uploads):
    settings.IMPORT_MAX_BYTES = 1000
    response = _upload(curator_client, (HEADER + "a,A,R,draft,sante\n" * 60).encode())
    [error] = response.context["form"].errors["import_file"]
    assert error.startswith("Le fichier pèse 1,1")
    assert error.endswith("plus que les 1000\xa0octets permis pour un import : découpez-le en plusieurs fichiers.")
    assert _files(uploads) == []


ROWS = [["slug", "title", "summary", "status"]] + [[f"cas-{n}", f"Cas {n}", "R", "draft"] for n in range(3)]
TOO_MANY = "Le fichier a plus de 2 lignes de données, la limite d'un import : découpez-le en plusieurs fichiers."
DECLARES_TOO_MANY = (
    "La feuille déclare 4 lignes et 4 colonnes ; un import en accepte au plus 2 lignes de données et 100 "
    "colonnes. Copiez les seules cellules utiles dans un classeur neuf."
)


@pytest.mark.parametrize(
    ("file_format", "content", "message"),
    [
        (CSV, "".join(",".join(row) + "\n" for row in ROWS).encode(), TOO_MANY),
        (XLSX, _xlsx(ROWS), DECLARES_TOO_MANY),
        (XLSX, _xlsx(ROWS, dimension=None, drop_dimension=True), TOO_MANY),
    ],
    ids=["csv", "xlsx", "xlsx-without-dimension"],
)
def test_a_file_over_the_row_limit_is_refused(curator_client, settings, file_format, content, message):
    settings.IMPORT_MAX_ROWS = 2
    response = _upload(curator_client, content, file_format=file_format, name="cas.xlsx")
    assert response.context["form"].errors["import_file"] == [message]
    assert Case.objects.count() == 0


def test_an_xlsx_declaring_a_huge_sheet_is_refused_before_its_cells_are_read(curator_client):
    content = _xlsx([["slug", "title"], ["cas", "Cas"]], dimension="A1:XFD20000")
    assert len(content) < 10_000
    response = _upload(curator_client, content, file_format=XLSX, name="cas.xlsx")
    [error] = response.context["form"].errors["import_file"]
    assert error.startswith("La feuille déclare 20000 lignes et 16384 colonnes ; un import en accepte au plus 20000")


def test_an_xlsx_wider_than_its_header_keeps_only_the_header_columns(curator_client):
    content = _xlsx([["slug", "title", "summary", "status", None], ["cas", "Cas", "R", "draft", None]])
    response = _upload(curator_client, content, file_format=XLSX, name="cas.xlsx")
    assert "confirm_form" in response.context, response.context["form"].errors


def test_a_file_without_the_slug_column_gets_a_sentence_not_a_traceback(curator_client, uploads):
    response = _upload(curator_client, b"title,summary\nCas,R\n")
    content = response.content.decode()
    assert "Colonne(s) absente(s) de l&#x27;en-tête : slug." in content
    assert "Traceback" not in content and 'File "' not in content and ".py" not in content
    assert _files(uploads) == []


def test_an_unreadable_file_is_explained_in_french(curator_client):
    response = _upload(curator_client, b"not a workbook", file_format=XLSX, name="cas.xlsx")
    assert response.context["form"].errors["import_file"] == [
        "Ce fichier ne se lit pas dans le format choisi : vérifiez le format (CSV en UTF-8, ou XLSX)."
    ]


def test_confirming_an_upload_that_is_gone_asks_for_it_again(curator_client):
    confirm = {
        "import_file_name": "0" * 32,
        "original_file_name": "cas.csv",
        "format": CSV,
        "resource": "0",
    }
    response = curator_client.post(PROCESS, confirm, follow=True)
    assert response.status_code == 200
    assert "Le fichier de cet aperçu n&#x27;est plus disponible" in response.content.decode()


def test_an_unconfirmed_upload_is_removed_by_a_later_one_after_its_time(curator_client, uploads, settings):
    settings.IMPORT_TMP_MAX_AGE = 60
    _upload(curator_client, (HEADER + "a,A,R,draft,sante\n").encode())
    [old] = _files(uploads)
    os.utime(uploads / old, (time.time() - 120, time.time() - 120))
    _upload(curator_client, (HEADER + "b,B,R,draft,sante\n").encode())
    [kept] = _files(uploads)
    assert kept != old


# Formulas in exports ----------------------------------------------------------------------------------

FORMULAS = {
    "title": '=HYPERLINK("https://example.org","clic")',
    "summary": "＝1+1",
    "place": " @SUM(A1)",
    "source": "'=déjà une apostrophe",
    "outcomes": "-2+3",
    "citation": "'Une citation entre apostrophes'",
}


def _export(client, file_format: str) -> bytes:
    fields = {f"caseresource_{name}": "on" for name in CaseResource.Meta.fields}
    response = client.post(EXPORT, {"format": file_format, "resource": "0", **fields})
    assert response.status_code == 200
    return response.content


def test_the_csv_export_escapes_formulas_and_reads_back_unchanged(curator_client):
    case = CaseFactory(slug="formules", **FORMULAS)
    content = _export(curator_client, CSV).decode("utf-8-sig")
    assert "'=HYPERLINK(" in content and "'＝1+1" in content and "' @SUM(A1)" in content
    assert "''=déjà une apostrophe" in content and ",'-2+3," in content
    assert "\n=" not in content and ",=" not in content
    Case.objects.filter(pk=case.pk).update(title="changé", summary="changé", place="", source="", outcomes="")
    response = _upload(curator_client, content.encode())
    curator_client.post(PROCESS, response.context["confirm_form"].initial)
    assert Case.objects.filter(slug="formules", **FORMULAS).exists()


def test_the_xlsx_export_has_no_formula_and_reads_back_unchanged(curator_client):
    case = CaseFactory(slug="formules", **FORMULAS)
    content = _export(curator_client, XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert '\'=HYPERLINK("https://example.org","clic")' in [cell.value for cell in cells]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    Case.objects.filter(pk=case.pk).update(title="changé", summary="changé", place="", source="", outcomes="")
    response = _upload(curator_client, content, file_format=XLSX, name="cas.xlsx")
    curator_client.post(PROCESS, response.context["confirm_form"].initial)
    assert Case.objects.filter(slug="formules", **FORMULAS).exists()
