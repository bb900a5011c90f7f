"""Cases proposed from the field: who proposed what, with what consent, and what the curators decided."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class ProposalQuerySet(models.QuerySet):
    def awaiting(self) -> "ProposalQuerySet":
        """What the curators still have to examine: new proposals and those waiting for more information."""
        return self.filter(state__in=Proposal.OPEN_STATES)

    def with_contact(self) -> "ProposalQuerySet":
        return self.filter(contact_erased_at__isnull=True)

    def contact_expired(self, now=None) -> "ProposalQuerySet":
        """Proposals whose contact data have outlived settings.PROPOSAL_CONTACT_RETENTION_DAYS.

        The period runs from the decision, or from the submission when no decision was ever made, so that
        no contact is kept indefinitely by a proposal nobody examined.
        """
        limit = (now or timezone.now()) - timedelta(days=settings.PROPOSAL_CONTACT_RETENTION_DAYS)
        return self.with_contact().filter(Q(decided_at__lt=limit) | Q(decided_at__isnull=True, created_at__lt=limit))

    def of_proposer(self, email: str) -> "ProposalQuerySet":
        return self.filter(email__iexact=email.strip())


class Proposal(models.Model):
    """A case proposed by someone outside the observatory, through /cas/proposer/.

    The proposal created a draft case; curators complete it and publish it, or decline it. The record
    keeps what the case itself does not: the proposer's contact (never public, erased after the
    retention period), their consent, the organisations as they typed them, and the decision.
    """

    class State(models.TextChoices):
        NEW = "new", _("À examiner")
        MORE_INFORMATION = "more_information", _("Informations demandées")
        ACCEPTED = "accepted", _("Acceptée")
        DECLINED = "declined", _("Refusée")

    OPEN_STATES = (State.NEW, State.MORE_INFORMATION)

    case = models.OneToOneField(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("étude de cas"),
        help_text=_(
            "Le brouillon créé par la proposition. Supprimer ce brouillon garde la proposition et sa décision."
        ),
    )
    name = models.CharField(_("nom du proposant"), max_length=200, blank=True)
    email = models.EmailField(_("courriel du proposant"), blank=True, db_index=True)
    consent_given = models.BooleanField(_("consentement donné"), default=False)
    consent_version = models.CharField(_("version du texte de consentement"), max_length=40, blank=True)
    consent_text = models.TextField(_("texte de consentement accepté"), blank=True)
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    organizations_typed = models.JSONField(
        _("organisations saisies"),
        default=list,
        blank=True,
        help_text=_("Les organisations telles que le proposant les a saisies (nom, type, rôle)."),
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)
    state = models.CharField(_("état"), max_length=20, choices=State.choices, default=State.NEW)
    language = models.CharField(
        _("langue du proposant"),
        max_length=10,
        default="fr",
        help_text=_("La langue de la page où la proposition a été faite : celle des messages envoyés au proposant."),
    )
    decision_message = models.TextField(
        _("message de la décision"),
        blank=True,
        help_text=_("Envoyé au proposant : la raison d'un refus, ou les informations demandées."),
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidée par"),
    )
    contact_erased_at = models.DateTimeField(_("coordonnées effacées le"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposition")
        indexes = [models.Index(fields=["state", "-created_at"], name="proposal_state_created")]
        permissions = [
            ("manage_contact_data", "Peut exporter et effacer les données personnelles d'un proposant"),
        ]

    def __str__(self) -> str:
        title = self.case.title if self.case_id and self.case else "brouillon supprimé"
        return f"Proposition du {timezone.localtime(self.created_at):%d/%m/%Y} : {title}"

    @property
    def reference(self) -> str:
        """The number a proposer quotes when writing to the curators: the year received and the id."""
        return f"P-{timezone.localtime(self.created_at):%Y}-{self.pk:05d}"

    def summary(self) -> list[tuple[str, str]]:
        """What was received, as (label, text) lines for the confirmation page and the email."""
        case = self.case
        if case is None:
            return []
        territory = [department.name for department in case.departments.all()] or [
            region.name for region in case.regions.all()
        ]
        lines = [
            ("Titre", case.title),
            ("Résumé", case.summary),
            ("Territoire", ", ".join(territory) or "non précisé"),
            ("Domaines", ", ".join(domain.name for domain in case.domains.all()) or "aucun"),
            ("Organisations", ", ".join(row["name"] for row in self.organizations_typed) or "aucune"),
            ("Photos", str(case.images.count())),
            ("Documents", str(case.documents.count())),
        ]
        return lines

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def has_contact(self) -> bool:
        return self.contact_erased_at is None and bool(self.email)
