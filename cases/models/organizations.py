"""The organisations of the cases, and the part each takes in a case."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from foundation.reference.models import (
    Department,
)


class OrganizationQuerySet(models.QuerySet):
    def public(self) -> "OrganizationQuerySet":
        """The organisations of at least one published case: one known only from drafts would give away that
        the draft exists."""
        published = Participation.objects.filter(organization_id=OuterRef("pk"), case__status=Case.Status.PUBLISHED)
        return self.filter(Exists(published))


class Organization(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "fondation", _("Fondation")
        COMPANY = "entreprise", _("Entreprise")
        LOCAL_AUTHORITY = "collectivite", _("Collectivité territoriale")
        PUBLIC_BODY = "etablissement_public", _("Établissement public")
        INSTITUTION = "institution", _("Institution")
        CITIZEN_GROUP = "collectif_citoyen", _("Collectif citoyen")
        OTHER = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True, help_text=_("Adresse de la page : /organisations/<slug>/."))
    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("département")
    )
    website = models.URLField(_("site web"), blank=True)
    country = CountryField(_("pays"), default="FR")
    is_fictitious = models.BooleanField(_("fictive"), default=False)

    history = HistoricalRecords()
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            taken = set(
                Organization.objects.filter(slug__startswith=slugify(self.name)[:200]).values_list("slug", flat=True)
            )
            self.slug = self.slug_for(self.name, taken)
        super().save(*args, **kwargs)

    @staticmethod
    def slug_for(name: str, taken: set[str]) -> str:
        """A slug for `name` not in `taken` (which it joins): names differing only by accents or punctuation
        get `-2`, `-3`…."""
        base = slugify(name)[:200].strip("-") or "organisation"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug


class Participation(models.Model):
    class Role(models.TextChoices):
        LEAD = "porteur", _("Porteur")
        PARTNER = "partenaire", _("Partenaire")
        FUNDER = "financeur", _("Financeur")
        SUPPORT = "accompagnateur", _("Accompagnateur")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="participations", verbose_name=_("organisation")
    )
    role = models.CharField(_("rôle"), max_length=16, choices=Role.choices, default=Role.PARTNER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "role", "organization__name"]
        verbose_name = _("participation")
        constraints = [
            models.UniqueConstraint(fields=["case", "organization", "role"], name="participation_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.get_role_display()}"
