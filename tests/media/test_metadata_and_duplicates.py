"""A stored photo keeps no comment, XMP or colour profile text; the same file twice in a proposal is an
error of its line, not a 500, and is not counted against the proposer's hourly quota."""

import io

import pytest
from django.core.cache import cache
from PIL import Image, ImageCms

from cases.media import image_upload_checked
from cases.models import Case
from proposals.models import Proposal
from tests.media.files import image_bytes, pdf_upload, upload
from tests.proposals.conftest import URL, proposal_data, with_files

pytestmark = pytest.mark.django_db

ANNE = "Anne".encode("utf-16-be")


def jpeg_with_metadata() -> bytes:
    """A JPEG carrying a comment, an XMP packet and an ICC profile whose description names someone."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc = srgb.replace("sRGB".encode("utf-16-be"), ANNE)  # the profile's description, in UTF-16
    out = io.BytesIO()
    Image.open(io.BytesIO(image_bytes(size=(300, 200)))).save(
        out,
        "JPEG",
        comment=b"Commentaire de Jeanne Fictive",
        xmp=b"<x:xmpmeta>Auteur : Jeanne</x:xmpmeta>",
        icc_profile=icc,
    )
    return out.getvalue()


def test_the_source_file_carries_the_metadata():
    data = jpeg_with_metadata()
    assert b"Jeanne Fictive" in data and b"Auteur : Jeanne" in data and ANNE in data


def test_comment_xmp_and_icc_text_are_gone_after_re_encoding():
    stored = image_upload_checked(upload("photo.jpg", jpeg_with_metadata(), "image/jpeg")).read()
    assert b"Jeanne" not in stored
    assert b"xmpmeta" not in stored
    assert ANNE not in stored
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.size) == ("JPEG", (300, 200))
    assert {"comment", "xmp", "icc_profile", "exif"}.isdisjoint(image.info)


@pytest.fixture
def fresh_count():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("kind", ["photo", "document"])
def test_the_same_file_twice_in_a_proposal_is_an_error_of_the_later_line(client, settings, fresh_count, kind):
    settings.PROPOSAL_RATE = "1/hour"
    if kind == "photo":
        content = image_bytes(size=(400, 300))
        files = {"photos": [(upload("a.jpg", content, "image/jpeg"), "Vue A"), (upload("b.jpg", content), "Vue B")]}
        field, noun = "photo-1-file", "Photo 2"
    else:
        files = {"documents": [(pdf_upload("a.pdf"), "Fiche A"), (pdf_upload("b.pdf"), "Fiche B")]}
        field, noun = "doc-1-file", "Document 2"
    response = client.post(URL, with_files(proposal_data(), **files), REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<a href="#id_{field}">{noun} — ' in page
    assert "Ce fichier est déjà choisi à la ligne 1 : choisissez-en un autre." in page
    assert Case.objects.count() == 0 and Proposal.objects.count() == 0
    # The refused try is not counted: the corrected proposal goes through under a 1/hour rate.
    assert client.post(URL, proposal_data(), REMOTE_ADDR="198.51.100.20").status_code == 302
