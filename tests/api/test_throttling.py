"""Anonymous and authenticated clients are throttled (rates in settings): 429 with Retry-After."""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch, settings):
    """Rates of 3 per minute for anonymous clients and 5 for authenticated ones.

    DRF copies the rates into the throttle class when it is imported, so the test sets them there as
    well as in the settings.
    """
    rates = {"anon": "3/minute", "user": "5/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_client_is_throttled_after_its_rate(low_rates):
    client = Client()
    statuses = [client.get("/api/v1/domains/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/domains/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Requête ralentie")


def test_an_authenticated_client_has_its_own_higher_rate(low_rates, curator_client):
    statuses = [curator_client.get("/api/v1/domains/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_a_direct_client_is_throttled_whatever_x_forwarded_for_it_sends(low_rates):
    client = Client()
    statuses = [
        client.get("/api/v1/domains/", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


@pytest.fixture
def behind_one_proxy(low_rates, settings):
    """NUM_PROXIES=1: every request comes from the proxy at 10.0.0.1, which appends the client's address."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def _through_proxy(forwarded_for: str) -> int:
    return (
        Client(REMOTE_ADDR="10.0.0.1").get("/api/v1/domains/", headers={"X-Forwarded-For": forwarded_for}).status_code
    )


def test_behind_a_proxy_two_clients_are_throttled_separately(behind_one_proxy):
    assert [_through_proxy("198.51.100.1") for _ in range(4)] == [200, 200, 200, 429]
    assert _through_proxy("198.51.100.2") == 200


def test_behind_a_proxy_a_spoofed_leftmost_address_does_not_help(behind_one_proxy):
    statuses = [_through_proxy(f"203.0.113.{n}, 198.51.100.1") for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_clients_connect_directly_unless_proxies_are_configured(settings):
    assert settings.NUM_PROXIES == 0
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
