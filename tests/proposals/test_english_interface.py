"""The proposal form in English, and the proposer's messages in the language they used."""

import pytest
from django.core import mail

from proposals import emails
from proposals.models import Proposal
from tests.english import english_page, english_response
from tests.html import parse
from tests.proposals.conftest import URL, proposal_data

pytestmark = pytest.mark.django_db


def test_the_form_speaks_english(settings):
    settings.PROPOSAL_CONTACT_RETENTION_DAYS = 200
    page = english_page(URL)
    assert page.find("h1").text == "Propose a case study"
    legends = [legend.text for legend in page.find("form", class_="proposal-form").find_all("legend")]
    assert legends[:3] == ["The initiative", "The territory", "The organisations involved"]
    assert "Photos and documents (optional)" in legends and "You" in legends
    assert "Fragility domains concerned" in legends and "Observed impacts" in legends
    assert page.find("label", **{"for": "id_title"}).text.startswith("Title")
    assert page.find("label", **{"for": "id_name"}).text.startswith("Your name")
    assert page.find("form", class_="proposal-form").find("button", type="submit").text == "Send the proposal"


def test_errors_are_told_in_english():
    response = english_response(URL, method="post", data=proposal_data(title=""))
    assert response.status_code == 400
    summary = parse(response.content).find("div", id="erreurs")
    assert summary.find("h2").text == "The proposal has not been sent"
    assert summary.find_all("p")[0].text == "One error needs correcting:"
    assert Proposal.objects.count() == 0


def test_the_acknowledgement_leaves_in_the_proposers_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, proposal_data())
    proposal = Proposal.objects.get()
    assert proposal.language == "fr"
    assert mail.outbox[-1].subject == "Votre proposition d'étude de cas est bien reçue"

    proposal.language = "en"
    proposal.save()
    mail.outbox.clear()
    emails.send_acknowledgement(proposal)
    message = mail.outbox[-1]
    assert message.subject == "Your case study proposal has been received"
    assert message.body.startswith(f"Hello {proposal.name},")
    assert "under the reference" in message.body
