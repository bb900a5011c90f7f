"""The indicator map and the national view in a real browser, on the shipped official indicators: the map
switched through its plain form, the heat table followed to a region, each page free of axe violations."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from indicators.services import indicators_load
from tests.snapshots import surveys_demo

# Also run on SQLite: the demo shows the profiles, reports and maps too.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.sqlite]


@pytest.fixture
def official():
    indicators_load()
    surveys_demo()


def _assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_map_switches_to_an_indicator_by_department_through_its_form(page, official):
    page.goto("/territoires/")
    expect(page.locator("#carte-titre")).to_have_text("Études de cas publiées par région")
    page.get_by_label("Ce que montre la carte").select_option(label="Taux de pauvreté (seuil à 60 %)")
    page.get_by_label("Départements").check()
    page.get_by_role("button", name="Afficher la carte").click()

    # The form also sends its (empty) impact filter, which only the map of cases reads.
    expect(page).to_have_url(re.compile(r"/territoires/\?indicateur=taux_pauvrete_60(&impact=)?&niveau=departement$"))
    expect(page.locator("#carte-titre")).to_have_text("Taux de pauvreté (seuil à 60 %), par département")
    expect(page.locator(".map-legend li").last).to_have_text("non disponible dans la source")
    expect(page.locator(".source-line").first).to_contain_text("Licence Ouverte / Etalab 2.0")
    table = page.get_by_role("table", name=re.compile("^Taux de pauvreté"))
    expect(table.get_by_role("row", name=re.compile(r"^Seine-Saint-Denis \(93\)"))).to_contain_text("28,4")
    expect(table.get_by_role("row", name=re.compile(r"^Guadeloupe \(971\)"))).to_contain_text(
        "non disponible dans la source"
    )
    expect(page.locator('a[href="/territoires/departements/971/"] rect')).to_have_attribute(
        "fill", "url(#carte-hachures)"
    )
    _assert_accessible(page)

    page.get_by_label("Régions").check()
    page.get_by_role("button", name="Afficher la carte").click()
    expect(page).to_have_url(re.compile(r"niveau=region$"))
    # One decimal for every rate, and the rank of fragility among the 15 regions with a value: 13 metropolitan,
    # La Réunion and Martinique with their single department's value.
    expect(page.get_by_role("row", name="Hauts-de-France 18,0 4 sur 15 2021", exact=True)).to_be_visible()

    page.get_by_label("Ce que montre la carte").select_option(label="Études de cas publiées, par région")
    page.get_by_role("button", name="Afficher la carte").click()
    expect(page.locator("#carte-titre")).to_have_text("Études de cas publiées par région")
    _assert_accessible(page)


def test_the_national_view_compares_regions_by_domain_and_leads_to_a_region(page, official):
    page.goto("/territoires/france/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Les fragilités des régions, domaine par domaine")
    heat = page.get_by_role("table", name=re.compile("^Rang de chaque région"))
    expect(heat.get_by_role("columnheader", name=re.compile("^Culture"))).to_contain_text("aucun indicateur officiel")
    expect(heat.get_by_role("row", name=re.compile("^Perception nationale"))).to_contain_text("6,4")
    cell = page.locator('td[headers="region-32 domaine-pauvrete-exclusion"]')
    expect(cell).to_contain_text("3ᵉ")  # after La Réunion and Martinique, which take their department's values
    _assert_accessible(page)

    cell.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/territoires/32/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hauts-de-France")


def test_the_sources_credit_each_producer_accessibly(page, official):
    page.goto("/a-propos/#indicateurs-officiels")
    credits = page.locator(".producer-credits li")
    expect(credits.first).to_contain_text("INSEE")
    expect(page.locator(".producer-credits")).to_contain_text("Banque de France")
    _assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["/territoires/?indicateur=taux_pauvrete_60&niveau=departement", "/territoires/france/", "/a-propos/"],
)
def test_the_indicator_pages_fit_a_phone(page, official, path):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll in their own box
