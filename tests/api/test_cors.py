"""Any site may read the public API from a browser; writes stay same-origin."""

import pytest
from django.test import Client

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_reads_may_be_made_from_any_origin(client):
    CaseFactory(slug="partagee")
    response = client.get("/api/v1/cases/partagee/", headers={"Origin": "https://partenaire.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_writes_get_no_cors_headers(curator_client):
    response = curator_client.post(
        "/api/v1/organizations/",
        {"name": "Association fictive CORS", "kind": "association"},
        content_type="application/json",
        headers={"Origin": "https://partenaire.example"},
    )
    assert response.status_code == 201
    assert "Access-Control-Allow-Origin" not in response


def test_pages_outside_the_api_get_no_cors_headers():
    response = Client().get("/cas/", headers={"Origin": "https://partenaire.example"})
    assert "Access-Control-Allow-Origin" not in response
