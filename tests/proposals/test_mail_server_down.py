"""A mail server that is down degrades, does not fail: the proposal is saved, the proposer answered as
usual, the curators' decision taken, and each email not sent is logged with the proposal's reference."""

import logging
import socket

import pytest
from django.test import Client

from proposals.models import Proposal
from tests.proposals.conftest import URL, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(settings):
    """The SMTP backend pointed at a port on which nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    settings.PROPOSALS_NOTIFY_EMAIL = ["curation@example.org"]
    return port


def test_a_proposal_is_saved_and_answered_when_the_mail_server_is_down(
    smtp_down, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.ERROR, logger="proposals.emails"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = Client().post(URL, proposal_data(), follow=True)
    assert response.redirect_chain == [("/cas/proposer/merci/", 302)]
    assert response.status_code == 200
    proposal = Proposal.objects.get()
    assert proposal.case.title == "Jardin partagé fictif de la Croix-Rousse"
    assert [(record.name, record.getMessage().split(": ")[0]) for record in caplog.records] == [
        ("proposals.emails", f"Email acknowledgement of proposal {proposal.reference} not sent"),
        ("proposals.emails", f"Email curators_notice of proposal {proposal.reference} not sent"),
    ]


def test_a_decision_is_taken_when_the_mail_server_is_down(
    smtp_down, curator_client, caplog, django_capture_on_commit_callbacks
):
    Client().post(URL, proposal_data())
    proposal = Proposal.objects.get()
    with (
        caplog.at_level(logging.ERROR, logger="proposals.emails"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = curator_client.post(f"/admin/proposals/proposal/{proposal.pk}/decision/accept/")
    assert (response.status_code, response["Location"]) == (302, f"/admin/proposals/proposal/{proposal.pk}/change/")
    assert Proposal.objects.get().state == "accepted"
    assert [record.getMessage().split(": ")[0] for record in caplog.records if record.name == "proposals.emails"] == [
        f"Email accepted of proposal {proposal.reference} not sent"
    ]
