"""case_image_add and case_document_add: the path every upload takes (admin, API, proposals)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image

from cases.media import CaseDocument, CaseImage, case_document_add, case_image_add
from tests.factories import CaseFactory
from tests.media.conftest import stored_files
from tests.media.files import PDF_BYTES, image_bytes, jpeg_upload, pdf_upload, upload

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_an_image_is_stored_with_its_variants_under_the_case(media_root):
    case = CaseFactory()
    image = case_image_add(case, jpeg_upload(size=(1600, 900)), alt_text=" Des bénévoles au jardin ", credit="X")
    assert (image.alt_text, image.credit, image.position) == ("Des bénévoles au jardin", "X", 1)
    assert (image.width, image.height) == (1600, 900)
    assert image.file.name.startswith(f"cas/{case.pk}/") and image.file.name.endswith(".jpg")
    assert [(variant["width"], variant["height"]) for variant in image.variants] == [(480, 270), (1200, 675)]
    for variant in image.variants:
        assert Image.open(media_root / variant["name"]).format == "WEBP"
    assert stored_files(media_root) == sorted(image.stored_names())
    assert image.size == (media_root / image.file.name).stat().st_size


def test_a_narrow_image_keeps_its_own_width_as_its_largest_variant():
    image = case_image_add(CaseFactory(), jpeg_upload(size=(800, 600)), alt_text="Une affiche")
    assert [variant["width"] for variant in image.variants] == [480, 800]


def test_no_exif_remains_in_any_stored_file(media_root):
    image = case_image_add(CaseFactory(), upload("p.jpg", image_bytes((1300, 700), exif=True)), alt_text="Un atelier")
    for name in image.stored_names():
        with Image.open(media_root / name) as stored:
            assert not stored.getexif(), name
            assert "exif" not in stored.info and "xmp" not in stored.info


def test_images_and_documents_follow_each_other_in_order():
    case = CaseFactory()
    first = case_image_add(case, jpeg_upload(size=(500, 500)), alt_text="Un")
    second = case_image_add(case, jpeg_upload(size=(600, 500)), alt_text="Deux")
    document = case_document_add(case, pdf_upload(), title=" La fiche ")
    assert [first.position, second.position] == [1, 2]
    assert list(case.images.all()) == [first, second]
    assert (document.title, document.size, document.content_type, document.position) == (
        "La fiche",
        len(PDF_BYTES),
        "application/pdf",
        1,
    )


@pytest.mark.parametrize(
    ("add", "message"),
    [
        (lambda case: case_image_add(case, jpeg_upload(), alt_text="  "), "alt_text"),
        (lambda case: case_image_add(case, upload("x.png", b"texte"), alt_text="Un"), "n'est pas une image"),
        (lambda case: case_document_add(case, upload("x.pdf", image_bytes(fmt="PNG")), title="Fiche"), "PDF"),
        (lambda case: case_document_add(case, pdf_upload(), title=""), "title"),
    ],
)
def test_a_refused_file_leaves_nothing_behind(media_root, add, message):
    case = CaseFactory()
    with pytest.raises(ValidationError) as caught:
        add(case)
    assert message in str(caught.value)
    assert not CaseImage.objects.exists() and not CaseDocument.objects.exists()
    assert stored_files(media_root) == []


def test_a_case_holds_at_most_case_files_max_files(settings, media_root):
    settings.CASE_FILES_MAX = 2
    case = CaseFactory()
    case_image_add(case, jpeg_upload(size=(500, 500)), alt_text="Un")
    case_document_add(case, pdf_upload(), title="Fiche")
    before = stored_files(media_root)
    with pytest.raises(ValidationError) as caught:
        case_image_add(case, jpeg_upload(size=(600, 500)), alt_text="Deux")
    assert caught.value.messages == ["Une étude de cas compte au plus 2 fichiers (photos et documents)."]
    assert stored_files(media_root) == before
    assert case.images.count() == 1


def test_the_same_photo_twice_is_refused():
    case = CaseFactory()
    case_image_add(case, jpeg_upload(), alt_text="Un")
    with pytest.raises(ValidationError, match="figure déjà"):
        case_image_add(case, jpeg_upload("copie.jpg"), alt_text="Deux")


def test_deleting_a_case_deletes_its_files_once_committed(media_root, django_capture_on_commit_callbacks):
    case = CaseFactory()
    case_image_add(case, jpeg_upload(), alt_text="Un")
    case_document_add(case, pdf_upload(), title="Fiche")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        case.delete()
        assert len(stored_files(media_root)) == 4  # not before the commit
    assert stored_files(media_root) == []
