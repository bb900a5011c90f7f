"""Redis unreachable: the site serves every page uncached, and only /sante/ says something is wrong."""

import re
import socket

import pytest
from django.contrib.auth.models import User
from django.test import Client

from observatoire.settings import cache_from_url
from proposals.models import Proposal
from tests.factories import CaseFactory
from tests.proposals.conftest import proposal_data

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local port nobody listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down(settings, caplog):
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{closed_port()}/0")}
    # As in production: the page cache and the content cache are on.
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.CONTENT_CACHE = True
    settings.PROPOSAL_RATE = "5/hour"
    return caplog


def test_the_sitemap_can_be_walked_with_the_cache_down(cache_down):
    CaseFactory(slug="un-cas-fictif", title="Un cas fictif")
    client = Client()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    locations = []
    for section in re.findall(r"<loc>http://testserver(/[^<]*)</loc>", index.content.decode()):
        response = client.get(section)
        assert response.status_code == 200, section
        locations += re.findall(r"<loc>http://testserver(/[^<]*)</loc>", response.content.decode())
    assert "/cas/un-cas-fictif/" in locations
    for location in locations:
        assert client.get(location).status_code == 200, location
    assert "Cache unreachable (ConnectionError" in cache_down.text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Observatoire"),
        ("/cas/?q=jardin", "Un cas fictif"),
        ("/api/v1/cases/?search=jardin", "un-cas-fictif"),
        ("/api/v1/", "/api/v1/cases/"),
        ("/donnees/", "Données ouvertes"),
        ("/cas/flux/", "Un cas fictif"),
        ("/cas/proposer/", "Proposer une étude de cas"),
    ],
)
def test_pages_search_api_and_feeds_answer_uncached(cache_down, url, expected):
    CaseFactory(slug="un-cas-fictif", title="Un cas fictif", summary="Un jardin partagé fictif.")
    response = Client().get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert "X-Public-Cache" not in response.headers


def test_a_proposal_is_received_with_the_cache_down(cache_down):
    response = Client().post("/cas/proposer/", proposal_data(), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert Proposal.objects.get().case.title == "Jardin partagé fictif de la Croix-Rousse"


def test_a_curator_logs_in_with_the_cache_down(cache_down, curator):
    client = Client()
    response = client.post("/admin/login/", {"username": "claire", "password": "curatrice-2026"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert User.objects.get(username="claire").last_login is not None


def test_the_health_check_reports_the_outage(cache_down):
    response = Client().get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"status": "erreur"}
