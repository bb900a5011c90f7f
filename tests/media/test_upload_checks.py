"""Files are judged by their content: a name or a declared type proves nothing."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from cases.media import document_upload_checked, image_upload_checked
from tests.media.files import PDF_BYTES, image_bytes, jpeg_upload, pdf_upload, upload

pytestmark = pytest.mark.sqlite


def _refusal(check, file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(file)
    return caught.value


def test_a_jpeg_is_re_encoded_under_a_name_made_of_its_content():
    checked = image_upload_checked(jpeg_upload())
    assert checked.name.endswith(".jpg") and len(checked.name) == len("0" * 32 + ".jpg")
    assert Image.open(checked).format == "JPEG"
    assert image_upload_checked(jpeg_upload("autre-nom.jpg")).name == checked.name


def test_exif_is_removed_and_the_orientation_applied():
    original = Image.open(io.BytesIO(image_bytes((400, 200), exif=True)))
    assert original.getexif()  # the test file does carry EXIF
    checked = Image.open(image_upload_checked(upload("photo.jpg", image_bytes((400, 200), exif=True))))
    assert not checked.getexif()
    assert "exif" not in checked.info
    assert checked.size == (200, 400)  # turned upright as the Orientation tag said


def test_a_png_with_transparency_stays_a_png():
    checked = image_upload_checked(upload("logo.png", image_bytes((300, 300), "PNG", mode="RGBA")))
    assert checked.name.endswith(".png")
    assert Image.open(checked).mode == "RGBA"


def test_a_big_image_is_scaled_down_to_the_largest_side_the_page_uses():
    checked = Image.open(image_upload_checked(jpeg_upload(size=(4000, 3000))))
    assert checked.size == (2400, 1800)


def test_a_pdf_named_jpg_is_not_an_image():
    error = _refusal(image_upload_checked, upload("photo.jpg", PDF_BYTES, "image/jpeg"))
    assert error.code == "not_an_image"
    assert "« photo.jpg » n'est pas une image lisible" in error.messages[0]


def test_a_text_file_named_png_is_not_an_image():
    error = _refusal(image_upload_checked, upload("image.png", b"Bonjour, je ne suis pas une image.\n", "image/png"))
    assert error.code == "not_an_image"


def test_a_truncated_image_is_refused():
    error = _refusal(image_upload_checked, upload("coupee.jpg", image_bytes()[:2000], "image/jpeg"))
    assert error.code == "not_an_image"


def test_an_image_format_outside_the_list_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    assert _refusal(image_upload_checked, upload("image.bmp", out.getvalue())).code == "not_an_image"


def test_an_image_heavier_than_the_limit_is_refused(settings):
    settings.CASE_IMAGE_MAX_BYTES = 1000
    error = _refusal(image_upload_checked, jpeg_upload())
    assert error.code == "too_big"
    assert "dépasse la taille permise (1000\xa0octets au plus)" in error.messages[0]


def test_an_image_with_too_many_pixels_is_refused_before_decoding(settings):
    settings.CASE_IMAGE_MAX_PIXELS = 1_000_000
    error = _refusal(image_upload_checked, upload("grande.png", image_bytes((1200, 1000), "PNG")))
    assert error.code == "too_many_pixels"
    assert "(1 millions au plus)" in error.messages[0]


def test_a_pdf_is_kept_as_it_is():
    checked = document_upload_checked(pdf_upload())
    assert checked.read() == PDF_BYTES
    assert checked.name.endswith(".pdf")


def test_a_png_named_pdf_is_not_a_document():
    error = _refusal(document_upload_checked, upload("fiche.pdf", image_bytes(fmt="PNG"), "application/pdf"))
    assert error.code == "not_a_pdf"
    assert error.messages == ["« fiche.pdf » n'est pas un document PDF (seuls les PDF sont acceptés)."]


def test_a_cut_pdf_is_refused():
    assert _refusal(document_upload_checked, pdf_upload(content=PDF_BYTES[:120])).code == "broken_pdf"


def test_a_document_heavier_than_the_limit_is_refused(settings):
    settings.CASE_DOCUMENT_MAX_BYTES = 100
    assert _refusal(document_upload_checked, pdf_upload()).code == "too_big"
