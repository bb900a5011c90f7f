"""`/api/v1/cases/` filters exactly like `/cas/`: one test per parameter, with the count it gives."""

import pytest

from cases.models import Case
from foundation.reference.models import CollectiveDynamic, EngagementPractice, PartnershipType
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _count(client, query: str) -> int:
    response = client.get(f"/api/v1/cases/?{query}")
    assert response.status_code == 200, response.content
    return response.json()["count"]


@pytest.fixture
def corpus():
    """Five published cases and a draft that no filter may ever count."""
    lyon = CaseFactory(title="Jardin lyonnais", domains=["sante", "emploi"], departments=["69"], start_year=2015)
    lyon.partnership_types.set(PartnershipType.objects.filter(slug="mecenat"))
    lyon.engagement_practices.set(EngagementPractice.objects.filter(slug="engagement-salaries"))
    lyon.dynamics.set(CollectiveDynamic.objects.filter(slug="tiers-lieux"))
    ParticipationFactory(case=lyon, organization=OrganizationFactory(kind="entreprise"))
    grenoble = CaseFactory(title="Atelier grenoblois", domains=["sante"], departments=["38"], start_year=2019)
    grenoble.partnership_types.set(PartnershipType.objects.filter(slug="cooperation-economique"))
    grenoble.dynamics.set(CollectiveDynamic.objects.filter(slug="tiers-lieux"))
    ParticipationFactory(case=grenoble, organization=OrganizationFactory(kind="fondation"))
    lille = CaseFactory(title="Réseau lillois", domains=["emploi"], departments=["59"], start_year=2010, end_year=2012)
    lille.engagement_practices.set(EngagementPractice.objects.filter(slug="engagement-salaries"))
    CaseFactory(title="Boutique corse", domains=["pauvrete-exclusion"], departments=["2A"], start_year=2021)
    CaseFactory(title="Jardin sans lieu", start_year=None)
    draft = CaseFactory(
        title="Jardin brouillon", status=Case.Status.DRAFT, published_at=None, domains=["sante"], departments=["69"]
    )
    draft.dynamics.set(CollectiveDynamic.objects.filter(slug="tiers-lieux"))
    ParticipationFactory(case=draft, organization=OrganizationFactory(kind="entreprise"))


def test_without_filters_it_counts_every_published_case(client, corpus):
    assert _count(client, "") == 5


def test_q_searches_the_words(client, corpus):
    assert _count(client, "q=jardin") == 2


def test_domain_values_are_ored(client, corpus):
    assert _count(client, "domain=sante") == 2
    assert _count(client, "domain=sante&domain=pauvrete-exclusion") == 3


def test_partnership_filters_by_partnership_practice(client, corpus):
    assert _count(client, "partnership=mecenat") == 1


def test_engagement_filters_by_engagement_practice(client, corpus):
    assert _count(client, "engagement=engagement-salaries") == 2


def test_dynamic_filters_by_collective_dynamic(client, corpus):
    assert _count(client, "dynamic=tiers-lieux") == 2


def test_region_finds_the_cases_of_its_departments(client, corpus):
    assert _count(client, "region=84") == 2
    assert _count(client, "region=94") == 1


def test_department_filters_by_insee_code(client, corpus):
    assert _count(client, "department=2A") == 1
    assert _count(client, "department=69&department=59") == 2


def test_organization_kind_filters_by_the_kind_of_a_participant(client, corpus):
    assert _count(client, "organization_kind=entreprise") == 1
    assert _count(client, "organization_kind=entreprise&organization_kind=fondation") == 2


def test_year_min_keeps_cases_active_in_or_after_the_year(client, corpus):
    assert _count(client, "year_min=2013") == 3


def test_year_max_keeps_cases_started_in_or_before_the_year(client, corpus):
    assert _count(client, "year_max=2015") == 2


def test_filters_are_anded(client, corpus):
    assert _count(client, "domain=emploi&region=84") == 1
    assert _count(client, "domain=emploi&year_min=2013") == 1


def test_sort_by_title_orders_alphabetically(client, corpus):
    response = client.get("/api/v1/cases/?sort=title&page_size=3")
    assert [case["title"] for case in response.json()["results"]] == [
        "Atelier grenoblois",
        "Boutique corse",
        "Jardin lyonnais",
    ]


def test_sort_recent_puts_the_latest_publication_first(client, corpus):
    response = client.get("/api/v1/cases/?sort=recent&page_size=1")
    assert response.json()["results"][0]["title"] == "Jardin sans lieu"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("domain=inconnu", "domain"),
        ("department=99", "department"),
        ("region=00", "region"),
        ("organization_kind=ovni", "organization_kind"),
        ("year_min=deux-mille", "year_min"),
        ("year_max=3000", "year_max"),
        ("sort=hasard", "sort"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_an_invalid_value_is_a_400_naming_the_parameter(client, corpus, query, parameter):
    response = client.get(f"/api/v1/cases/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
