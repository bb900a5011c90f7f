"""The API's collections, impacts and SDGs resources, the organisation resource's link to its page, and the
sitemap's new sections."""

import pytest

from cases.models import Case, Collection, CollectionEntry
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_a_collection_lists_its_published_cases_in_its_order_and_drafts_nowhere(client):
    collection = Collection.objects.create(title="Collection fictive", slug="collection-fictive", is_published=True)
    Collection.objects.create(title="Collection fictive cachée", slug="cachee")
    for position, (slug, status) in enumerate(
        [
            ("zebre-fictif", Case.Status.PUBLISHED),
            ("brouillon-fictif", Case.Status.DRAFT),
            ("alpha-fictif", "published"),
        ]
    ):
        CollectionEntry.objects.create(
            collection=collection, case=CaseFactory(slug=slug, status=status), position=position
        )
    listing = client.get("/api/v1/collections/").json()
    assert [item["slug"] for item in listing["results"]] == ["collection-fictive"]
    assert listing["results"][0]["cases"] == ["zebre-fictif", "alpha-fictif"]
    assert listing["results"][0]["url"] == "http://testserver/collections/collection-fictive/"
    assert client.get("/api/v1/collections/cachee/").status_code == 404


def test_the_impacts_and_goals_resources(client):
    impacts = client.get("/api/v1/impacts/").json()["results"]
    assert [item["slug"] for item in impacts][:2] == [
        "performance-acteurs-economiques",
        "performance-structures-interet-general",
    ]
    assert client.get("/api/v1/sdgs/17/").json() == {
        "number": 17,
        "name": "Partenariats pour la réalisation des objectifs",
        "name_en": "Partnerships for the goals",
    }


def test_an_organisation_links_its_page_and_the_sitemap_lists_only_public_ones(client):
    shown = OrganizationFactory(name="Association fictive visible")
    hidden = OrganizationFactory(name="Association fictive cachée")
    ParticipationFactory(organization=shown, case=CaseFactory())
    ParticipationFactory(organization=hidden, case=CaseFactory(status=Case.Status.DRAFT))
    item = client.get(f"/api/v1/organizations/{shown.pk}/").json()
    assert item["page"] == "http://testserver/organisations/association-fictive-visible/"
    assert client.get(item["page"]).status_code == 200
    sitemap = client.get("/sitemap-organisations.xml").content.decode()
    assert "/organisations/association-fictive-visible/" in sitemap
    assert "association-fictive-cachee" not in sitemap
    assert "/odd/17/" in client.get("/sitemap-odd.xml").content.decode()
    assert "/organisations/</loc>" in client.get("/sitemap-pages.xml").content.decode()
