"""NUL characters are refused as bad input (400) or an unknown address (404), never a 500.

PostgreSQL refuses NUL in text, so any NUL reaching a query used to be a 500 there.
"""

import pytest
from django.test import Client

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(slug="alliance", title="Alliance")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/cas/?domain=%00", 400),
        ("/cas/?q=a%00b", 400),
        ("/cas/?%00=1", 400),
        ("/cas/a%00b/", 404),
        ("/territoires/%00/", 404),
        ("/domaines/%01/", 404),
        ("/enquetes/?q=%00", 400),
        ("/sitemap-%00.xml", 404),
        ("/static/%00.css", 404),
        ("/api/v1/cases/a%00b/", 404),
        ("/api/v1/cases/?q=%00", 400),
        ("/api/v1/cases/?department=%00", 400),
        ("/api/v1/organizations/?q=%00", 400),
        ("/api/v1/questions/?study=%00", 400),
        ("/admin/login/?next=%00", 400),
    ],
)
def test_it_refuses_a_nul_in_the_address(url, status, case):
    response = Client().get(url)
    assert response.status_code == status


def test_the_api_says_why_in_json():
    response = Client().get("/api/v1/cases/?q=%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "Requête refusée : caractère nul (U+0000) dans les paramètres de l’adresse."}


def test_an_api_address_with_a_control_character_is_a_json_404():
    response = Client().get("/api/v1/cases/a%03b/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "ressource" in response.json()["detail"]


def test_a_page_says_why_in_french():
    response = Client().get("/cas/?q=%00")
    assert response.content.decode() == "Requête refusée : caractère nul (U+0000) dans les paramètres de l’adresse."


def test_it_refuses_a_nul_in_a_session_cookie():
    response = Client().get("/", headers={"Cookie": 'sessionid="abcdefghijklmnop\\000"'})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "data",
    [
        {"slug": "nul", "title": "Titre\u0000", "summary": "Résumé."},
        {"slug": "nul", "title": "Titre", "summary": "Résumé.", "domains": ["sante\u0000"]},
        {"slug": "nul", "title": "Titre", "summary": "Résumé.", "links": [{"url": "https://example.org/\u0000"}]},
        {"slug": "nul", "title": "Titre", "summary": "Résumé.", "cl\u00e9\u0000": 1},
    ],
)
def test_a_curator_posting_a_nul_to_the_api_gets_a_400_and_nothing_is_created(curator_client, data):
    response = curator_client.post("/api/v1/cases/", data, content_type="application/json")
    assert response.status_code == 400
    assert "caractère nul" in response.json()["detail"]
    assert not Case.objects.filter(slug="nul").exists()


def test_a_curator_patching_with_a_nul_gets_a_400_and_nothing_changes(curator_client, case):
    response = curator_client.patch(
        "/api/v1/cases/alliance/", {"title": "Autre\u0000"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert Case.objects.get(slug="alliance").title == "Alliance"


def test_an_escaped_backslash_before_u0000_is_ordinary_text(curator_client, case):
    response = curator_client.patch(
        "/api/v1/cases/alliance/", '{"title": "Barre \\\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 200
    assert Case.objects.get(slug="alliance").title == "Barre \\u0000"


def test_it_refuses_a_nul_in_a_form(client):
    response = client.post("/admin/login/", {"username": "claire\u0000", "password": "x"})
    assert response.status_code == 400


def test_the_admin_refuses_a_nul_in_its_search(curator_client, case):
    assert curator_client.get("/admin/cases/case/?q=%00").status_code == 400
