"""A question page of the surveys in Debian's Chromium: the chart, its table, print and phone layouts."""

import re

import pytest
from playwright.sync_api import expect

from tests.snapshots import surveys_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Q6 = "/enquetes/impact-citoyens-2019/q6/"


@pytest.fixture
def demo_surveys(live_server):
    surveys_demo()


def test_a_question_page_shows_an_accessible_chart_and_its_table(page, demo_surveys):
    page.goto(Q6)
    chart = page.get_by_role(
        "img", name=re.compile(r"^Q6 — La place des entreprises \(IMPACT-Citoyens, octobre 2019\)")
    )
    expect(chart).to_be_visible()
    description = page.locator("svg desc").first.text_content()
    assert "Légitimes — Tout à fait d'accord : 20\u202f% (calculé)" in description
    assert "Ni d'accord ni pas d'accord : non lisible dans la source" in description
    expect(page.locator("figcaption")).to_contain_text("Source : étude IMPACT-Citoyens")
    table = page.get_by_role("table", name=re.compile("Q6 — La place des entreprises"))
    expect(table.get_by_role("row", name=re.compile("^Légitimes"))).to_contain_text("non lisible dans la source")
    expect(table.get_by_role("row", name=re.compile("^Crédibles"))).to_contain_text("(calculé : 65 − 46)")
    # The stylesheet is served and applied, and the CSP let everything through (no console error).
    assert page.locator("svg.chart-svg").first.evaluate("svg => getComputedStyle(svg).width") != "400px"


def test_the_csv_link_downloads_the_import_format(page, demo_surveys):
    page.goto(Q6)
    href = page.get_by_role("link", name="Télécharger les chiffres de la question (CSV)").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text().splitlines()
    assert lines[0] == "study,question,row,answer,segment,value,unit,provenance,significance,base"
    assert len(lines) == 1 + 18


def test_the_chart_prints_without_the_site_navigation(page, demo_surveys):
    page.goto(Q6)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_hidden()
    expect(page.locator("svg.chart-svg")).to_be_visible()
    expect(page.locator("figcaption")).to_be_visible()


def test_on_a_phone_the_chart_fits_the_screen(page, demo_surveys):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/enquetes/impact-citoyens-2019/q1/")
    box = page.locator("svg.chart-svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_study_page_leads_to_each_question(page, demo_surveys):
    page.goto("/enquetes/")
    page.get_by_role("link", name="PHARE-Institutions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PHARE-Institutions")
    expect(page.locator("svg.chart-svg")).to_have_count(6)
    page.get_by_role("link", name="Q8 — Les collectivités à la manœuvre", exact=True).click()
    expect(page).to_have_url(re.compile("/enquetes/phare-institutions-2016/q8/$"))
    expect(page.get_by_role("img", name=re.compile("^Q8 — Les collectivités"))).to_be_visible()
