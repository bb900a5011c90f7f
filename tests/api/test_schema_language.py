"""The OpenAPI schema reads in English, whatever the client's Accept-Language, with the same field names; the
API's own answers keep following Accept-Language (French by default)."""

import pytest

from tests.html import find

pytestmark = pytest.mark.django_db


def _schema(client, path="/api/schema/?format=json", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response, response.json()


@pytest.mark.parametrize("accept_language", ["", "fr", "fr-FR,fr;q=0.9"])
def test_the_schema_is_in_english_by_default(client, accept_language):
    response, schema = _schema(client, HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response["Content-Language"] == "en"
    assert schema["info"]["description"].startswith("Case studies of alliances and survey results")
    cases = schema["paths"]["/api/v1/cases/"]
    assert cases["get"]["summary"] == "Case studies"
    assert cases["get"]["description"].startswith("The published case studies (and, for those who may change them")
    assert cases["post"]["responses"]["403"]["description"] == "Authenticated, but without the permission needed."
    assert schema["paths"]["/api/v1/domains/{slug}/"]["get"]["summary"] == "Fragility domains: one item"
    write = schema["components"]["schemas"]["CaseWriteRequest"]["properties"]
    assert write["domains"]["description"] == "Slugs of the fragility domains (see /api/v1/domains/)."
    error = schema["components"]["schemas"]["Error"]["properties"]["detail"]["description"]
    assert error == "Explanation of the error, in the language of Accept-Language (French by default)."


def test_the_french_schema_is_asked_for_with_lang_and_keeps_the_field_names(client):
    english = _schema(client)[1]
    response, french = _schema(client, "/api/schema/?format=json&lang=fr", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "fr"
    assert french["paths"]["/api/v1/cases/"]["get"]["summary"] == "Études de cas"
    assert french["components"]["schemas"]["Error"]["properties"]["detail"]["description"].startswith(
        "Explication de l'erreur"
    )
    assert sorted(french["paths"]) == sorted(english["paths"])
    for name in ("Case", "CaseWriteRequest", "Domain", "Figure"):
        assert list(french["components"]["schemas"][name]["properties"]) == list(
            english["components"]["schemas"][name]["properties"]
        )


def test_the_api_itself_still_answers_in_the_clients_language(client):
    french = client.get("/api/v1/cases/?domain=inconnu")
    english = client.get("/api/v1/cases/?domain=inconnu", HTTP_ACCEPT_LANGUAGE="en")

    assert (french.status_code, french["Content-Language"]) == (400, "fr")
    assert (english.status_code, english["Content-Language"]) == (400, "en")
    assert french.json()["domain"] != english.json()["domain"]


def test_the_documentation_page_says_it_is_in_english(client):
    response = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE="fr")

    assert find(response.content, "html").attrs["lang"] == "en"
    assert response["Content-Language"] == "en"
