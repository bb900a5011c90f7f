"""A refused import leaves no file behind, and an XLSX cell's size is bounded before openpyxl reads it."""

import io
import tempfile

import openpyxl
import pytest
from django.urls import reverse

from cases.models import Case

pytestmark = pytest.mark.django_db

CSV, XLSX = "0", "1"


@pytest.fixture(autouse=True)
def uploads(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / "observatoire-imports"


def _upload(client, content: bytes, name: str, file_format: str):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(reverse("admin:cases_case_import"), {"import_file": upload, "format": file_format})


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_a_file_refused_while_read_leaves_nothing_in_the_upload_folder(curator_client, settings, uploads):
    settings.IMPORT_MAX_ROWS = 1
    content = b"slug,title,summary,status\na,A,R,draft\nb,B,R,draft\n"
    response = _upload(curator_client, content, "cas.csv", CSV)
    assert response.context["form"].errors["import_file"]
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_an_xlsx_cell_over_the_limit_is_refused_before_the_sheet_is_read(curator_client, settings, uploads):
    settings.IMPORT_MAX_CELL_CHARS = 1000
    content = _xlsx([["slug", "title", "summary"], ["cas", "Cas", "x" * 5000]])
    response = _upload(curator_client, content, "cas.xlsx", XLSX)
    assert response.context["form"].errors["import_file"] == [
        "Une cellule du classeur dépasse 1000 caractères, la limite d'une cellule pour un import."
    ]
    assert Case.objects.count() == 0
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_a_file_refused_for_its_rows_leaves_nothing_in_the_upload_folder(curator_client, uploads):
    content = b"slug,title,summary,status\na,A,R,draft\nb,,R,nimporte\n"
    response = _upload(curator_client, content, "cas.csv", CSV)
    assert response.status_code == 200
    assert Case.objects.count() == 0
    assert not uploads.exists() or list(uploads.iterdir()) == []
