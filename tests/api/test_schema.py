"""The OpenAPI schema at /api/schema/ describes every answer; /api/docs/ shows it from the project's files."""

import re

import pytest

from cases.facets import FACETS
from foundation.reference.models import Domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_every_operation_describes_authentication_refusal_throttling_and_content_negotiation(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        assert {"401", "406", "429"} <= set(responses), (method, path)
        assert "Retry-After" in responses["429"]["headers"]


def test_lists_describe_their_400_and_404_and_details_their_404(schema):
    for path, method, operation in _operations(schema):
        if method != "get":
            continue
        expected = {"404"} if path.endswith("}/") else {"400", "404"}
        assert expected <= set(operation["responses"]), path


def test_writes_describe_their_400_and_403(schema):
    for path, method, operation in _operations(schema):
        if method in {"post", "put", "patch"}:
            assert {"400", "403", "415"} <= set(operation["responses"]), (method, path)


def test_the_case_list_documents_its_facets_and_its_csv(schema):
    ok = schema["paths"]["/api/v1/cases/"]["get"]["responses"]["200"]["content"]
    paginated = schema["components"]["schemas"]["PaginatedCaseList"]
    facets = paginated["properties"]["facets"]
    assert "facets" in paginated["required"]
    assert set(facets["properties"]) == {facet.param for facet in FACETS}
    assert facets["properties"]["domain"]["items"]["required"] == ["value", "label", "count"]
    assert ok["text/csv"]["schema"]["type"] == "string"
    assert "`organizations`" in ok["text/csv"]["schema"]["description"]


def test_filter_parameters_list_their_allowed_values(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert parameters["domain"]["schema"]["items"]["enum"] == list(Domain.objects.values_list("slug", flat=True))
    assert "2A" in parameters["department"]["schema"]["items"]["enum"]
    assert parameters["format"]["schema"]["enum"] == ["csv", "json"]
    assert parameters["sort"]["schema"]["enum"] == ["recent", "relevance", "title"]
    assert parameters["year_min"]["schema"] == {"type": "number", "minimum": 1900, "maximum": 2100}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}


def test_anonymous_reads_are_documented_as_needing_no_credentials(schema):
    # No security requirement: Swagger UI shows public operations without a padlock.
    assert schema["paths"]["/api/v1/cases/"]["get"].get("security", []) == []
    assert schema["paths"]["/api/v1/profiles/regions/{code}/"]["get"].get("security", []) == []
    assert {} not in schema["paths"]["/api/v1/cases/"]["post"]["security"]
    assert schema["paths"]["/api/v1/cases/"]["post"]["security"]


def test_the_nested_file_collections_document_their_404_and_links_may_be_empty(schema):
    for kind in ("images", "documents"):
        assert "404" in schema["paths"][f"/api/v1/cases/{{case_slug}}/{kind}/"]["post"]["responses"]
    url = schema["components"]["schemas"]["Link"]["properties"]["url"]
    assert {"type": "string", "maxLength": 0} in url["oneOf"]


def test_a_nul_in_a_body_is_refused_after_authentication(client):
    body = '{"title": "a\\u0000"}'  # the JSON escape of a NUL
    response = client.post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code in {401, 403}
    assert "caractère nul" not in response.json()["detail"]


def test_the_docs_page_loads_swagger_ui_from_the_project_with_the_csp_nonce(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert response.status_code == 200
    assert '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js">' in html
    assert f'<script nonce="{nonce}">' in html
    assert f'<style nonce="{nonce}">' in html
    assert "cdn." not in html
    assert '"validatorUrl": null' in html


def test_a_method_the_address_does_not_offer_is_a_405_before_credentials(client):
    response = client.put("/api/v1/cases/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response.json()["detail"] == "Méthode «\xa0PUT\xa0» non autorisée."
