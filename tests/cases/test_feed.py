"""The Atom feed `/cas/flux/`: the newest published cases, narrowed by the same parameters as the search."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_it_lists_the_newest_published_cases_first(client):
    CaseFactory(title="Ancienne", published_at="2019-05-01T00:00Z", is_fictitious=False)
    CaseFactory(title="Récente", published_at="2024-05-01T00:00Z", is_fictitious=False)
    assert _entries(client.get("/cas/flux/")) == ["Récente", "Ancienne"]


def test_a_saved_search_is_a_feed(client):
    CaseFactory(title="Potager à Lyon", domains=["environnement"], departments=["69"], is_fictitious=False)
    CaseFactory(title="Potager à Lille", domains=["environnement"], departments=["59"], is_fictitious=False)
    CaseFactory(title="Atelier à Lyon", domains=["education"], departments=["69"], is_fictitious=False)
    response = client.get("/cas/flux/", {"q": "potager", "region": "84", "sort": "title"})
    assert _entries(response) == ["Potager à Lyon"]
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.find(f"{ATOM}title").text.endswith("« potager »")
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/cas/?q=potager&region=84&sort=title"


def test_a_fictitious_case_is_marked_in_the_feed(client):
    CaseFactory(title="Alliance inventée", is_fictitious=True)
    assert _entries(client.get("/cas/flux/")) == ["Alliance inventée (cas fictif)"]


def test_bad_parameters_are_a_400_with_the_reason(client):
    response = client.get("/cas/flux/", {"domain": "inconnu"})
    assert response.status_code == 400
    assert "domain" in response.content.decode()
