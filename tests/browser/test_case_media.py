"""A published case's photo and document in a real browser: shown with its alt text, served, linked."""

import pytest
from playwright.sync_api import expect

from cases.media import case_document_add, case_image_add
from tests.factories import CaseFactory
from tests.media.files import jpeg_upload, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.sqlite]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_published_case_shows_its_photo_and_links_its_document(page):
    case = CaseFactory(title="Jardin partagé fictif", slug="jardin-partage-fictif")
    case_image_add(case, jpeg_upload(size=(1600, 900)), alt_text="Des bénévoles plantent des tomates", credit="X")
    document = case_document_add(case, pdf_upload(), title="Fiche de l'alliance")

    page.goto("/cas/jardin-partage-fictif/")
    photo = page.get_by_role("img", name="Des bénévoles plantent des tomates")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.complete && image.naturalWidth > 0")  # served, and allowed by the CSP
    expect(page.locator("figcaption")).to_have_text("Crédit : X")

    link = page.get_by_role("link", name="Fiche de l'alliance (PDF")
    expect(link).to_have_attribute("href", document.url)
    response = page.request.get(document.url)
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = photo.bounding_box()
    assert box is not None and box["width"] <= 360
