"""A curator adds a resource with its PDF in the admin, in Chromium, publishes it, and a reader downloads the
file from the public page: the whole path of a file, from the curator's disk to the reader's."""

import pytest
from playwright.sync_api import expect

from resources.models import Resource
from tests.browser.conftest import log_in
from tests.media.files import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SAVE = "Enregistrer et continuer les modifications"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_curator_uploads_a_resource_file_publishes_it_and_a_reader_downloads_it(
    page, browser, live_server, curator, tmp_path
):
    pdf = tmp_path / "kit-fictif.pdf"
    pdf.write_bytes(PDF_BYTES)
    log_in(page, "claire", "curatrice-2026")
    page.goto("/admin/resources/resource/add/")
    page.locator("#id_title").fill("Kit fictif pour les collectivités")
    page.locator("#id_kind").select_option("kit")
    page.locator("#id_citation").fill("Kit fictif, pour l'essai.")
    page.locator("#id_file").set_input_files(pdf)
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator(".messagelist")).to_contain_text("a été ajouté avec succès")
    resource = Resource.objects.get()
    assert (resource.slug, resource.status, resource.file_type) == (
        "kit-fictif-pour-les-collectivites",
        Resource.Status.DRAFT,
        "application/pdf",
    )
    expect(page.locator(".field-stored_file")).to_contain_text("PDF")

    # A draft's page and file are not the public's.
    reader = browser.new_context(base_url=live_server.url, locale="fr-FR")
    public = reader.new_page()
    assert public.goto(f"/ressources/{resource.slug}/").status == 404
    assert public.request.get(resource.file_url).status == 404

    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié avec succès")

    assert public.goto(f"/ressources/{resource.slug}/").status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text("Kit fictif pour les collectivités")
    link = public.get_by_role("link", name="Télécharger le fichier")
    expect(link.locator("xpath=..")).to_contain_text("(PDF, ")
    with public.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "kit-fictif-pour-les-collectivites.pdf"
    assert download.value.path().read_bytes() == PDF_BYTES
    reader.close()
