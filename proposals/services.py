"""Writes of the proposals: a submission, the curators' decisions, and the proposers' personal data."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cases.media import case_document_add, case_image_add
from cases.models import RESERVED_SLUGS, Case, CaseImpact, Organization, Participation
from cases.services import case_version_record
from proposals import emails
from proposals.forms import CONSENT_VERSION, ProposalSubmission, consent_statement
from proposals.models import Proposal

logger = logging.getLogger(__name__)
SLUG_MAX = Case._meta.get_field("slug").max_length


def proposal_submit(*, submission: ProposalSubmission) -> Proposal:
    """Make a valid submission a draft case with its organisations, tags and files, and its proposal.

    All or nothing: the rows are written in one transaction, and the files stored on the way are deleted
    if anything fails, since a storage (a folder, a bucket) takes no part in a database transaction.
    The acknowledgement (and the curators' notice) leave once the transaction has committed.
    """
    stored: list = []
    try:
        with transaction.atomic():
            proposal = _proposal_create(submission, stored)
            transaction.on_commit(lambda: emails.send_acknowledgement(proposal), robust=True)
            transaction.on_commit(lambda: emails.notify_curators(proposal), robust=True)
    except BaseException:
        for media in stored:
            for name in media.stored_names():
                media.file.storage.delete(name)
        raise
    return proposal


def _proposal_create(submission: ProposalSubmission, stored: list) -> Proposal:
    data = submission.form.cleaned_data
    now = timezone.now()
    case = Case(
        title=data["title"],
        slug=_free_slug(data["title"]),
        summary=data["summary"],
        body=data["body"],
        place=data["place"],
        start_year=data["start_year"],
        status=Case.Status.DRAFT,
        source=f"Proposée le {timezone.localtime(now):%d/%m/%Y} par le formulaire « Proposer une étude de cas ».",
    )
    # The case's history gets one version, written once everything is in place (_history_record).
    case.skip_history_when_saving = True
    case.full_clean()
    case.save()
    case.domains.set(data["domains"])
    case.partnership_types.set(data["partnership_types"])
    case.engagement_practices.set(data["engagement_practices"])
    case.dynamics.set(data["dynamics"])
    for impact in data["impacts"]:  # suggested: the case is a draft that curators check
        CaseImpact.objects.create(case=case, impact=impact, evidence=data["impacts_evidence"].strip())
    if data["region"]:
        case.regions.set([data["region"]])
    if data["department"]:
        case.departments.set([data["department"]])
    rows = submission.organizations.rows
    for row in rows:
        organization = Organization.objects.filter(name__iexact=row["name"]).first()
        if organization is None:
            organization = Organization.objects.create(name=row["name"], kind=row["kind"])
        Participation.objects.get_or_create(case=case, organization=organization, role=row["role"])
    for photo in submission.photos.uploads:
        stored.append(
            case_image_add(
                case, photo["file"], alt_text=photo["alt_text"], credit=photo["credit"], licence=photo["licence"]
            )
        )
    for document in submission.documents.uploads:
        stored.append(case_document_add(case, document["file"], title=document["title"]))
    proposal = Proposal.objects.create(
        case=case,
        name=data["name"],
        email=data["email"],
        consent_given=True,
        consent_version=CONSENT_VERSION,
        consent_text=consent_statement(),
        consent_at=now,
        organizations_typed=[{key: row[key] for key in ("name", "kind", "role")} for row in rows],
        language=_proposer_language(),
    )
    _history_record(case, proposal)
    return proposal


def _history_record(case: Case, proposal: Proposal) -> None:
    """The case's first version, with its relations and files: its author is the proposal (the proposer
    has no account, and their name is not kept in the history, since they may have it erased)."""
    photos, documents = case.images.count(), case.documents.count()
    files = f", {photos} photo(s) et {documents} document(s)" if photos or documents else ""
    case_version_record(case, reason=f"Proposée par le formulaire public ({proposal.reference}){files}", created=True)


def _proposer_language() -> str:
    """The language the form was filled in (the page's), one the site offers; the default otherwise."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    offered = {code for code, _name in settings.LANGUAGES}
    return active if active in offered else settings.LANGUAGE_CODE


def _free_slug(title: str) -> str:
    """The title's slug, made unique with a number when taken (or reserved for another page)."""
    base = slugify(title)[: SLUG_MAX - 6].strip("-") or "proposition"
    taken = set(Case.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


# Decisions ---------------------------------------------------------------------------------------------


def _decide(proposal: Proposal, state: str, *, user, message: str = "") -> None:
    if not proposal.is_open:
        raise ValidationError(
            _("Cette proposition est déjà %(state)s : sa décision est prise.")
            % {"state": proposal.get_state_display().lower()},
            code="decided",
        )
    proposal.state = state
    proposal.decision_message = message
    proposal.decided_at = timezone.now()
    proposal.decided_by = user
    proposal.save(update_fields=["state", "decision_message", "decided_at", "decided_by"])
    transaction.on_commit(lambda: emails.send_decision(proposal), robust=True)


@transaction.atomic
def proposal_request_information(proposal: Proposal, *, user, message: str) -> None:
    """Ask the proposer for more: the proposal stays open, and the message goes to them."""
    if not message.strip():
        raise ValidationError(_("Dites au proposant quelles informations manquent."), code="required")
    _decide(proposal, Proposal.State.MORE_INFORMATION, user=user, message=message.strip())


@transaction.atomic
def proposal_decline(proposal: Proposal, *, user, reason: str) -> None:
    """Decline with a reason, which the proposer receives. The draft case stays a draft (never public)."""
    if not reason.strip():
        raise ValidationError(_("Donnez au proposant la raison du refus."), code="required")
    _decide(proposal, Proposal.State.DECLINED, user=user, message=reason.strip())


@transaction.atomic
def proposal_accept(proposal: Proposal, *, user, message: str = "") -> None:
    """Accept: the case will be published once the curators have completed it (publishing it also accepts)."""
    _decide(proposal, Proposal.State.ACCEPTED, user=user, message=message.strip())


def proposal_accept_published(case: Case) -> None:
    """Accept the open proposal of a case that has just been published (see proposals.signals).

    The curator who published is the latest author in the case's history (simple-history records the
    request's user, whether the publication came from the admin or the API).
    """
    proposal = Proposal.objects.awaiting().filter(case=case).first()
    if proposal is None:
        return
    record = case.history.select_related("history_user").first()
    _decide(proposal, Proposal.State.ACCEPTED, user=record.history_user if record else None)


# Personal data -----------------------------------------------------------------------------------------


def proposer_data(email: str) -> dict:
    """Everything kept about the proposer with this address: what an access request receives."""
    proposals = Proposal.objects.of_proposer(email).select_related("case").order_by("created_at", "pk")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "proposals": [
            {
                "id": proposal.pk,
                "name": proposal.name,
                "email": proposal.email,
                "created_at": proposal.created_at.isoformat(),
                "consent_given": proposal.consent_given,
                "consent_version": proposal.consent_version,
                "consent_text": proposal.consent_text,
                "consent_at": proposal.consent_at.isoformat() if proposal.consent_at else None,
                "case_title": proposal.case.title if proposal.case else None,
                "case_status": proposal.case.status if proposal.case else None,
                "organizations_typed": proposal.organizations_typed,
                "state": proposal.state,
                "decision_message": proposal.decision_message,
                "decided_at": proposal.decided_at.isoformat() if proposal.decided_at else None,
            }
            for proposal in proposals
        ],
    }


def proposals_contact_erase(proposals) -> int:
    """Blank the name and email of these proposals and date the erasure; returns how many were erased.

    Idempotent: a proposal already erased is left alone, so its erasure keeps its first date.
    """
    return proposals.with_contact().update(name="", email="", contact_erased_at=timezone.now())


def proposer_erase(email: str) -> int:
    """Erase the contact of every proposal sent from this address (an erasure request)."""
    return proposals_contact_erase(Proposal.objects.of_proposer(email))


def contacts_purge(*, dry_run: bool = False, now=None) -> int:
    """Erase the contacts kept past settings.PROPOSAL_CONTACT_RETENTION_DAYS; returns how many."""
    expired = Proposal.objects.contact_expired(now)
    if dry_run:
        return expired.count()
    return proposals_contact_erase(expired)
