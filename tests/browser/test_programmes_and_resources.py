"""The programme IMPACT, the resource centre, the audience pages and the home page's entry points in Debian's
Chromium, each free of axe violations, and the resource list's filter used as a reader uses it."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from resources.services import resources_load
from tests.snapshots import surveys_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def frame(live_server):
    surveys_demo()
    resources_load()


def _assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_impact_programme_page_shows_its_announced_studies(page, frame):
    page.goto("/programmes/impact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme IMPACT")
    volet = page.locator("#volets li", has=page.get_by_role("heading", name="Volet 5 : IMPACT-Elus / Maires"))
    expect(volet).to_contain_text("IMPACT-Elus locaux — annoncée, à programmer fin 2020 ou 2021")
    _assert_accessible(page)


def test_a_reader_filters_the_resources_by_kind_and_opens_one(page, frame):
    page.goto("/ressources/")
    expect(page.get_by_role("heading", name="18 ressources")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^Kit 4")).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("heading", name="4 ressources")).to_be_visible()
    assert "kind=kit" in page.url
    _assert_accessible(page)
    page.get_by_role("link", name="Le kit « l'ODD 17 et les Collectivités »").click()
    expect(page.locator("#fiche")).to_contain_text("le 8/07/20")
    _assert_accessible(page)


@pytest.mark.parametrize("slug", ["organisations", "collectivites", "institutions", "territoires", "chercheurs"])
def test_each_audience_page_is_accessible(page, frame, slug):
    page.goto(f"/pour/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _assert_accessible(page)


def test_the_home_page_leads_to_each_audience(page, frame):
    page.goto("/")
    entry = page.locator("#publics")
    expect(entry.get_by_role("link")).to_have_count(7)
    entry.get_by_role("link", name="Chercheurs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chercheurs")
    page.go_back()
    _assert_accessible(page)


def test_a_resource_with_a_file_and_goals_is_filtered_opened_and_downloaded(page, frame, settings, tmp_path):
    from django.core.files.base import ContentFile

    from resources.models import Resource
    from tests.media.files import PDF_BYTES

    settings.MEDIA_ROOT = tmp_path
    resource = Resource.objects.create(
        slug="kit-fictif",
        title="Kit fictif de démonstration",
        kind="kit",
        citation="Ressource fictive (démonstration)",
        status=Resource.Status.PUBLISHED,
        file_type="application/pdf",
        file_size=len(PDF_BYTES),
    )
    resource.file.save("0123456789abcdef0123456789abcdef.pdf", ContentFile(PDF_BYTES))
    resource.sdgs.set([17])
    page.goto("/ressources/")
    page.get_by_role("checkbox", name=re.compile(r"^Partenariats pour la réalisation des objectifs 1")).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("heading", name="1 ressource")).to_be_visible()
    assert "sdg=17" in page.url
    _assert_accessible(page)
    page.get_by_role("link", name="Kit fictif de démonstration").click()
    expect(page.locator("#fiche")).to_contain_text("ODD 17 — Partenariats pour la réalisation des objectifs")
    expect(page.locator("#fiche")).to_contain_text(f"(PDF, {len(PDF_BYTES)}\xa0octets)")
    _assert_accessible(page)
    served = page.request.get(page.locator("#fichier").get_attribute("href"))
    assert served.status == 200 and served.body() == PDF_BYTES
