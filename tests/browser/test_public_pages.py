"""The public pages in a real browser: search with facets, a case and back, the map, every page type."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import CaseFactory, ParticipationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set PAGES_SCREENSHOTS=/some/dir to keep a screenshot of each page type for a person to look at.
SCREENSHOTS = os.environ.get("PAGES_SCREENSHOTS")


@pytest.fixture
def cases():
    for index in range(4):
        ParticipationFactory(
            case=CaseFactory(title=f"Potager lyonnais {index}", domains=["sante"], departments=["69"]),
            organization__name=f"Association lyonnaise {index}",
        )
    CaseFactory(title="Potager grenoblois", domains=["education"], departments=["38"])
    CaseFactory(title="Potager lillois", domains=["sante"], departments=["59"])
    CaseFactory(title="Potager bordelais", domains=["sante", "education"], departments=["33"])
    CaseFactory(title="Atelier vélo", domains=["mobilite-transports"], departments=["69"])


def _count(page, param: str, value: str) -> int:
    return int(page.locator(f"label[for='f-{param}-{value}'] .count").inner_text().split()[0])


# Also run on SQLite: the demo's search in a real browser (the live server shares SQLite's one connection).
@pytest.mark.sqlite
def test_search_two_facets_open_a_case_and_come_back(page, cases):
    page.goto("/cas/")
    page.get_by_label("Rechercher dans les études de cas").fill("potagers")
    page.get_by_role("button", name="Rechercher").click()
    heading = page.locator("#resultats-titre")
    expect(heading).to_have_text("7 études de cas pour « potagers »")
    expect(page).to_have_url(re.compile(r"/cas/\?q=potagers$"))
    assert _count(page, "region", "84") == 5
    assert _count(page, "domain", "sante") == 6

    page.get_by_label(re.compile(r"^Santé")).check()
    expect(heading).to_have_text("6 études de cas pour « potagers »")
    expect(page).to_have_url(re.compile(r"domain=sante"))
    assert _count(page, "region", "84") == 4  # the Grenoble case is education only

    page.get_by_label(re.compile(r"^Auvergne-Rhône-Alpes")).check()
    expect(heading).to_have_text("4 études de cas pour « potagers »")
    expect(page).to_have_url(re.compile(r"q=potagers&domain=sante&region=84"))
    assert _count(page, "domain", "education") == 1  # other domains keep counting under the region
    expect(page.locator(".chip", has_text="Santé")).to_be_visible()

    page.get_by_role("link", name="Potager lyonnais 3").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Potager lyonnais 3")
    expect(page.get_by_text("Cas fictif de démonstration.")).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(r"q=potagers&domain=sante&region=84"))
    expect(page.locator("#resultats-titre")).to_have_text("4 études de cas pour « potagers »")
    expect(page.get_by_label("Rechercher dans les études de cas")).to_have_value("potagers")
    expect(page.get_by_label(re.compile(r"^Santé"))).to_be_checked()
    expect(page.get_by_label(re.compile(r"^Auvergne-Rhône-Alpes"))).to_be_checked()


def test_removing_a_filter_and_going_back_in_history_update_in_place(page, cases):
    page.goto("/cas/?q=potager&domain=sante&region=84")
    heading = page.locator("#resultats-titre")
    expect(heading).to_have_text("4 études de cas pour « potager »")
    page.get_by_role("link", name="Retirer le filtre Auvergne-Rhône-Alpes").click()
    expect(heading).to_have_text("6 études de cas pour « potager »")
    expect(page).to_have_url(re.compile(r"/cas/\?q=potager&domain=sante$"))
    page.go_back()
    expect(heading).to_have_text("4 études de cas pour « potager »")


def test_the_search_works_without_javascript(browser, live_server, cases):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto("/cas/?q=potager")
    page.get_by_label(re.compile(r"^Santé")).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"q=potager&domain=sante"))
    expect(page.locator("#resultats-titre")).to_have_text("6 études de cas pour « potager »")
    context.close()


def test_the_map_renders_with_counts_and_leads_to_a_region(page, cases):
    page.goto("/territoires/")
    region = page.locator("svg a[href='/territoires/84/']")
    expect(region).to_have_attribute("aria-label", "Auvergne-Rhône-Alpes : 6 études de cas")
    box = region.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 50
    expect(page.locator("svg .map-counts text", has_text="6")).to_be_visible()
    region.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Auvergne-Rhône-Alpes")
    expect(page.locator("svg a[href='/cas/?department=69']")).to_have_attribute("aria-label", "Rhône : 5 études de cas")


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("accueil", "/", "Les alliances qui répondent aux fragilités des territoires"),
        ("recherche", "/cas/?q=potager&domain=sante", "Études de cas"),
        ("cas", "/cas/potager-lyonnais/", "Potager lyonnais 0"),
        ("territoires", "/territoires/", "Territoires"),
        ("region", "/territoires/84/", "Auvergne-Rhône-Alpes"),
        ("domaine", "/domaines/sante/", "Santé"),
        ("a-propos", "/a-propos/", "À propos"),
    ],
)
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_type_renders_on_desktop_and_phone(page, cases, name, path, heading, width):
    CaseFactory(slug="potager-lyonnais", title="Potager lyonnais 0", departments=["69"])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows sideways
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
