"""The proposer leaves with a reference and a summary of what was received, on the page and in the email."""

import re

import pytest
from django.core import mail

from proposals.models import Proposal
from tests.proposals.conftest import URL, a_photo_and_a_pdf

pytestmark = pytest.mark.django_db

SUMMARY = [
    ("Titre", "Jardin partagé fictif de la Croix-Rousse"),
    ("Résumé", "Une association et une entreprise fictives cultivent un jardin avec les habitants."),
    ("Territoire", "Rhône"),
    ("Domaines", "Isolement / lien social, Environnement / pollution / biodiversité"),
    ("Organisations", "Association fictive des jardins"),
    ("Photos", "1"),
    ("Documents", "1"),
]


@pytest.fixture
def sent(client, settings, django_capture_on_commit_callbacks):
    settings.PROPOSALS_NOTIFY_EMAIL = ["curateurs@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, a_photo_and_a_pdf(), REMOTE_ADDR="198.51.100.30")
    assert response.status_code == 302 and response["Location"] == f"{URL}merci/"
    return Proposal.objects.get()


def test_the_thank_you_page_gives_the_reference_and_the_summary(client, sent):
    page = client.get(f"{URL}merci/")
    html = page.content.decode()
    year = sent.created_at.year
    assert sent.reference == f"P-{year}-{sent.pk:05d}"
    assert re.search(r'<p class="notice" id="reference">Sa référence : <strong>([^<]+)</strong>', html).group(1) == (
        sent.reference
    )
    pairs = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html.replace("&#x27;", "'"))
    assert [(label, text) for label, text in pairs] == SUMMARY
    assert "no-store" in page["Cache-Control"]


def test_another_browser_sees_no_reference(client, sent):
    from django.test import Client

    html = Client().get(f"{URL}merci/").content.decode()
    assert "Merci pour votre proposition" in html
    assert "Sa référence" not in html and sent.case.title not in html


def test_the_acknowledgement_gives_the_reference_the_summary_and_a_reply_to(sent):
    [acknowledgement] = [message for message in mail.outbox if message.to == ["camille@example.org"]]
    assert acknowledgement.reply_to == ["curateurs@example.org"]
    body = acknowledgement.body
    assert f"sous la référence {sent.reference} :" in body
    lines = body.split("Ce que vous avez envoyé :\n")[1].split("\n\n")[0].splitlines()
    assert lines == [f"- {label} : {text}" for label, text in SUMMARY]
    assert "répondez à ce message" in body


def test_without_a_curators_address_the_email_does_not_ask_for_a_reply(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PROPOSALS_NOTIFY_EMAIL = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, a_photo_and_a_pdf(), REMOTE_ADDR="198.51.100.31")
    [acknowledgement] = mail.outbox
    assert acknowledgement.reply_to == []
    assert "répondez à ce message" not in acknowledgement.body
