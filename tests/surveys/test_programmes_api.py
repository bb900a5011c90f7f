"""The programmes in the API: as the deck prints them, with their phases, volets and public studies only."""

import pytest

from surveys.models import Programme

from .conftest import make_study

pytestmark = pytest.mark.django_db


def test_the_api_lists_the_programmes_with_their_phases_volets_and_public_studies(demo, client):
    make_study("etude-interne-fictive", published=False)

    response = client.get("/api/v1/programmes/")

    assert response.status_code == 200
    programmes = response.json()["results"]
    assert [programme["slug"] for programme in programmes] == list(
        Programme.objects.order_by("position", "name").values_list("slug", flat=True)
    )
    impact = next(programme for programme in programmes if programme["slug"] == "impact")
    assert impact["url"] == "/programmes/impact/"
    assert [phase["period"] for phase in impact["phases"]] == list(
        Programme.objects.get(slug="impact").phases.values_list("period", flat=True)
    )
    assert "IMPACT-Citoyens" in [volet["name"] for volet in impact["volets"]]
    assert "etude-interne-fictive" not in impact["studies"]
    assert set(impact["studies"]) == set(
        Programme.objects.get(slug="impact").studies.filter(is_published=True).values_list("slug", flat=True)
    )


def test_the_programme_list_reads_a_constant_number_of_queries(demo, client, django_assert_num_queries):
    # The count, the programmes, their phases, their volets and their public studies.
    with django_assert_num_queries(5):
        first = client.get("/api/v1/programmes/").json()
    make_study("etude-fictive-de-plus")
    with django_assert_num_queries(5):
        second = client.get("/api/v1/programmes/").json()
    impact = next(programme for programme in second["results"] if programme["slug"] == "impact")
    assert "etude-fictive-de-plus" in impact["studies"] and first["count"] == second["count"] == 3


def test_a_programme_cannot_be_written_through_the_api(client):
    assert client.post("/api/v1/programmes/", {"slug": "x", "name": "X"}).status_code == 405
