"""Password guessing on /admin/login/ is stopped by django-axes: an account from one address, then the address."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOCKED = "Connexion temporairement bloquée"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 5


def _log_in(username: str, password: str, address: str = "198.51.100.1", forwarded_for: str | None = None):
    client = Client(REMOTE_ADDR=address)
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    response = client.post("/admin/login/", {"username": username, "password": password}, headers=headers)
    response.logged_in = "_auth_user_id" in client.session
    return response


def _fail(username: str, times: int, **where) -> None:
    for _ in range(times):
        response = _log_in(username, "mauvais-mot-de-passe", **where)
        assert response.status_code in {200, 429}


def test_the_right_password_is_refused_once_the_account_is_locked_from_this_address(curator):
    _fail("claire", 3)
    response = _log_in("claire", "curatrice-2026")
    assert response.status_code == 429
    assert not response.logged_in
    html = response.content.decode()
    assert LOCKED in html
    assert "pendant 30 minutes" in html
    assert 'role="alert"' in html


def test_failures_below_the_limit_do_not_lock(curator):
    _fail("claire", 2)
    response = _log_in("claire", "curatrice-2026")
    assert response.status_code == 302
    assert response.logged_in


def test_a_success_clears_the_count(curator):
    _fail("claire", 2)
    assert _log_in("claire", "curatrice-2026").logged_in
    _fail("claire", 2)
    assert _log_in("claire", "curatrice-2026").logged_in


def test_a_curator_locked_from_one_address_still_logs_in_from_another(curator):
    _fail("claire", 3, address="203.0.113.9")
    assert _log_in("claire", "curatrice-2026", address="198.51.100.1").logged_in


def test_an_address_trying_many_accounts_is_locked_for_every_account(curator):
    for name in ["a", "b", "c", "d", "e"]:
        _fail(name, 1)
    response = _log_in("claire", "curatrice-2026")
    assert response.status_code == 429
    assert not response.logged_in


def test_the_lock_ends_after_the_cool_off(curator):
    _fail("claire", 3)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert _log_in("claire", "curatrice-2026").logged_in


def test_a_cool_off_of_zero_locks_until_an_administrator_unlocks(curator, settings):
    settings.AXES_COOLOFF_TIME = None
    _fail("claire", 3)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=30))
    response = _log_in("claire", "curatrice-2026")
    assert response.status_code == 429
    assert "Demandez à un administrateur" in response.content.decode()


@pytest.mark.parametrize(
    "command", [["axes_reset"], ["axes_reset_username", "claire"], ["axes_reset_ip", "198.51.100.1"]]
)
def test_an_administrator_unlocks_with_a_command(curator, command):
    _fail("claire", 3)
    call_command(*command, stdout=io.StringIO())
    assert _log_in("claire", "curatrice-2026").logged_in


def test_an_administrator_sees_and_deletes_the_attempts_in_the_admin(curator, admin_client):
    _fail("claire", 3)
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "claire" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="claire")
    admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert _log_in("claire", "curatrice-2026").logged_in


def test_a_curator_cannot_see_the_attempts(curator_client):
    assert curator_client.get("/admin/axes/accessattempt/").status_code == 403


def test_behind_a_proxy_the_lock_holds_the_address_the_proxy_saw(curator, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for n in range(3):
        _log_in("claire", "mauvais", address="10.0.0.1", forwarded_for=f"203.0.113.{n}, 198.51.100.7")
    assert _log_in("claire", "curatrice-2026", address="10.0.0.1", forwarded_for="198.51.100.7").status_code == 429
    assert _log_in("claire", "curatrice-2026", address="10.0.0.1", forwarded_for="198.51.100.8").logged_in


def test_directly_x_forwarded_for_does_not_escape_the_lock(curator):
    for n in range(3):
        _log_in("claire", "mauvais", forwarded_for=f"203.0.113.{n}")
    assert _log_in("claire", "curatrice-2026", forwarded_for="203.0.113.99").status_code == 429


def test_behind_a_proxy_an_address_that_is_not_one_counts_as_the_proxy(curator, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    response = _log_in("claire", "mauvais", address="10.0.0.1", forwarded_for="pas-une-adresse")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"


def test_a_staff_login_never_clears_the_failures_made_at_another_account(curator, staff_without_permission):
    """Four guesses at the curator, the low-privilege account's own login, four more: the curator is locked."""
    _fail("claire", 2)
    assert _log_in("sam", "sans-droits-2026").logged_in
    _fail("claire", 1)
    response = _log_in("claire", "curatrice-2026")
    assert response.status_code == 429
    assert not response.logged_in
    assert LOCKED in response.content.decode()


def test_a_success_clears_only_that_account_from_that_address(curator, staff_without_permission):
    _fail("claire", 2)
    _fail("sam", 2)
    _fail("sam", 2, address="203.0.113.9")
    assert _log_in("sam", "sans-droits-2026").logged_in
    remaining = {(a.username, a.ip_address): a.failures_since_start for a in AccessAttempt.objects.all()}
    assert remaining == {("claire", "198.51.100.1"): 2, ("sam", "203.0.113.9"): 2}
