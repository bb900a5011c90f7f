"""Photos and documents edited inline on a case's admin page."""

import pytest
from django.urls import reverse

from cases.media import CaseDocument, CaseImage, case_image_add
from cases.models import Case
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory
from tests.media.conftest import stored_files
from tests.media.files import PDF_BYTES, image_bytes, jpeg_upload, pdf_upload, upload

pytestmark = pytest.mark.django_db


def _change_data(client, case: Case, **extra) -> dict:
    """The change form as it is, with the inline lines given in `extra` (images-0-file, …)."""
    data = change_form_data(client.get(reverse("admin:cases_case_change", args=[case.pk])))
    existing = case.images.count()
    new_images = {key.split("-")[1] for key in extra if key.startswith("images-")}
    data["images-TOTAL_FORMS"] = existing + len(new_images - {str(index) for index in range(existing)})
    data.update(extra)
    return data


def _post(client, case: Case, data: dict):
    return client.post(reverse("admin:cases_case_change", args=[case.pk]), data)


def test_the_change_page_has_the_inlines_and_sends_files(curator_client):
    case = CaseFactory()
    content = curator_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'name="images-0-alt_text"' in content
    assert 'name="documents-0-title"' in content


def test_a_curator_adds_a_photo_and_a_document(curator_client, media_root):
    case = CaseFactory()
    data = _change_data(
        curator_client,
        case,
        **{
            "images-0-file": upload("p.jpg", image_bytes((1300, 700), exif=True), "image/jpeg"),
            "images-0-alt_text": "Des bénévoles au jardin",
            "images-0-credit": "Photo fictive",
            "images-0-licence": "CC BY 4.0",
            "images-0-position": 1,
            "documents-TOTAL_FORMS": 1,
            "documents-0-file": pdf_upload(),
            "documents-0-title": "Fiche",
            "documents-0-position": 1,
        },
    )
    response = _post(curator_client, case, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    image = case.images.get()
    assert (image.alt_text, image.credit, image.licence, image.width, image.height) == (
        "Des bénévoles au jardin",
        "Photo fictive",
        "CC BY 4.0",
        700,
        1300,
    )
    assert len(image.variants) == 2
    document = case.documents.get()
    assert (document.title, document.size) == ("Fiche", len(PDF_BYTES))
    assert stored_files(media_root) == sorted([*image.stored_names(), document.file.name])
    # The change page now previews the photo through the file view.
    content = curator_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert image.variant_urls()[0]["url"] in content
    assert f'href="{image.url}"' in content  # the stored file's link goes through the file view too


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"images-0-file": upload("photo.jpg", PDF_BYTES, "image/jpeg"), "images-0-alt_text": "Un"},
            "Transférez une image valide",
        ),
        ({"images-0-file": jpeg_upload(), "images-0-alt_text": ""}, "Ce champ est obligatoire"),
        (
            {
                "documents-TOTAL_FORMS": 1,
                "documents-0-file": upload("fiche.pdf", image_bytes(fmt="PNG"), "application/pdf"),
                "documents-0-title": "Fiche",
            },
            "« fiche.pdf » n&#x27;est pas un document PDF",
        ),
    ],
)
def test_a_refused_file_is_an_error_on_its_line_and_nothing_is_stored(curator_client, media_root, extra, message):
    case = CaseFactory()
    response = _post(curator_client, case, _change_data(curator_client, case, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CaseImage.objects.exists() and not CaseDocument.objects.exists()
    assert stored_files(media_root) == []


def test_photos_and_documents_together_stay_within_the_limit(curator_client, settings, media_root):
    settings.CASE_FILES_MAX = 2
    case = CaseFactory()
    case_image_add(case, jpeg_upload(size=(500, 400)), alt_text="Déjà là")
    before = stored_files(media_root)
    data = _change_data(
        curator_client,
        case,
        **{
            "images-1-file": jpeg_upload(size=(600, 400)),
            "images-1-alt_text": "Une de plus",
            "images-1-position": 2,
            "documents-TOTAL_FORMS": 1,
            "documents-0-file": pdf_upload(),
            "documents-0-title": "Fiche",
        },
    )
    response = _post(curator_client, case, data)
    assert response.status_code == 200
    assert "Une étude de cas compte au plus 2 fichiers (photos et documents)." in response.content.decode()
    assert case.images.count() == 1 and not case.documents.exists()
    assert stored_files(media_root) == before


def test_editing_the_alt_text_and_the_order_keeps_the_file(curator_client):
    case = CaseFactory()
    image = case_image_add(case, jpeg_upload(), alt_text="Avant")
    data = _change_data(curator_client, case)
    data.update({"images-0-alt_text": "Après", "images-0-position": 5})
    assert _post(curator_client, case, data).status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.position) == ("Après", 5)
    assert image.file.storage.exists(image.file.name)


def test_deleting_a_line_deletes_its_files(curator_client, media_root, django_capture_on_commit_callbacks):
    case = CaseFactory()
    case_image_add(case, jpeg_upload(), alt_text="À retirer")
    data = _change_data(curator_client, case)
    data["images-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(curator_client, case, data).status_code == 302
    assert not case.images.exists()
    assert stored_files(media_root) == []
