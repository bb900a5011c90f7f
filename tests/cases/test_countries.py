"""Cases beyond France: a country on cases and organisations (France by default), its facet and filter, the
pages by country; the territory pages stay France's."""

import pytest
from django.core.paginator import Paginator
from django.utils import translation

from cases.models import Case, Organization
from cases.search import search
from tests.factories import CaseFactory, OrganizationFactory
from tests.html import find

pytestmark = pytest.mark.django_db


@pytest.fixture
def abroad():
    belgian = CaseFactory(title="Une alliance fictive à Liège", country="BE")
    french = CaseFactory(title="Une alliance fictive à Lyon", departments=["69"])
    return belgian, french


def test_a_case_and_an_organisation_are_in_france_by_default():
    assert CaseFactory().country.code == "FR"
    assert OrganizationFactory().country.code == "FR"


@pytest.mark.sqlite
def test_the_country_facet_counts_and_the_filter_selects(client, abroad):
    belgian, _french = abroad
    body = client.get("/api/v1/cases/?country=be").json()
    assert [case["slug"] for case in body["results"]] == [belgian.slug]
    assert body["results"][0]["country"] == "BE"
    assert body["facets"]["country"] == [
        {"value": "BE", "label": "Belgique", "count": 1},
        {"value": "FR", "label": "France", "count": 1},
    ]


def test_the_country_facet_is_labelled_in_english_on_english_pages(abroad):
    with translation.override("en"):
        facets = search({}, user=None).facets
    assert {row["value"]: row["label"] for row in facets["country"]} == {"BE": "Belgium", "FR": "France"}


def test_an_unknown_country_is_a_clear_400(client, abroad):
    response = client.get("/api/v1/cases/?country=QQ")
    assert response.status_code == 400
    assert "country" in response.json()


def test_the_country_pages_list_the_published_cases_by_country(client, abroad):
    belgian, _french = abroad
    CaseFactory(title="Un brouillon fictif à Namur", country="BE", status=Case.Status.DRAFT, published_at=None)
    index = client.get("/cas/pays/").content.decode()
    assert '<a href="/cas/pays/be/">Belgique</a> <span class="count">1 étude de cas</span>' in index
    page = client.get("/cas/pays/be/").content.decode()
    assert "<h1>Belgique</h1>" in page
    assert belgian.title in page and "Namur" not in page and "Lyon" not in page
    assert client.get("/cas/pays/qq/").status_code == 404
    assert client.get("/cas/pays/BE/").status_code == 404


def test_a_country_s_count_in_thousands_is_grouped_as_french_writes_it(client, abroad, monkeypatch):
    """France holds nearly the whole base: « 12 345 études de cas publiées »."""
    monkeypatch.setattr(Paginator, "count", 12345)

    page = client.get("/cas/pays/fr/").content

    assert find(page, "h2", id="pays-cas-titre").text_as_written == "12\xa0345 études de cas publiées"


def test_the_case_page_names_a_country_other_than_france(client, abroad):
    belgian, french = abroad
    assert (
        '<dt>Pays</dt><dd><a href="/cas/pays/be/">Belgique</a></dd>'
        in client.get(belgian.get_absolute_url()).content.decode()
    )
    assert "<dt>Pays</dt>" not in client.get(french.get_absolute_url()).content.decode()


def test_a_curator_sets_an_organisations_country_through_the_api(curator_client):
    response = curator_client.post(
        "/api/v1/organizations/",
        {"name": "Fondation fictive Gamma", "kind": "fondation", "country": "MA", "is_fictitious": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "MA"
    assert Organization.objects.get(name="Fondation fictive Gamma").country.code == "MA"
