"""The messages a proposer receives, and the curators' notice of a new proposal.

Plain text, in the language the proposer used (the curators' notice in the site's default language), sent
through Django's email backend (settings.EMAIL_BACKEND). A proposal whose contact has been erased receives
nothing. Replies go to the curators (settings.PROPOSALS_NOTIFY_EMAIL) when they are set.

A mail server that is down or refuses a message never fails the request that sent it: the submission or
the decision is saved and answered as usual, and the failure is logged (`proposals.emails`, error) with
the proposal's reference, for the curators to write by hand.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal

logger = logging.getLogger(__name__)

SUBJECTS = {
    "acknowledgement": _("Votre proposition d'étude de cas est bien reçue"),
    Proposal.State.MORE_INFORMATION: _("Votre proposition d'étude de cas : des informations à compléter"),
    Proposal.State.ACCEPTED: _("Votre proposition d'étude de cas est retenue"),
    Proposal.State.DECLINED: _("Votre proposition d'étude de cas n'est pas retenue"),
}


def _context(proposal: Proposal) -> dict:
    case = proposal.case
    return {
        "proposal": proposal,
        "title": case.title if case else "",
        "case_url": settings.SITE_URL + case.get_absolute_url() if case and case.is_public else "",
        "site_url": settings.SITE_URL,
        "retention_days": settings.PROPOSAL_CONTACT_RETENTION_DAYS,
        # Without the curators' address, replies would go to the no-reply sender: the texts say so.
        "reply_to": bool(settings.PROPOSALS_NOTIFY_EMAIL),
    }


def _send_to_proposer(proposal: Proposal, kind: str, template: str) -> None:
    if not proposal.has_contact:
        return
    with translation.override(proposal.language or settings.LANGUAGE_CODE):
        body = render_to_string(f"proposals/email/{template}.txt", _context(proposal))
        subject = str(SUBJECTS[kind])
    message = EmailMessage(
        subject=subject, body=body, to=[proposal.email], reply_to=settings.PROPOSALS_NOTIFY_EMAIL or None
    )
    _send(message, proposal, kind)


def send_acknowledgement(proposal: Proposal) -> None:
    _send_to_proposer(proposal, "acknowledgement", "acknowledgement")


def send_decision(proposal: Proposal) -> None:
    _send_to_proposer(proposal, proposal.state, proposal.state)


def notify_curators(proposal: Proposal) -> None:
    """Tell the curators that a proposal waits (no personal data in the notice: it may be forwarded)."""
    if not settings.PROPOSALS_NOTIFY_EMAIL:
        return
    admin_url = settings.SITE_URL + reverse("admin:proposals_proposal_change", args=[proposal.pk])
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("proposals/email/curators_notice.txt", {**_context(proposal), "admin_url": admin_url})
        subject = _("Nouvelle proposition d'étude de cas : %(title)s") % {
            "title": proposal.case.title if proposal.case else ""
        }
    message = EmailMessage(
        subject=subject,
        body=body,
        to=settings.PROPOSALS_NOTIFY_EMAIL,
    )
    _send(message, proposal, "curators_notice")


def _send(message: EmailMessage, proposal: Proposal, kind: str) -> None:
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:  # refused, unreachable, timed out, rejected
        logger.error("Email %s of proposal %s not sent: %r", kind, proposal.reference, error)
