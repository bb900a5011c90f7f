"""The case page shows its photos (alt text, sizes, variants, credits) and its documents (title, type, size)."""

import json
import re

import pytest

from cases.media import case_document_add, case_image_add
from cases.models import Case
from tests.factories import CaseFactory
from tests.media.files import PDF_BYTES, jpeg_upload, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


@pytest.fixture
def case():
    case = CaseFactory(slug="jardin-fictif")
    case_image_add(
        case, jpeg_upload(size=(1600, 900)), alt_text="Des bénévoles plantent des tomates", credit="A. Martin (fictif)"
    )
    case_image_add(case, jpeg_upload(size=(640, 480)), alt_text="L'entrée du jardin", licence="CC BY 4.0")
    case_document_add(
        case,
        pdf_upload(content=PDF_BYTES.replace(b"\n1 0 obj", b"\n%" + b"x" * 1_200_000 + b"\n1 0 obj")),
        title="Fiche de l'alliance",
    )
    return case


def _figures(content: str) -> list[str]:
    return re.findall(r"<figure>.*?</figure>", content, re.S)


def test_the_gallery_shows_each_photo_with_its_alt_text_sizes_and_credits(client, case):
    content = client.get("/cas/jardin-fictif/").content.decode()
    first, second = case.images.all()
    figures = _figures(content)
    assert len(figures) == 2
    large = first.variant_urls()[-1]
    assert f'src="{large["url"]}"' in figures[0]
    assert f'srcset="{first.srcset}"' in figures[0]
    assert 'width="1200" height="675"' in figures[0]
    assert 'alt="Des bénévoles plantent des tomates"' in figures[0]
    assert "<figcaption>Crédit : A. Martin (fictif)</figcaption>" in figures[0]
    assert 'alt="L&#x27;entrée du jardin"' in figures[1] and 'loading="lazy"' in figures[1]
    assert 'width="640" height="480"' in figures[1]
    assert "<figcaption>Licence : CC BY 4.0</figcaption>" in figures[1]
    assert second.srcset.count("w,") == 1  # 480 and 640 wide


def test_the_documents_list_gives_title_type_and_size_in_french(client, case):
    content = client.get("/cas/jardin-fictif/").content.decode()
    document = case.documents.get()
    assert (
        f'<a href="{document.url}" type="application/pdf">Fiche de l&#x27;alliance '
        '<span class="file-meta">(PDF, 1,2\xa0Mo)</span></a>'
    ) in content


def test_the_json_ld_names_the_photos(client, case):
    content = client.get("/cas/jardin-fictif/").content.decode()
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1])
    assert json_ld["image"] == [f"http://testserver{image.url}" for image in case.images.all()]


def test_a_case_without_files_has_no_gallery_nor_image(client):
    CaseFactory(slug="sans-photo-fictif")
    content = client.get("/cas/sans-photo-fictif/").content.decode()
    assert "<figure>" not in content and 'id="documents-titre"' not in content
    assert '"image"' not in content


def test_the_curators_preview_of_a_draft_shows_its_photos(curator_client, case):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    response = curator_client.get(f"/admin/cases/case/{case.pk}/apercu/")
    assert len(_figures(response.content.decode())) == 2
    assert curator_client.get(case.images.first().variant_urls()[-1]["url"]).status_code == 200
