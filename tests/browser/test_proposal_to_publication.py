"""From the field to the public page, in a real browser, on both databases.

A visitor proposes a case with a photo and a PDF and is acknowledged by email; the draft's files answer 404
to the public; the proposal waits on the curators' desk; a curator opens it, completes the draft and
publishes it; the proposer is told; the public page shows the photo with its alt text and the document.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cases.models import Case
from proposals.models import Proposal
from tests.browser.conftest import log_in
from tests.media.files import PDF_BYTES, image_bytes

# Also run on SQLite: the demo takes proposals, shows the desk and serves the files the same way.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.sqlite]

TITLE = "Recyclerie solidaire fictive des Tilleuls"
ALT = "Des bénévoles trient des meubles dans la recyclerie"


def _propose(page) -> None:
    page.goto("/cas/proposer/")
    page.get_by_label("Titre", exact=True).fill(TITLE)
    page.get_by_label("Résumé").fill("Une association et une entreprise fictives ouvrent une recyclerie.")
    page.get_by_label("Description", exact=True).fill("Le besoin de départ.\n\nCe que chacun apporte.")
    page.get_by_label("Département").select_option(label="35 — Ille-et-Vilaine")
    page.locator("#id_org-0-name").fill("Association fictive de la recyclerie")
    page.locator("#id_org-0-kind").select_option(label="Association")
    page.locator("#id_org-0-role").select_option(label="Porteur")
    page.get_by_label("Environnement / pollution / biodiversité").check()
    page.locator("#id_photo-0-file").set_input_files(
        files=[{"name": "recyclerie.jpg", "mimeType": "image/jpeg", "buffer": image_bytes((1200, 800), exif=True)}]
    )
    page.locator("#id_photo-0-alt_text").fill(ALT)
    page.locator("#id_photo-0-credit").fill("Photo fictive")
    page.locator("#id_doc-0-file").set_input_files(
        files=[{"name": "fiche.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.locator("#id_doc-0-title").fill("Fiche de la recyclerie")
    page.get_by_label("Votre nom").fill("Camille Fictive")
    page.get_by_label("Votre adresse électronique").fill("camille@example.org")
    page.get_by_label(re.compile("^J'ai lu et j'accepte")).check()
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page).to_have_url(re.compile(r"/cas/proposer/merci/$"))


def test_a_proposal_goes_from_the_field_to_a_published_page(page, browser, live_server, curator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _propose(page)

    [acknowledgement] = mail.outbox
    assert acknowledgement.to == ["camille@example.org"]
    case = Case.objects.get(title=TITLE)
    assert case.status == Case.Status.DRAFT
    image, document = case.images.get(), case.documents.get()

    # Before publication the files are nobody's business but the curators'.
    anonymous = browser.new_context(base_url=live_server.url)
    for url in (image.url, document.url, *[variant["url"] for variant in image.variant_urls()]):
        answer = anonymous.request.get(url)
        assert answer.status == 404, (url, answer.headers)

    # The curator finds the proposal on the desk, opens the draft, completes it and publishes it.
    log_in(page, "claire", "curatrice-2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bureau éditorial")
    page.get_by_role("link", name=f"Examiner la proposition « {TITLE} »").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    page.locator("#id_outcomes").fill("Trois tonnes de meubles réemployées la première année (chiffre fictif).")
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messagelist")).to_contain_text("Statut : Publiée")

    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED
    assert Proposal.objects.get(case=case).state == Proposal.State.ACCEPTED
    assert [message.to for message in mail.outbox] == [["camille@example.org"], ["camille@example.org"]]
    assert case.get_absolute_url() in mail.outbox[1].body

    # The public page shows the photo with its alt text and the document; the files are served.
    public = anonymous.new_page()
    public.goto(case.get_absolute_url())
    photo = public.get_by_role("img", name=ALT)
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.complete && image.naturalWidth > 0")
    expect(public.get_by_role("link", name=re.compile("^Fiche de la recyclerie"))).to_be_visible()
    assert anonymous.request.get(document.url).status == 200
    assert "Trois tonnes" in public.content()
    anonymous.close()
