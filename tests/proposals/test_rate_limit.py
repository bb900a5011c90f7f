"""Submissions are limited per client address, counted in the shared cache."""

import os

import pytest

from cases.models import Case
from proposals.models import Proposal
from tests.proposals.conftest import URL, proposal_data

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("PROPOSALS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def submit(client, address: str = "198.51.100.7", **overrides):
    return client.post(URL, proposal_data(**overrides), REMOTE_ADDR=address)


def test_past_the_rate_a_submission_is_refused_with_the_form_kept(client, settings):
    settings.PROPOSAL_RATE = "2/hour"
    assert submit(client).status_code == 302
    assert submit(client, title="Deuxième alliance fictive").status_code == 302
    response = submit(client, title="Troisième alliance fictive")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de propositions envoyées depuis votre connexion : rien n&#x27;a été enregistré." in page
    assert "Réessayez dans 60 minutes." in page
    assert 'value="Troisième alliance fictive"' in page
    assert Proposal.objects.count() == 2 and Case.objects.count() == 2


def test_each_address_has_its_own_count(client, settings):
    settings.PROPOSAL_RATE = "1/hour"
    assert submit(client, address="198.51.100.7").status_code == 302
    assert submit(client, address="198.51.100.7", title="Encore").status_code == 429
    assert submit(client, address="203.0.113.9", title="Ailleurs").status_code == 302


def test_the_address_behind_the_proxy_is_counted(client, settings):
    settings.PROPOSAL_RATE = "1/hour"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(URL, proposal_data(), HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302
    response = client.post(URL, proposal_data(title="Encore"), HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert response.status_code == 302  # another client behind the same proxy


def test_the_count_lives_in_the_shared_cache_not_in_the_instance(client, settings):
    """A second instance (a cache client of its own on the same Redis) sees the first one's count."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    settings.PROPOSAL_RATE = "1/hour"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    try:
        assert submit(client).status_code == 302
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "",  # a distinct configuration: a new connection pool, as in another process
                "OPTIONS": {"socket_connect_timeout": 2},
            }
        }
        assert submit(client, title="Sur une autre instance").status_code == 429
    finally:
        redis.Redis.from_url(REDIS_URL).flushdb()
