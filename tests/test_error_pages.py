"""Error pages: French, in the site's layout, with a way back; the proposal form survives a CSRF failure;
the API answers every error in JSON."""

import json
import re

import pytest
from django.test import Client, RequestFactory

from observatoire import errors
from proposals.models import Proposal
from tests.factories import CaseFactory
from tests.proposals.conftest import proposal_data

pytestmark = pytest.mark.django_db


def _page(response) -> dict:
    html = response.content.decode()
    return {
        "lang": re.search(r'<html lang="(\w+)"', html).group(1),
        "h1": re.search(r"<h1>(.*?)</h1>", html).group(1),
        "links": re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', _error_block(html)),
        "header": '<header class="site-header">' in html,
    }


def _error_block(html: str) -> str:
    return html.split('<div class="prose error-page">')[1].split("</div>")[0]


WAY_BACK = [
    ("/", "revenir à l'accueil"),
    ("/cas/", "chercher une étude de cas"),
    ("/territoires/", "parcourir les territoires"),
]


@pytest.mark.parametrize("url", ["/territoires/99/", "/cas/n-existe-pas/", "/nulle-part/"])
def test_a_missing_page_is_a_french_404_in_the_sites_layout(url):
    response = Client().get(url)
    assert response.status_code == 404
    page = _page(response)
    assert page == {"lang": "fr", "h1": "Page introuvable", "links": WAY_BACK, "header": True}


def test_a_server_error_is_a_french_500_with_the_sites_links():
    request = RequestFactory().get("/cas/une-page/")
    response = errors.server_error(request)
    assert response.status_code == 500
    page = _page(response)
    assert page["lang"] == "fr" and page["h1"] == "Erreur du site" and page["links"] == WAY_BACK


def test_a_csrf_failure_elsewhere_is_a_french_403_saying_why():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = _page(response)
    assert page["h1"] == "Accès refusé" and page["links"] == WAY_BACK
    assert "Le jeton de sécurité du formulaire a expiré" in response.content.decode()


def test_a_csrf_failure_on_the_proposal_form_shows_it_again_with_what_was_typed_and_a_fresh_token():
    client = Client(enforce_csrf_checks=True)
    data = proposal_data(title="Trente minutes d'écriture fictive", body="Un long texte.\n\nTrès long.")
    response = client.post("/cas/proposer/", data, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 403
    html = response.content.decode()
    alert = re.search(r'<div class="notice notice-error error-summary" role="alert".*?</div>', html, re.S).group()
    assert "Le jeton de sécurité du formulaire a expiré" in alert
    assert "Ce que vous avez saisi est conservé ci-dessous." in alert
    assert 'value="Trente minutes d&#x27;écriture fictive"' in html
    assert "Un long texte.\n\nTrès long.</textarea>" in html
    assert Proposal.objects.count() == 0
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "csrftoken" in response.cookies
    again = client.post("/cas/proposer/", {**data, "csrfmiddlewaretoken": token}, REMOTE_ADDR="198.51.100.9")
    assert again.status_code == 302
    assert Proposal.objects.get().case.title == "Trente minutes d'écriture fictive"


@pytest.mark.parametrize("method", ["delete", "patch"])
def test_the_apis_csrf_refusal_is_json(curator, method):
    CaseFactory(slug="jardin-fictif")
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    response = getattr(client, method)("/api/v1/cases/jardin-fictif/images/1/", content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "CSRF" in response.json()["detail"]


def test_an_api_500_is_json():
    response = errors.server_error(RequestFactory().get("/api/v1/cases/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": "Erreur du serveur : elle a été consignée."}
