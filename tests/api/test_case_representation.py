"""What a case looks like in `/api/v1/cases/`: every public field, named tags and territories."""

import pytest

from cases.models import Case
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_a_published_case_shows_its_fields_tags_territories_and_organisations(client):
    case = CaseFactory(
        slug="jardins-fictifs",
        title="Jardins fictifs",
        body="## Contexte\n\nUn *texte*.",
        domains=["sante"],
        departments=["69"],
    )
    ParticipationFactory(case=case, organization=OrganizationFactory(name="Association fictive Alpha"), role="porteur")
    LinkFactory(case=case, title="Rapport", url="https://example.org/rapport")

    response = client.get("/api/v1/cases/jardins-fictifs/")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Jardins fictifs"
    assert data["url"] == "http://testserver/cas/jardins-fictifs/"
    assert data["body"] == "## Contexte\n\nUn *texte*."
    assert "<em>texte</em>" in data["body_html"]
    assert data["domains"] == [{"slug": "sante", "name": "Santé"}]
    assert data["departments"] == [{"code": "69", "name": "Rhône"}]
    assert data["regions"] == [{"code": "84", "name": "Auvergne-Rhône-Alpes"}]
    assert data["participations"] == [
        {
            "organization": {
                "id": case.participations.get().organization_id,
                "name": "Association fictive Alpha",
                "kind": "association",
                "website": "",
                "is_fictitious": True,
            },
            "role": "porteur",
        }
    ]
    assert data["links"] == [{"kind": "source", "title": "Rapport", "url": "https://example.org/rapport"}]
    assert data["is_fictitious"] is True
    assert data["status"] == "published"
    assert data["updated_at"]
    assert data["citation"].startswith("Observatoire des partenariats, « Jardins fictifs »")


def test_a_draft_is_a_404_for_the_public_like_a_case_that_does_not_exist(client):
    CaseFactory(slug="brouillon-fictif", status=Case.Status.DRAFT, published_at=None)
    draft = client.get("/api/v1/cases/brouillon-fictif/")
    missing = client.get("/api/v1/cases/inexistant/")
    assert draft.status_code == missing.status_code == 404
    assert draft.json() == {"detail": "Introuvable : étude de cas « brouillon-fictif »."}
    assert missing.json() == {"detail": "Introuvable : étude de cas « inexistant »."}


def test_an_unknown_address_under_the_api_is_a_json_404(client):
    response = client.get("/api/v1/nulle-part/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_address_without_its_slash_is_redirected(client):
    response = client.get("/api/v1/cases?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/cases/?page=2"
