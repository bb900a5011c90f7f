"""Password guessing in the admin's login form, in a real browser: the lock, its message, the unlock."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFUSED = "Failed to load resource: the server responded with a status of 429 (Too Many Requests)"


def test_after_too_many_wrong_passwords_the_right_one_is_refused_until_an_administrator_unlocks(
    page, curator, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        log_in(page, "claire", "mauvais-mot-de-passe")
    expect(page.locator(".errornote")).to_be_visible()

    log_in(page, "claire", "curatrice-2026")
    expect(page.get_by_role("heading", name="Connexion temporairement bloquée")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Trop d’échecs de connexion depuis votre adresse")
    expect(page.get_by_role("alert")).to_contain_text("pendant 30 minutes")
    page.console_errors[:] = [error for error in page.console_errors if error != REFUSED]
    page.get_by_role("link", name="Revenir à la page de connexion").click()
    expect(page.get_by_label("Nom d’utilisateur")).to_be_visible()

    call_command("axes_reset", stdout=io.StringIO())
    log_in(page, "claire", "curatrice-2026")
    expect(page.get_by_role("heading", name="Bureau éditorial")).to_be_visible()
