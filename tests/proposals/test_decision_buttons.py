"""A proposal's own page decides it: the same decisions as the list's actions, POST only, with the
permission to change proposals, a message, and back to the proposal."""

import pytest
from django.core import mail
from django.test import Client

from proposals.models import Proposal
from tests.conftest import grant
from tests.html import parse
from tests.proposals.conftest import URL, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(django_capture_on_commit_callbacks) -> Proposal:
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(URL, proposal_data())  # a visitor of their own, apart from the curator's browser
    mail.outbox.clear()
    return Proposal.objects.select_related("case").get()


def page_url(proposal) -> str:
    return f"/admin/proposals/proposal/{proposal.pk}/change/"


def decide_url(proposal, decision: str) -> str:
    return f"/admin/proposals/proposal/{proposal.pk}/decision/{decision}/"


def decision_buttons(response) -> dict[str, str]:
    """The decision buttons as a curator sees them: label → the address they post to."""
    rows = parse(response.content.decode()).find_all("div", class_="proposal-decisions")
    return {
        button.text: button.attrs.get("formaction")
        for row in rows
        for button in row.find_all("button", type="submit", formmethod="post")
    }


def test_the_page_of_an_open_proposal_offers_each_decision(curator_client, proposal):
    assert decision_buttons(curator_client.get(page_url(proposal))) == {
        "Accepter": decide_url(proposal, "accept"),
        "Demander des informations": decide_url(proposal, "request_information"),
        "Refuser": decide_url(proposal, "decline"),
    }


def test_accepting_from_the_page_decides_emails_and_returns_to_the_proposal(
    curator, curator_client, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(decide_url(proposal, "accept"), follow=True)
    assert response.redirect_chain == [(page_url(proposal), 302)]
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("accepted", curator)
    assert [message.subject for message in mail.outbox] == ["Votre proposition d'étude de cas est retenue"]
    messages = [item.text for item in parse(response.content.decode()).find("ul", class_="messagelist").find_all("li")]
    assert messages == ["1 proposition(s) acceptée(s) ; le proposant est prévenu."]
    assert decision_buttons(response) == {}  # decided: nothing more to decide


def test_declining_from_the_page_asks_the_reason_first_then_returns_to_the_proposal(
    curator_client, proposal, django_capture_on_commit_callbacks
):
    form = curator_client.post(decide_url(proposal, "decline"))
    assert form.status_code == 200
    page = parse(form.content.decode())
    assert page.find("label", **{"for": "id_message"}).text == "Raison du refus"
    assert page.find("a", class_="cancel-link").attrs["href"] == page_url(proposal)
    assert Proposal.objects.get().state == "new"

    with django_capture_on_commit_callbacks(execute=True):
        done = curator_client.post(decide_url(proposal, "decline"), {"apply": "1", "message": "Hors du champ."})
    assert (done.status_code, done["Location"]) == (302, page_url(proposal))
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_message) == ("declined", "Hors du champ.")
    assert [message.subject for message in mail.outbox] == ["Votre proposition d'étude de cas n'est pas retenue"]


def test_asking_for_information_from_the_page_needs_the_message(curator_client, proposal):
    response = curator_client.post(decide_url(proposal, "request_information"), {"apply": "1", "message": ""})
    assert response.status_code == 200 and "Ce champ est obligatoire" in response.content.decode()
    assert Proposal.objects.get().state == "new"


def test_a_decision_is_never_taken_by_a_get(curator_client, proposal):
    assert curator_client.get(decide_url(proposal, "accept")).status_code == 405
    assert Proposal.objects.get().state == "new"


def test_a_decision_needs_the_csrf_token(curator, proposal):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(curator)
    assert browser.post(decide_url(proposal, "accept")).status_code == 403
    assert Proposal.objects.get().state == "new"


def test_an_unknown_decision_is_a_404(curator_client, proposal):
    assert curator_client.post(decide_url(proposal, "publish")).status_code == 404
    assert Proposal.objects.get().state == "new"


def test_staff_without_the_permission_neither_sees_nor_takes_a_decision(staff_client, proposal):
    assert staff_client.get(page_url(proposal)).status_code == 403
    assert staff_client.post(decide_url(proposal, "accept")).status_code == 403
    assert Proposal.objects.get().state == "new"


def test_a_reader_of_proposals_without_the_change_permission_sees_no_button(client, staff_without_permission, proposal):
    grant(staff_without_permission, "proposals.view_proposal")
    client.force_login(staff_without_permission)
    assert client.get(page_url(proposal)).status_code == 200
    assert decision_buttons(client.get(page_url(proposal))) == {}
    assert client.post(decide_url(proposal, "accept")).status_code == 403
    assert Proposal.objects.get().state == "new"
