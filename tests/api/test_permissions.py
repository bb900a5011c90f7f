"""Who may read and write cases through the API: (anonymous, staff without permission, curator)
× (read, write) × (published, draft). Refused writes change nothing; drafts stay hidden as 404."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "staff_without_permission", "curator"]


@pytest.fixture
def as_persona(request, staff_without_permission, curator):
    """A client logged in as the named persona (none for `anonymous`)."""

    def build(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(staff_without_permission if name == "staff_without_permission" else curator)
        return client

    return build


@pytest.fixture
def cases():
    return {
        "published": CaseFactory(slug="publiee", title="Publiée fictive"),
        "draft": CaseFactory(slug="brouillon", title="Brouillon fictif", status=Case.Status.DRAFT, published_at=None),
    }


READ = {
    ("anonymous", "published"): 200,
    ("anonymous", "draft"): 404,
    ("staff_without_permission", "published"): 200,
    ("staff_without_permission", "draft"): 404,
    ("curator", "published"): 200,
    ("curator", "draft"): 200,
}
WRITE = {
    ("anonymous", "published"): 401,
    ("anonymous", "draft"): 401,
    ("staff_without_permission", "published"): 403,
    ("staff_without_permission", "draft"): 403,
    ("curator", "published"): 200,
    ("curator", "draft"): 200,
}


@pytest.mark.parametrize(("persona", "state"), list(READ))
def test_reading_a_case(as_persona, cases, persona, state):
    response = as_persona(persona).get(f"/api/v1/cases/{cases[state].slug}/")
    assert response.status_code == READ[persona, state]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_holds_drafts_only_for_those_who_may_change_cases(as_persona, cases, persona):
    titles = {case["title"] for case in as_persona(persona).get("/api/v1/cases/").json()["results"]}
    assert titles == ({"Publiée fictive", "Brouillon fictif"} if persona == "curator" else {"Publiée fictive"})


@pytest.mark.parametrize(("persona", "state"), list(WRITE))
def test_changing_a_case(as_persona, cases, persona, state):
    case = cases[state]
    response = as_persona(persona).patch(
        f"/api/v1/cases/{case.slug}/", {"title": "Titre changé"}, content_type="application/json"
    )
    assert response.status_code == WRITE[persona, state]
    expected = "Titre changé" if response.status_code == 200 else case.title
    assert Case.objects.get(pk=case.pk).title == expected


@pytest.mark.parametrize(("persona", "state"), list(WRITE))
def test_deleting_a_case(as_persona, cases, persona, state):
    case = cases[state]
    response = as_persona(persona).delete(f"/api/v1/cases/{case.slug}/")
    allowed = WRITE[persona, state] == 200
    assert response.status_code == (204 if allowed else WRITE[persona, state])
    assert Case.objects.filter(pk=case.pk).exists() is not allowed


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 401), ("staff_without_permission", 403), ("curator", 201)]
)
def test_creating_a_case(as_persona, persona, status):
    response = as_persona(persona).post(
        "/api/v1/cases/",
        {"slug": "nouvelle-fictive", "title": "Nouvelle fictive", "summary": "Un résumé.", "is_fictitious": True},
        content_type="application/json",
    )
    assert response.status_code == status
    assert Case.objects.filter(slug="nouvelle-fictive").exists() is (status == 201)


def test_a_curator_writes_with_a_token(curator, cases):
    token = Token.objects.create(user=curator)
    response = Client().patch(
        "/api/v1/cases/brouillon/",
        {"title": "Par jeton"},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )
    assert response.status_code == 200
    assert Case.objects.get(slug="brouillon").title == "Par jeton"


def test_a_wrong_token_is_a_401_even_for_reading(cases):
    response = Client().get("/api/v1/cases/", headers={"Authorization": "Token faux"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_staff_member_who_may_edit_but_not_publish_cannot_change_the_status(client, staff_without_permission, cases):
    from tests.conftest import grant

    grant(staff_without_permission, "cases.view_case", "cases.change_case")
    client.force_login(staff_without_permission)
    response = client.patch("/api/v1/cases/brouillon/", {"status": "published"}, content_type="application/json")
    assert response.status_code == 403
    assert Case.objects.get(slug="brouillon").status == Case.Status.DRAFT
    unchanged = client.patch(
        "/api/v1/cases/brouillon/", {"status": "draft", "title": "Même statut"}, content_type="application/json"
    )
    assert unchanged.status_code == 200


def test_a_staff_member_who_may_add_but_not_publish_cannot_create_a_published_case(client, staff_without_permission):
    from tests.conftest import grant

    grant(staff_without_permission, "cases.view_case", "cases.add_case")
    client.force_login(staff_without_permission)
    case = {"slug": "nouvelle", "title": "Nouvelle fictive", "summary": "Un résumé.", "is_fictitious": True}
    response = client.post("/api/v1/cases/", {**case, "status": "published"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Changer le statut d'une étude de cas demande la permission de publier."}
    assert not Case.objects.exists()
    assert (
        client.post("/api/v1/cases/", {**case, "status": "draft"}, content_type="application/json").status_code == 201
    )


def test_a_curator_publishes_through_the_workflow(curator_client, cases):
    response = curator_client.patch(
        "/api/v1/cases/brouillon/", {"status": "published"}, content_type="application/json"
    )
    assert response.status_code == 200
    case = Case.objects.get(slug="brouillon")
    assert case.status == Case.Status.PUBLISHED
    assert case.published_at is not None


def test_a_transition_the_workflow_forbids_is_a_400(curator_client, curator, cases):
    Case.objects.get(slug="publiee").archive(user=curator)
    response = curator_client.patch("/api/v1/cases/publiee/", {"status": "published"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    assert Case.objects.get(slug="publiee").status == Case.Status.ARCHIVED
