"""The editorial desk and the monthly news in Debian's Chromium: a curator's path, a phone, and axe."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from desk.models import CaseComment
from tests.browser.conftest import log_in
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page, context=None) -> None:
    results = Axe().run(page, context=context)
    assert results.violations_count == 0, results.generate_report()


def test_a_curator_goes_from_the_desk_to_a_case_in_review_and_comments_on_it(page, curator):
    case = CaseFactory(title="Recyclerie fictive", status=Case.Status.DRAFT, published_at=None)
    case._history_user = curator
    case.move_to(Case.Status.REVIEW, user=curator)
    dormant = CaseFactory(title="Brouillon fictif oublié", status=Case.Status.DRAFT, published_at=None)
    Case.objects.filter(pk=dormant.pk).update(updated_at=timezone.now() - timedelta(days=200))

    log_in(page, "claire", "curatrice-2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bureau éditorial")
    review = page.locator("#desk-relecture")
    expect(review.get_by_role("heading", level=2)).to_have_text("Études de cas en relecture (1)")
    expect(review.get_by_role("row", name=re.compile("Recyclerie fictive"))).to_contain_text("claire")
    expect(page.locator("#desk-dormants")).to_contain_text("Brouillon fictif oublié")
    expect(page.get_by_role("link", name="Études de cas", exact=True).first).to_be_visible()  # the app list
    assert_accessible(page, context="#content-main")

    review.get_by_role("link", name="Relire « Recyclerie fictive »").click()
    page.locator("textarea[name='comments-2-0-text']").fill("Vérifier les dates avec le porteur.")
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    expect(page.locator(".messagelist")).to_contain_text("modifié")
    expect(page.locator("body")).to_contain_text("Vérifier les dates avec le porteur.")
    assert CaseComment.objects.get(case=case).author == curator


@pytest.mark.parametrize("width", [1280, 390])
def test_the_monthly_news_reads_on_a_phone_and_is_accessible(page, width):
    CaseFactory(title="Alliance fictive du mois", published_at=timezone.now())
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/cas/nouveautes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelles études de cas")
    expect(page.get_by_role("link", name="Alliance fictive du mois")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
