"""Case details carry ETag and Last-Modified, and answer a revalidation with a 304; reads say how
long they may be cached: anonymous ones publicly, authenticated ones never."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils.http import http_date

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(slug="conditionnelle")


@pytest.fixture(autouse=True)
def empty_cache():
    """The site's public cache may store what these tests read with caching on: start and end empty."""
    cache.clear()
    yield
    cache.clear()


def test_a_detail_has_an_etag_and_a_last_modified_date(client, case):
    response = client.get("/api/v1/cases/conditionnelle/")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"] == http_date(int(case.updated_at.timestamp()))


def test_the_same_etag_is_answered_with_a_304_without_body(client, case):
    etag = client.get("/api/v1/cases/conditionnelle/")["ETag"]
    response = client.get("/api/v1/cases/conditionnelle/", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_an_unchanged_date_is_answered_with_a_304(client, case):
    last_modified = client.get("/api/v1/cases/conditionnelle/")["Last-Modified"]
    response = client.get("/api/v1/cases/conditionnelle/", headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304


def test_a_changed_case_is_sent_again(client, case):
    etag = client.get("/api/v1/cases/conditionnelle/")["ETag"]
    case.title = "Titre corrigé"
    case.save()
    response = client.get("/api/v1/cases/conditionnelle/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["title"] == "Titre corrigé"
    assert response["ETag"] != etag


@override_settings(PUBLIC_CACHE_SECONDS=60)
@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/cases/conditionnelle/", "/api/v1/domains/"])
def test_anonymous_reads_may_be_cached_publicly_for_a_minute(client, case, path):
    response = client.get(path)
    assert response["Cache-Control"] == "public, max-age=60"


@override_settings(PUBLIC_CACHE_SECONDS=60)
def test_authenticated_reads_are_never_stored(curator_client, case):
    response = curator_client.get("/api/v1/cases/conditionnelle/")
    assert response["Cache-Control"] == "private, no-store"


@override_settings(PUBLIC_CACHE_SECONDS=60)
def test_errors_are_not_cached_publicly(case):
    response = Client().get("/api/v1/cases/inexistante/")
    assert response.status_code == 404
    assert "public" not in response["Cache-Control"]
