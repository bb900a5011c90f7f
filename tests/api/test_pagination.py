"""Page-number pagination: `page_size` capped at 100, malformed numbers a 400, a page too far a 404."""

import pytest

from tests.factories import CaseFactory
from tests.module_data import module_data

pytestmark = pytest.mark.django_db


@module_data
def cases():
    CaseFactory.create_batch(105)


def test_the_default_page_holds_twenty_cases_and_links_the_next(client, cases):
    data = client.get("/api/v1/cases/").json()
    assert data["count"] == 105
    assert len(data["results"]) == 20
    assert data["next"] == "http://testserver/api/v1/cases/?page=2"
    assert data["previous"] is None


def test_page_size_is_capped_at_one_hundred(client, cases):
    response = client.get("/api/v1/cases/?page_size=1000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100


def test_page_size_chooses_the_size_below_the_cap(client, cases):
    assert len(client.get("/api/v1/cases/?page_size=7").json()["results"]) == 7


@pytest.mark.parametrize("value", ["dix", "0", "-3", "1.5"])
def test_a_malformed_page_size_is_a_400(client, cases, value):
    response = client.get(f"/api/v1/cases/?page_size={value}")
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


@pytest.mark.parametrize("value", ["deux", "0", "last"])
def test_a_malformed_page_number_is_a_400(client, cases, value):
    response = client.get(f"/api/v1/cases/?page={value}")
    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_a_page_past_the_last_is_a_404(client, cases):
    response = client.get("/api/v1/cases/?page=7")
    assert response.status_code == 404
    assert response.json() == {"detail": "La page 7 n'existe pas (dernière page : 6)."}
