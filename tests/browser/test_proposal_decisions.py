"""A curator decides a proposal from its own page, in a real browser; a staff member without the
permission neither sees the buttons nor can decide."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from proposals.models import Proposal
from tests.browser.conftest import log_in
from tests.proposals.conftest import URL, proposal_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_curator_declines_a_proposal_from_its_page(page, curator):
    Client().post(URL, proposal_data())
    proposal = Proposal.objects.get()
    log_in(page, "claire", "curatrice-2026")
    page.goto(f"/admin/proposals/proposal/{proposal.pk}/change/")
    decisions = page.locator(".proposal-decisions")
    expect(decisions.get_by_role("button")).to_have_text(["Accepter", "Demander des informations", "Refuser"])
    assert_accessible(page)

    decisions.get_by_role("button", name="Refuser").click()
    page.get_by_label("Raison du refus").fill("Hors du champ de l'Observatoire.")
    page.get_by_role("button", name="Envoyer et enregistrer la décision").click()
    expect(page).to_have_url(f"{page.url.split('/admin/')[0]}/admin/proposals/proposal/{proposal.pk}/change/")
    expect(page.locator(".messagelist")).to_have_text("1 proposition(s) refusée(s) ; le proposant est prévenu.")
    expect(page.locator(".proposal-decisions")).to_have_count(0)
    assert Proposal.objects.get().state == "declined"
    assert [message.subject for message in mail.outbox][-1] == "Votre proposition d'étude de cas n'est pas retenue"
