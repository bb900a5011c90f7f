"""Vocabularies by slug, regions and departments by INSEE code, read-only."""

import pytest
from django.test import Client

from cases.models import Case
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_a_domain_is_addressed_by_its_slug(client):
    response = client.get("/api/v1/domains/sante/")
    assert response.status_code == 200
    data = response.json()
    assert list(data) == ["slug", "name", "description", "position", "group"]
    assert (data["slug"], data["name"], data["group"]) == ("sante", "Santé", "social")


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/api/v1/domains/", 16),
        ("/api/v1/partnership-types/", 4),
        ("/api/v1/engagement-practices/", 4),
        ("/api/v1/collective-dynamics/", 4),
        ("/api/v1/regions/", 18),
        ("/api/v1/departments/", 101),
        ("/api/v1/departments/?region=94", 2),
    ],
)
def test_each_reference_list_counts_its_terms(client, path, count):
    assert client.get(path).json()["count"] == count


def test_a_department_is_addressed_by_its_insee_code_with_its_region(client):
    assert client.get("/api/v1/departments/2A/").json() == {
        "code": "2A",
        "name": "Corse-du-Sud",
        "zone": "metro",
        "region": {"code": "94", "name": "Corse"},
    }


def test_an_unknown_region_filter_is_a_400(client):
    response = client.get("/api/v1/departments/?region=00")
    assert response.status_code == 400
    assert list(response.json()) == ["region"]


def test_reference_data_cannot_be_written_through_the_api(curator_client):
    response = curator_client.post("/api/v1/domains/", {"slug": "x", "name": "X"}, content_type="application/json")
    assert response.status_code == 405  # the address offers no write, whoever asks (the schema lists none)
    assert Client().get("/api/v1/domains/x/").status_code == 404


def test_the_public_sees_only_organisations_of_published_cases(curator_client):
    ParticipationFactory(case=CaseFactory(), organization=OrganizationFactory(name="Visible fictive"))
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    ParticipationFactory(case=draft, organization=OrganizationFactory(name="Cachée fictive"))

    public = {item["name"] for item in Client().get("/api/v1/organizations/").json()["results"]}
    curators = {item["name"] for item in curator_client.get("/api/v1/organizations/").json()["results"]}

    assert public == {"Visible fictive"}
    assert curators == {"Visible fictive", "Cachée fictive"}


def test_the_api_root_lists_every_resource_including_the_profiles(client):
    root = client.get("/api/v1/").json()
    assert root["profiles/regions"] == "http://testserver/api/v1/profiles/regions/"
    assert root["profiles/departments"] == "http://testserver/api/v1/profiles/departments/"
    regions = client.get("/api/v1/profiles/regions/").json()
    assert len(regions) == 18
    assert regions[0] == {
        "code": "01",
        "name": "Guadeloupe",
        "url": "http://testserver/api/v1/profiles/regions/01/",
    }
    assert client.get("/api/v1/profiles/departments/").json()[0]["url"].endswith("/api/v1/profiles/departments/01/")
