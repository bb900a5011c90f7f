"""A region's profile and its report in Debian's Chromium: chart, tables, print, PDF, phone, and axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.profile_data import priority_example
from tests.snapshots import surveys_demo

# Also run on SQLite: the demo shows the profiles, reports and maps too.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.sqlite]


@pytest.fixture
def example(live_server):
    surveys_demo()
    priority_example()


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_region_profile_shows_its_indicators_priorities_and_alliances_accessibly(page, example):
    page.goto("/territoires/84/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Auvergne-Rhône-Alpes")
    indicators = page.get_by_role("table", name="Indicateurs officiels — Auvergne-Rhône-Alpes")
    expect(indicators.get_by_role("row", name=re.compile("^Indicateur fictif education"))).to_contain_text(
        "1ʳᵉ région sur 5"
    )
    chart = page.get_by_role("img", name="Fragilités objectives et perçues — Auvergne-Rhône-Alpes")
    expect(chart).to_be_visible()
    priorities = page.get_by_role("table", name=re.compile("^Fragilités objectives et perçues par domaine"))
    expect(priorities.get_by_role("row", name=re.compile("^Éducation"))).to_contain_text(
        "Rang plus haut selon les données, par rapport à la perception nationale"
    )
    expect(page.get_by_role("heading", name="En bref")).to_be_visible()
    expect(page.get_by_role("heading", name="Les dynamiques d'alliances à l'œuvre")).to_be_visible()
    assert_accessible(page)


def test_a_department_profile_is_accessible_and_links_back_to_its_region(page, example):
    page.goto("/territoires/departements/38/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Isère (38)")
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role("link", name="Auvergne-Rhône-Alpes").click()
    expect(page).to_have_url(re.compile("/territoires/84/$"))
    page.goto("/territoires/departements/38/")
    assert_accessible(page)


def test_the_report_prints_without_the_site_navigation_and_its_pdf_downloads(page, example):
    page.goto("/territoires/84/")
    page.get_by_role("link", name="Rapport régional imprimable").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport régional : Auvergne-Rhône-Alpes")
    assert_accessible(page)
    pdf = page.get_by_role("link", name="Télécharger en PDF").get_attribute("href")
    response = page.request.get(pdf)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_hidden()
    expect(page.get_by_role("link", name="Télécharger en PDF")).to_be_hidden()
    expect(page.get_by_role("img", name=re.compile("^Fragilités objectives et perçues"))).to_be_visible()


def test_on_a_phone_the_profile_fits_the_screen(page, example):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/territoires/84/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The chart keeps its drawn width, scrolling in its own box, so that its smallest text stays 12 px.
    figure = page.get_by_role("figure", name="Graphique des fragilités prioritaires").bounding_box()
    assert figure["x"] >= 0 and figure["x"] + figure["width"] <= 360
    chart = page.get_by_role("img", name=re.compile("^Fragilités objectives et perçues"))
    assert chart.evaluate("svg => svg.getScreenCTM().a * 12") >= 12


def test_the_method_page_is_accessible_and_reached_from_a_profile(page, example):
    page.goto("/territoires/84/")
    page.get_by_role("link", name="À propos des indicateurs et de la méthode").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("À propos des indicateurs")
    expect(
        page.get_by_role("heading", name="Pourquoi des rangs en centile plutôt que des écarts à la moyenne")
    ).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/territoires/04/", "La Réunion"),
        ("/territoires/france/", "Les fragilités des régions, domaine par domaine"),
        ("/territoires/france/rapport/", "Rapport national : les fragilités des régions"),
    ],
)
def test_the_overseas_region_the_national_view_and_the_national_report_are_accessible(page, example, path, heading):
    page.goto(path)

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/territoires/84/priorites/integrer/", "Fragilités objectives et perçues — Auvergne-Rhône-Alpes"),
        (
            "/territoires/carte/integrer/?indicateur=indicateur-emploi&niveau=region",
            "Indicateur fictif emploi, par région",
        ),
    ],
)
def test_the_territory_chart_embed_pages_show_their_chart_and_source_accessibly(page, example, path, heading):
    page.goto(path)

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("img").first).to_be_visible()
    expect(page.get_by_role("figure")).to_contain_text("Licence Ouverte / Etalab 2.0")
    assert_accessible(page)


def test_a_profile_offers_its_chart_to_take_away_accessibly(page, example):
    page.goto("/territoires/84/")

    svg = page.get_by_role("link", name="Télécharger le graphique (SVG, avec sa source et sa licence)")
    response = page.request.get(svg.get_attribute("href"))
    assert "Fragilités objectives et perçues — Auvergne-Rhône-Alpes" in response.text()
    code = page.get_by_label("Code d'intégration, à copier dans une page web")
    expect(code).to_have_value(re.compile(r'^<iframe src="http://[^"]+/territoires/84/priorites/integrer/"'))
    assert_accessible(page)
