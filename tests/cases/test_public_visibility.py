"""Drafts, cases in review and archived cases reach the public nowhere: not in results, counts, the map,
similar cases, the feed or the sitemap; their own address is a 404."""

import re

import pytest

from cases.models import Case
from tests.factories import CaseFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

HIDDEN = [Case.Status.DRAFT, Case.Status.REVIEW, Case.Status.ARCHIVED]


@pytest.fixture
def hidden_cases() -> list[Case]:
    cases = []
    for status in HIDDEN:
        case = CaseFactory(
            title=f"Potager secret {status}",
            slug=f"potager-secret-{status}",
            status=status,
            domains=["sante"],
            departments=["29"],
            is_fictitious=False,
        )
        ParticipationFactory(case=case, organization__name=f"Fondation cachée {status}", organization__kind="fondation")
        cases.append(case)
    return cases


@pytest.fixture
def public_case() -> Case:
    return CaseFactory(title="Potager public", slug="potager-public", domains=["sante"], departments=["69"])


@pytest.mark.parametrize("status", HIDDEN)
def test_the_page_of_an_unpublished_case_is_a_404(client, status):
    CaseFactory(slug="pas-publique", status=status)
    assert client.get("/cas/pas-publique/").status_code == 404


def test_search_results_and_facet_counts_ignore_unpublished_cases(client, hidden_cases, public_case):
    for params in ({}, {"q": "potager"}, {"domain": "sante"}, {"region": "53"}, {"organization_kind": "fondation"}):
        response = client.get("/cas/", params)
        content = response.content.decode()
        assert "secret" not in content
        facets = {
            facet.param: {value.value: value.count for value in facet.values} for facet in response.context["facets"]
        }
        assert "53" not in facets["region"] or facets["region"]["53"] == 0
        assert "29" not in facets["department"]
        assert "fondation" not in facets["organization_kind"] or params.get("organization_kind")
    assert client.get("/cas/", {"q": "potager"}).context["page"].paginator.count == 1


def test_home_numbers_and_map_count_only_published_cases(client, hidden_cases, public_case):
    response = client.get("/")
    numbers = response.context["numbers"]
    assert (numbers["cases"], numbers["organizations"], numbers["departments"], numbers["regions"]) == (1, 0, 1, 1)
    areas = {area.code: area for area in response.context["map"].areas}
    assert areas["53"].count == 0
    assert areas["53"].level == 0
    assert areas["84"].count == 1
    assert "secret" not in response.content.decode()


def test_territory_and_domain_pages_ignore_unpublished_cases(client, hidden_cases, public_case):
    brittany = client.get("/territoires/53/")
    assert brittany.context["count"] == 0
    assert dict((department.code, count) for department, count in brittany.context["departments"])["29"] == 0
    assert "secret" not in brittany.content.decode()
    health = client.get("/domaines/sante/")
    assert health.context["count"] == 1
    assert "secret" not in health.content.decode()
    territories = dict((region.code, count) for region, count in client.get("/territoires/").context["regions"])
    assert territories["53"] == 0


def test_similar_cases_never_show_an_unpublished_case(client, hidden_cases, public_case):
    response = client.get("/cas/potager-public/")
    assert response.status_code == 200
    assert response.context["similar"] == []
    assert "secret" not in response.content.decode()


def test_the_feed_and_the_sitemap_list_only_published_cases(client, hidden_cases, public_case):
    feed = client.get("/cas/flux/").content.decode()
    assert "Potager public" in feed
    assert "secret" not in feed
    sitemap = client.get("/sitemap-cas.xml").content.decode()
    assert re.findall(r"<loc>[^<]*</loc>", sitemap) == [
        "<loc>http://testserver/cas/potager-public/</loc>",
        "<loc>http://testserver/en/cas/potager-public/</loc>",
    ]
