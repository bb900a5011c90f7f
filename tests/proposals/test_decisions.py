"""What becomes of a proposal: invisible while a draft, examined by curators, and the proposer told."""

import pytest
from django.core import mail

from cases.models import Case
from proposals.models import Proposal
from tests.proposals.conftest import URL, a_photo_and_a_pdf

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/proposals/proposal/"


@pytest.fixture
def proposal(client, django_capture_on_commit_callbacks) -> Proposal:
    """A proposal as a visitor sends it, with a photo and a PDF; its acknowledgement already sent."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, a_photo_and_a_pdf())
    mail.outbox.clear()
    return Proposal.objects.select_related("case").get()


def act(client, action: str, proposals, **extra):
    data = {"action": action, "_selected_action": [proposal.pk for proposal in proposals], **extra}
    return client.post(CHANGELIST, data)


# Invisible to the public -----------------------------------------------------------------------------


def test_the_public_sees_nothing_of_a_proposed_case(client, proposal):
    case = proposal.case
    assert client.get(f"/cas/{case.slug}/").status_code == 404
    assert client.get(f"/api/v1/cases/{case.slug}/").status_code == 404
    assert client.get("/api/v1/cases/").json()["count"] == 0
    assert client.get("/api/v1/cases/", {"q": "Croix-Rousse"}).json()["count"] == 0
    assert "Croix-Rousse" not in client.get("/cas/", {"q": "jardin"}).content.decode()
    assert client.get("/api/v1/organizations/").json()["count"] == 0
    assert "Croix-Rousse" not in client.get("/cas/flux/").content.decode()
    assert "croix-rousse" not in client.get("/sitemap.xml").content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, proposal):
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_without_permission_cannot_read_the_proposals(staff_client, proposal):
    assert staff_client.get(CHANGELIST).status_code == 403
    assert staff_client.get(f"{CHANGELIST}{proposal.pk}/change/").status_code == 403


# Curators ---------------------------------------------------------------------------------------------


def test_curators_list_the_proposals_by_state_with_a_link_to_the_draft(curator_client, proposal):
    response = curator_client.get(CHANGELIST, {"state__exact": "new"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/admin/cases/case/{proposal.case_id}/change/"' in page
    assert "À examiner" in page and "Brouillon" in page
    assert curator_client.get(CHANGELIST, {"state__exact": "declined"}).context["cl"].result_count == 0
    assert curator_client.get(f"{CHANGELIST}{proposal.pk}/change/").status_code == 200


def test_curators_can_neither_add_nor_delete_a_proposal(curator_client, proposal):
    assert curator_client.get(f"{CHANGELIST}add/").status_code == 403
    assert curator_client.get(f"{CHANGELIST}{proposal.pk}/delete/").status_code == 403


def test_asking_for_more_information_shows_a_form_then_emails_the_message(
    curator, curator_client, proposal, django_capture_on_commit_callbacks
):
    page = act(curator_client, "request_information", [proposal])
    assert page.status_code == 200 and "Informations demandées" in page.content.decode()
    assert Proposal.objects.get().state == "new"

    empty = act(curator_client, "request_information", [proposal], apply="1", message=" ")
    assert empty.status_code == 200 and "Ce champ est obligatoire" in empty.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        done = act(curator_client, "request_information", [proposal], apply="1", message="Quelles années ?")
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_message, proposal.decided_by) == (
        "more_information",
        "Quelles années ?",
        curator,
    )
    assert proposal.decided_at is not None
    [message] = mail.outbox
    assert message.to == ["camille@example.org"]
    assert message.subject == "Votre proposition d'étude de cas : des informations à compléter"
    assert "Quelles années ?" in message.body


def test_declining_emails_the_reason_and_keeps_the_case_a_draft(
    curator_client, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(curator_client, "decline", [proposal], apply="1", message="Hors du champ de l'Observatoire.")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.case.status) == ("declined", Case.Status.DRAFT)
    [message] = mail.outbox
    assert message.subject == "Votre proposition d'étude de cas n'est pas retenue"
    assert "Hors du champ de l'Observatoire." in message.body


def test_a_decided_proposal_is_not_decided_again(curator_client, proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        act(curator_client, "decline", [proposal], apply="1", message="Hors du champ.")
        response = act(curator_client, "accept", [proposal])
    assert Proposal.objects.get().state == "declined"
    assert len(mail.outbox) == 1
    assert response.status_code == 302


def test_accepting_explicitly_emails_the_proposer_before_publication(
    curator_client, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(curator_client, "accept", [proposal])
    assert Proposal.objects.get().state == "accepted"
    [message] = mail.outbox
    assert message.subject == "Votre proposition d'étude de cas est retenue"
    assert "Elle sera publiée une fois relue et complétée." in message.body


def test_publishing_the_case_accepts_the_proposal_and_emails_its_address(
    curator, curator_client, proposal, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://observatoire.example.org"
    case = proposal.case
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            "/admin/cases/case/", {"action": "publish_selected", "_selected_action": [case.pk]}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("accepted", curator)
    [message] = mail.outbox
    assert f"Elle est publiée : https://observatoire.example.org/cas/{case.slug}/" in message.body

    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish(user=curator)
        case.publish(user=curator)
    assert len(mail.outbox) == 1  # told once


def test_publishing_a_case_that_was_not_proposed_sends_nothing(curator, django_capture_on_commit_callbacks):
    from tests.factories import CaseFactory

    case = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        case.publish(user=curator)
    assert mail.outbox == []


def test_a_proposer_whose_contact_was_erased_is_not_written_to(
    curator_client, proposal, django_capture_on_commit_callbacks
):
    Proposal.objects.update(email="", name="")
    with django_capture_on_commit_callbacks(execute=True):
        act(curator_client, "accept", [proposal])
    assert Proposal.objects.get().state == "accepted"
    assert mail.outbox == []
