"""The English pages in Debian's Chromium: the main pages (home, search, a case, the about, notions and method
pages, a domain, open data, the territories and a profile) axe-clean, and the language switcher that keeps
the page, on a phone too."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import CaseFactory, ParticipationFactory
from tests.profile_data import priority_example
from tests.snapshots import surveys_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.sqlite]


@pytest.fixture
def example(live_server, monkeypatch):
    surveys_demo()
    priority_example()
    # One case with its English title and summary, one without (its French text is marked lang="fr").
    ParticipationFactory(
        case=CaseFactory(
            slug="jardin-partage",
            title="Un jardin partagé",
            title_en="A shared garden",
            summary="Une association et une entreprise cultivent un jardin.",
            summary_en="An association and a business grow a garden together.",
            domains=["sante"],
            departments=["69"],
        )
    )
    CaseFactory(slug="atelier-velo", title="Atelier vélo", domains=["sante"], departments=["38"])
    # The open-data page without a dump: no build starts in the background of the live server.
    monkeypatch.setattr("observatoire.opendata.refresh", lambda package, version=None: None)


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/cas/",
        "/en/cas/?q=jardin",
        "/en/cas/jardin-partage/",
        "/en/cas/atelier-velo/",
        "/en/a-propos/",
        "/en/a-propos/notions/",
        "/en/a-propos/indicateurs/",
        "/en/domaines/sante/",
        "/en/donnees/",
        "/en/territoires/",
        "/en/territoires/84/",
        "/en/territoires/departements/38/",
        "/en/territoires/84/rapport/",
        "/en/territoires/france/",
    ],
)
def test_an_english_page_says_its_language_and_is_accessible(page, example, path):
    page.goto(path)

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    assert_accessible(page)


def test_the_switcher_keeps_the_page_both_ways(page, example):
    page.goto("/territoires/84/")
    page.get_by_role("navigation", name="Langue du site").get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/territoires/84/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Auvergne-Rhône-Alpes")

    page.get_by_role("navigation", name="Site language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/territoires/84/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_the_switcher_is_reachable_on_a_phone(page, example):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/en/")

    link = page.get_by_role("navigation", name="Site language").get_by_role("link", name="Français")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24
    link.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Les alliances qui répondent aux fragilités des territoires"
    )
