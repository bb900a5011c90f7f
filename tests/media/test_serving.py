"""/fichiers/cas/<id>/<name>: a published case's files for everybody, a draft's for curators only."""

from urllib.parse import unquote

import pytest
from django.core.files.storage import FileSystemStorage

from cases.media import case_document_add, case_image_add
from cases.models import Case
from tests.factories import CaseFactory
from tests.media.files import PDF_BYTES, jpeg_upload, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


@pytest.fixture
def published():
    case = CaseFactory(title="Alliance fictive au jardin")
    image = case_image_add(case, jpeg_upload(size=(1300, 700)), alt_text="Un jardin")
    document = case_document_add(case, pdf_upload(), title="Fiche de l'alliance (fictive)")
    return case, image, document


@pytest.fixture
def draft(published):
    case, image, document = published
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    return case, image, document


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_published_pdf_is_served_inline_with_its_headers(client, published):
    _case, _image, document = published
    response = client.get(document.url)
    assert response.status_code == 200
    assert _body(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="fiche-de-lalliance-fictive.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "object-src 'self'" in response["Content-Security-Policy"]


def test_a_published_image_and_its_variants_are_served_as_what_they_are(client, published):
    _case, image, _document = published
    response = client.get(image.url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert response["Content-Disposition"].startswith("inline")
    for variant in image.variant_urls():
        response = client.get(variant["url"])
        assert (response.status_code, response["Content-Type"]) == (200, "image/webp")
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_drafts_files_are_not_found_by_anonymous_visitors(client, draft):
    _case, image, document = draft
    for url in [image.url, document.url, *(variant["url"] for variant in image.variant_urls())]:
        assert client.get(url).status_code == 404, url


def test_a_drafts_files_are_not_found_by_staff_without_permission(staff_client, draft):
    _case, image, document = draft
    assert staff_client.get(image.url).status_code == 404
    assert staff_client.get(document.url).status_code == 404


def test_curators_see_a_drafts_files_uncached(curator_client, draft):
    _case, image, document = draft
    response = curator_client.get(document.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert curator_client.get(image.url).status_code == 200


def test_a_file_of_another_case_or_an_unknown_name_is_not_found(client, published):
    case, image, _document = published
    other = CaseFactory()
    filename = image.file.name.rsplit("/", 1)[1]
    assert client.get(f"/fichiers/cas/{other.pk}/{filename}").status_code == 404
    assert client.get(f"/fichiers/cas/{case.pk}/{'0' * 32}.jpg").status_code == 404
    assert client.get(f"/fichiers/cas/{case.pk}/..%2F..%2Fsettings.py").status_code == 404
    assert client.get(f"/fichiers/cas/{case.pk}/x.html").status_code == 404


def test_the_storage_folder_is_not_served_as_such(client, published):
    _case, image, _document = published
    assert client.get(f"/{image.file.name}").status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_writes_are_not_allowed(client, published):
    _case, image, _document = published
    assert client.post(image.url).status_code == 405


class SigningStorage(FileSystemStorage):
    """A local storage that signs its addresses the way django-storages' S3Storage does."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        query = "&".join(f"{key}={value}" for key, value in sorted((parameters or {}).items()))
        return f"https://bucket.example/{name}?expire={expire}&{query}"


def test_with_a_bucket_files_are_redirected_to_a_short_lived_signed_address(client, settings, published):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.SigningStorage"}}
    settings.CASE_FILES_SIGNED_URLS = True
    _case, _image, document = published
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"https://bucket.example/{document.file.name}?expire=300&")
    location = unquote(response["Location"])
    assert 'ResponseContentDisposition=inline; filename="fiche-de-lalliance-fictive.pdf"' in location
    assert "ResponseContentType=application/pdf" in location
    assert "ResponseCacheControl=public, max-age=31536000, immutable" in location
    assert response["Cache-Control"] == "public, max-age=150"
