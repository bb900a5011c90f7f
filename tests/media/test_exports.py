"""The CSV export and the open-data dump name each case's files, never a draft's."""

import csv
import io

import pytest

from cases.media import case_document_add, case_image_add
from cases.models import Case
from tests.factories import CaseFactory
from tests.media.files import jpeg_upload, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_the_csv_lists_the_paths_of_the_photos_and_documents_of_published_cases(client):
    case = CaseFactory(slug="jardin-fictif")
    first = case_image_add(case, jpeg_upload(size=(500, 400)), alt_text="Un")
    second = case_image_add(case, jpeg_upload(size=(600, 400)), alt_text="Deux")
    document = case_document_add(case, pdf_upload(), title="Fiche")
    draft = CaseFactory(slug="brouillon-fictif", status=Case.Status.DRAFT, published_at=None)
    case_image_add(draft, jpeg_upload(size=(500, 400)), alt_text="Caché")
    response = client.get("/api/v1/cases/?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["slug"] for row in rows] == ["jardin-fictif"]
    assert rows[0]["images"] == f"{first.url}|{second.url}"
    assert rows[0]["documents"] == document.url
