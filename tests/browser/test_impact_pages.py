"""The pages of impacts, SDGs, organisations and collections in Debian's Chromium, each free of axe
violations, and on a phone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cases.models import CaseImpact, Collection, CollectionEntry
from foundation.reference.models import Impact
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    case = CaseFactory(title="Alliance fictive mesurée", slug="alliance-fictive-mesuree", departments=["69"])
    CaseImpact.objects.create(
        case=case,
        impact=Impact.objects.get(slug="confiance"),
        evidence="Des habitants fictifs reviennent chaque semaine.",
        formal_evaluation=True,
        evaluation_url="https://example.org/evaluation.pdf",
    )
    case.sdgs.set([17, 4])
    ParticipationFactory(
        case=case,
        organization=OrganizationFactory(name="Association fictive pivot", department_id="69"),
    )
    collection = Collection.objects.create(
        title="Collection fictive", slug="collection-fictive", description="Deux cas fictifs.", is_published=True
    )
    other = CaseFactory(title="Autre alliance fictive")
    ParticipationFactory(
        case=other, organization=OrganizationFactory(name="Fondation fictive lilloise", department_id="59")
    )
    CollectionEntry.objects.create(collection=collection, case=other, position=1)
    CollectionEntry.objects.create(collection=collection, case=case, position=2)


def _axe_clean(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_case_with_impacts_and_goals_leads_to_its_organisation_and_goal(page, content):
    page.goto("/cas/alliance-fictive-mesuree/")
    section = page.locator(".case-impacts")
    expect(section.get_by_role("heading", level=3)).to_have_text(re.compile("^Confiance dans des actions"))
    expect(section).to_contain_text("Des habitants fictifs reviennent chaque semaine.")
    _axe_clean(page)
    page.get_by_role("link", name="Association fictive pivot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Association fictive pivot")
    expect(page.locator(".organization-cases li")).to_have_text(re.compile("^Alliance fictive mesurée"))
    _axe_clean(page)
    page.go_back()
    page.get_by_role("link", name="ODD 17 — Partenariats pour la réalisation des objectifs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partenariats pour la réalisation des objectifs")
    expect(page.locator(".sdg-cases li")).to_have_count(1)
    _axe_clean(page)


def test_the_directory_filters_by_kind_and_a_collection_keeps_its_order(page, content):
    page.goto("/organisations/")
    expect(page.locator("#resultats-titre")).to_have_text("2 organisations")
    _axe_clean(page)
    page.get_by_label(re.compile("^Auvergne-Rhône-Alpes")).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.locator("#resultats-titre")).to_have_text("1 organisation")
    page.goto("/collections/collection-fictive/")
    expect(page.locator(".collection-cases li")).to_have_text(
        [re.compile("^Autre alliance fictive"), re.compile("^Alliance fictive mesurée")]
    )
    _axe_clean(page)


def test_a_profile_with_impact_counts_is_clean_and_fits_a_phone(page, content):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/territoires/84/")
    counts = page.locator("#impacts-profil-titre").locator("..")
    expect(counts.get_by_role("link", name=re.compile("^Confiance dans des actions"))).to_contain_text("1")
    _axe_clean(page)
    for path in ["/organisations/", "/odd/17/", "/cas/alliance-fictive-mesuree/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_search_filters_by_collection_and_stays_clean(page, content):
    CaseFactory(title="Alliance fictive hors collection")
    page.goto("/cas/")
    expect(page.locator("#facettes")).to_contain_text("Collections")
    page.get_by_role("checkbox", name=re.compile("^Collection fictive 2")).check()
    page.get_by_role("button", name=re.compile("^Appliquer")).first.click()
    expect(page).to_have_url(re.compile(r"collection=collection-fictive"))
    expect(page.get_by_role("checkbox", name=re.compile("^Collection fictive 2"))).to_be_checked()
    expect(page.locator(".results")).not_to_contain_text("Alliance fictive hors collection")
    _axe_clean(page)
