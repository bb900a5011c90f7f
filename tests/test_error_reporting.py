"""Errors go to Sentry only when SENTRY_DSN is set; without it the SDK stays off."""

import json
import os
import subprocess
import sys

import sentry_sdk
from django.conf import settings

REPORT = (
    "import json, django; django.setup(); import sentry_sdk; client = sentry_sdk.get_client(); "
    "print(json.dumps({'active': client.is_active(), 'dsn': client.dsn, 'environment': client.options['environment'], "
    "'traces_sample_rate': client.options['traces_sample_rate'], "
    "'send_default_pii': client.options['send_default_pii']}))"
)


def _sentry_in_fresh_settings(**environment: str) -> dict:
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("SENTRY_")},
        "DJANGO_SETTINGS_MODULE": "observatoire.settings",
        "DEBUG": "1",
        **environment,
    }
    output = subprocess.run(
        [sys.executable, "-c", REPORT], env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
    ).stdout
    return json.loads(output)


def test_the_suite_runs_without_error_reporting():
    assert not sentry_sdk.get_client().is_active()


def test_settings_without_a_dsn_leave_sentry_off():
    assert _sentry_in_fresh_settings()["active"] is False


def test_a_dsn_turns_sentry_on_without_personal_data_or_tracing():
    report = _sentry_in_fresh_settings(
        SENTRY_DSN="https://clef@sentry.example.invalid/42", SENTRY_ENVIRONMENT="recette"
    )
    assert report == {
        "active": True,
        "dsn": "https://clef@sentry.example.invalid/42",
        "environment": "recette",
        "traces_sample_rate": 0.0,
        "send_default_pii": False,
    }
