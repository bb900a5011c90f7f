"""Control characters other than tab and line breaks: refused on every text input, never breaking a feed."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case, Organization
from proposals.models import Proposal
from tests.factories import CaseFactory
from tests.proposals.conftest import proposal_data

pytestmark = pytest.mark.django_db

MESSAGE = "Ce texte contient un caractère de contrôle invisible (U+0001) : retirez-le, puis envoyez à nouveau."


def _atom_titles(response) -> list[str]:
    return re.findall(r"<title>([^<]*)</title>", response.content.decode())


def test_a_control_character_in_the_feeds_search_is_left_out():
    CaseFactory(slug="jardin", title="Jardin fictif", summary="Un jardin.")
    response = Client().get("/cas/flux/?q=%01jardin")
    assert response.status_code == 200
    assert _atom_titles(response)[:2] == [
        "Études de cas de l'Observatoire des partenariats — « jardin »",
        "Jardin fictif (cas fictif)",
    ]


@pytest.mark.parametrize("url", ["/cas/flux/", "/cas/nouveautes/atom/"])
def test_a_stored_control_character_never_breaks_a_feed(url):
    CaseFactory(slug="bruit", title="Titre\x01 abîmé", summary="Résumé\x0b avec\x1f bruit.")
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Titre abîmé (cas fictif)" in _atom_titles(response)
    assert "Résumé avec bruit." in page
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", page)


def test_the_proposal_form_refuses_a_control_character_on_its_field_and_keeps_the_text(client):
    response = client.post("/cas/proposer/", proposal_data(summary="Un résumé\x01 abîmé."), REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 400
    assert response.context["submission"].form.errors["summary"] == [MESSAGE]
    assert "Un résumé" in response.content.decode()
    assert Proposal.objects.count() == 0 and Case.objects.count() == 0


def test_the_proposal_form_refuses_one_in_an_organisation_row(client):
    response = client.post("/cas/proposer/", proposal_data(**{"org-0-name": "Asso\x02"}), REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 400
    assert response.context["submission"].organizations.forms[0].errors["name"] == [MESSAGE.replace("0001", "0002")]
    assert Proposal.objects.count() == 0


def test_tab_and_line_breaks_stay_allowed_in_a_proposal(client):
    body = "Premier paragraphe.\r\n\r\n\tSecond paragraphe."
    response = client.post("/cas/proposer/", proposal_data(body=body), REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 302
    assert Case.objects.get().body == body


def test_the_api_refuses_a_control_character_with_a_400_naming_the_field(curator_client):
    response = curator_client.post(
        "/api/v1/cases/",
        {
            "slug": "nouveau",
            "title": "Titre\x01",
            "summary": "Résumé.",
            "links": [{"url": "https://example.org/", "title": "Lien\x07"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == [MESSAGE]
    assert body["links"] == {"0": {"title": [MESSAGE.replace("0001", "0007")]}}
    assert not Case.objects.filter(slug="nouveau").exists()


def test_the_api_refuses_one_in_an_organisation(curator_client):
    response = curator_client.post(
        "/api/v1/organizations/", {"name": "Asso\x02 fictive", "kind": "association"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": [MESSAGE.replace("0001", "0002")]}
    assert not Organization.objects.exists()


def test_an_import_refuses_a_control_character_on_its_row_and_column(curator_client):
    upload = io.BytesIO(
        "slug,title,summary,status,domains\nbon,Bon cas,Résumé,draft,sante\nmal,Mal\x01,Résumé,draft,sante\n".encode()
    )
    upload.name = "cas.csv"
    response = curator_client.post(
        reverse("admin:cases_case_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    [row] = response.context["result"].invalid_rows
    assert (row.number, row.error_dict) == (2, {"title": [MESSAGE]})
    assert not Case.objects.exists()
