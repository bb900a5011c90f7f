"""A visitor proposes a case with a photo and a PDF, in a real browser, without an account."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from cases.models import Case
from proposals.models import Proposal
from tests.media.files import PDF_BYTES, image_bytes

# Also run on SQLite: the demo takes proposals too.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.sqlite]


def test_a_visitor_proposes_a_case_with_a_photo_and_a_pdf(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/cas/")
    page.get_by_role("main").get_by_role("link", name="Proposer une étude de cas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une étude de cas")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # fits a phone
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.get_by_label("Titre", exact=True).fill("Épicerie solidaire fictive du quartier")
    page.get_by_label("Résumé").fill("Une association et un supermarché fictifs ouvrent une épicerie solidaire.")
    page.get_by_label("Description", exact=True).fill("Le besoin de départ.\n\nCe que chacun apporte.")
    page.get_by_label("Département").select_option(label="35 — Ille-et-Vilaine")
    page.locator("#id_org-0-name").fill("Association fictive de l'épicerie")
    page.locator("#id_org-0-kind").select_option(label="Association")
    page.locator("#id_org-0-role").select_option(label="Porteur")
    page.get_by_label("Pauvreté / lutte contre l'exclusion").check()
    page.locator("#id_photo-0-file").set_input_files(
        files=[{"name": "epicerie.jpg", "mimeType": "image/jpeg", "buffer": image_bytes((1000, 700))}]
    )
    page.locator("#id_photo-0-alt_text").fill("Des bénévoles derrière le comptoir de l'épicerie")
    page.locator("#id_photo-0-credit").fill("Photo fictive")
    page.locator("#id_doc-0-file").set_input_files(
        files=[{"name": "fiche.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.locator("#id_doc-0-title").fill("La fiche de l'épicerie")
    page.get_by_label("Votre nom").fill("Dominique Fictive")
    page.get_by_label("Votre adresse électronique").fill("dominique@example.org")
    page.get_by_label(re.compile("^J'ai lu et j'accepte")).check()
    page.get_by_role("button", name="Envoyer la proposition").click()

    expect(page).to_have_url(re.compile(r"/cas/proposer/merci/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre proposition")

    case = Case.objects.get()
    assert (case.title, case.status) == ("Épicerie solidaire fictive du quartier", Case.Status.DRAFT)
    assert case.images.get().alt_text == "Des bénévoles derrière le comptoir de l'épicerie"
    assert case.documents.get().title == "La fiche de l'épicerie"
    assert list(case.regions.values_list("code", flat=True)) == ["53"]
    assert Proposal.objects.get().email == "dominique@example.org"
    [acknowledgement] = mail.outbox
    assert acknowledgement.to == ["dominique@example.org"]
    assert page.goto(f"/cas/{case.slug}/").status == 404  # a draft, until the curators publish it
    page.console_errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
