"""The open data page, a question page's download and embed controls, and an embed page framed by a page
of the site, in Debian's Chromium, each free of axe violations."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from observatoire import opendata
from tests.factories import CaseFactory
from tests.snapshots import surveys_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Q6 = "/enquetes/impact-citoyens-2019/q6/"
TITLE = "Q6 — La place des entreprises (IMPACT-Citoyens, octobre 2019)"


@pytest.fixture
def demo_surveys(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    surveys_demo()


def _assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_open_data_page_lists_every_body_and_the_catalogue(page, demo_surveys):
    CaseFactory(slug="cas-fictif-donnees")
    opendata.build()

    page.goto("/donnees/")

    for heading in ("Études de cas d'alliances", "Résultats des enquêtes", "Indicateurs territoriaux officiels"):
        expect(page.get_by_role("heading", name=re.compile(f"^{heading}"))).to_be_visible()
    figures = page.get_by_role("table", name=re.compile("Résultats des enquêtes"))
    expect(figures.get_by_role("row", name=re.compile(r"^chiffres\.csv"))).to_contain_text("127")
    expect(page.get_by_role("link", name="catalogue.jsonld")).to_have_attribute("href", "/donnees/catalogue.jsonld")
    catalogue = page.request.get("/donnees/catalogue.jsonld")
    assert catalogue.headers["content-type"] == "application/ld+json"
    assert "http://www.w3.org/ns/dcat#Catalog" in catalogue.text()
    _assert_accessible(page)


def test_a_question_page_offers_its_chart_as_svg_with_its_source_line(page, demo_surveys):
    page.goto(Q6)
    takeaway = page.get_by_role("region", name="Emporter ce graphique")

    with page.expect_download() as download_info:
        takeaway.get_by_role("link", name="Télécharger le graphique (SVG)").click()
    download = download_info.value
    svg = Path(download.path()).read_text(encoding="utf-8")

    assert download.suggested_filename == "observatoire-impact-citoyens-2019-q6.svg"
    assert f"<title>{TITLE}</title>" in svg
    assert "(Comisis — OpinionWay, octobre 2019)" in svg
    assert "Licence : à préciser par l&#x27;Observatoire des partenariats" in svg
    code = takeaway.get_by_label("Code d'intégration, à copier dans une page web")
    expect(code).to_have_value(
        re.compile(r'^<iframe src="http://localhost:\d+/enquetes/impact-citoyens-2019/q6/integrer/"')
    )
    _assert_accessible(page)


def test_the_embed_page_shows_in_a_frame_of_the_site_without_its_chrome(page, demo_surveys, live_server):
    page.goto(f"{Q6}integrer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("img", name=re.compile("^Q6 — La place des entreprises"))).to_be_visible()
    _assert_accessible(page)

    # A page of the site's own origin ('self' is allowed) that frames the chart, as a reader's site would.
    host = f"{live_server.url}/page-hote-fictive/"
    page.goto(Q6)
    snippet = page.locator("#code-integration").input_value()
    page.route(host, lambda route: route.fulfill(content_type="text/html", body=f"<!doctype html>{snippet}"))
    page.goto(host)
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(frame.locator("figcaption")).to_contain_text("Source : étude IMPACT-Citoyens")
