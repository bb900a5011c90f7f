"""API tokens are revoked by deleting them and expire after API_TOKEN_TTL_DAYS."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(curator, settings):
    settings.API_TOKEN_TTL_DAYS = 90
    CaseFactory(slug="brouillon", status=Case.Status.DRAFT, published_at=None)
    return Token.objects.create(user=curator)


def _rename(token: Token):
    return Client().patch(
        "/api/v1/cases/brouillon/",
        {"title": "Par jeton"},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )


def _age(token: Token, days: int) -> None:
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=days))


def test_a_fresh_token_writes(token):
    assert _rename(token).status_code == 200
    assert Case.objects.get(slug="brouillon").title == "Par jeton"


def test_a_token_a_day_short_of_its_age_still_writes(token):
    _age(token, 89)
    assert _rename(token).status_code == 200


def test_it_refuses_an_expired_token_with_the_reason(token):
    _age(token, 91)
    response = _rename(token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == (
        "Jeton expiré : il a plus de 90 jours. Demandez un nouveau jeton à un administrateur."
    )
    assert Case.objects.get(slug="brouillon").title != "Par jeton"


def test_it_refuses_an_expired_token_even_for_reading(token):
    _age(token, 91)
    response = Client().get("/api/v1/cases/", headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 401


def test_it_refuses_a_deleted_token(token):
    token.delete()
    response = _rename(token)
    assert response.status_code == 401
    assert Case.objects.get(slug="brouillon").title != "Par jeton"


def test_a_ttl_of_zero_keeps_tokens_forever(token, settings):
    settings.API_TOKEN_TTL_DAYS = 0
    _age(token, 3650)
    assert _rename(token).status_code == 200


def test_the_schema_still_documents_token_authentication(client):
    schema = client.get("/api/schema/?format=json").json()
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/cases/"]["post"]["security"]
