"""A case study: its text, its tags, its place, its workflow from draft to publication, and its links."""

import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)
from foundation.reference.text import render_markdown

ENGLISH_HELP = _("Rédigé par un curateur, jamais traduit automatiquement. Vide : la page anglaise montre le français.")
COUNTRY_HELP = _("France par défaut ; hors de France, la fiche n'a ni région ni département.")

# Paths under /cas/ that are not cases.
RESERVED_SLUGS = {"flux", "nouveautes", "proposer", "pays"}
YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
# What a curator writes of a case, in the order of the import file's columns: the case import
# (cases.resources) and the API's write serializer (cases.api.writing) read this one list, so a field added
# to a case is writable through both or neither.
WRITABLE_FIELDS = (
    "slug",
    "title",
    "summary",
    "title_en",
    "summary_en",
    "body",
    "outcomes",
    "start_year",
    "end_year",
    "scale",
    "place",
    "country",
    "status",
    "is_fictitious",
    "source",
    "citation",
    "domains",
    "partnership_types",
    "engagement_practices",
    "dynamics",
    "regions",
    "departments",
    "sdgs",
    "impacts",
)


# The tags of a case as lists, the names `for_cards()` prefetches them into; read on first use otherwise. Like
# any prefetched list, not read again when the relation changes: a write reads the case afresh.
TAG_LISTS = {
    "domain_list": "domains",
    "partnership_type_list": "partnership_types",
    "engagement_practice_list": "engagement_practices",
    "dynamic_list": "dynamics",
    "region_list": "regions",
    "department_list": "departments",
    "sdg_list": "sdgs",
}
# The lists a result card shows (templates/cases/_card.html): what `for_cards()` prefetches. The API and the
# case page read the others too (`cases.api.serializers.cases_with_details`, `cases.search.with_tags`).
CARD_LISTS = ("domain_list", "dynamic_list", "region_list", "department_list")


def _listed(field: str) -> cached_property:
    """Django's `cached_property`, which `Prefetch(to_attr=…)` recognises as not read yet."""
    return cached_property(lambda case: list(getattr(case, field).all()))


class CaseQuerySet(models.QuerySet):
    def published(self) -> "CaseQuerySet":
        """The one door to what the public may see."""
        return self.filter(status=Case.Status.PUBLISHED)

    def visible_to(self, user) -> "CaseQuerySet":
        """Everything for those who may change cases (they review drafts), the published ones otherwise."""
        if user is not None and user.is_authenticated and user.has_perm("cases.change_case"):
            return self
        return self.published()

    def in_regions(self, codes) -> "CaseQuerySet":
        through = Case.regions.through
        return self.filter(Exists(through.objects.filter(case_id=OuterRef("pk"), region_id__in=codes)))

    def for_cards(self) -> "CaseQuerySet":
        """What a list of result cards shows, fetched in a constant number of queries: the tags a card shows
        as lists (`CARD_LISTS`: `Case.domain_list` …), which spend no related manager or queryset per case."""
        return self.prefetch_related(*(Prefetch(TAG_LISTS[name], to_attr=name) for name in CARD_LISTS))

    def card_fields(self) -> "CaseQuerySet":
        """Only the fields a result card shows (`cases.templatetags.case_list.case_card`), and the body its
        marked passage is taken from: the long texts (the rendered body, the search copy, the outcomes, the
        source, the citation) were most of a page's read, and each field left out is one less to convert."""
        return self.only(
            "slug", "title", "summary", "title_en", "summary_en", "body", "is_fictitious", "start_year", "end_year"
        )


_SLUG = "--slug--"  # a slug's place in the case page's URL pattern (no slug has two hyphens at each end)
_SLUG_SHAPE = re.compile(r"[-a-zA-Z0-9_]+")  # Django's `slug` path converter


@lru_cache(maxsize=16)
def _case_url_pattern(_prefix: str, urlconf: str, _language: str | None) -> str:
    return reverse("cases:detail", urlconf=urlconf, args=[_SLUG])


class Case(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        REVIEW = "review", _("En relecture")
        PUBLISHED = "published", _("Publiée")
        ARCHIVED = "archived", _("Archivée")

    class Scale(models.TextChoices):
        LOCAL = "local", _("Locale")
        DEPARTMENTAL = "departemental", _("Départementale")
        REGIONAL = "regional", _("Régionale")
        NATIONAL = "national", _("Nationale")
        INTERNATIONAL = "international", _("Internationale")

    # Which status may follow which: a published case is withdrawn to draft or archived, never edited
    # back into review silently.
    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED},
        Status.REVIEW: {Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED},
        Status.PUBLISHED: {Status.DRAFT, Status.ARCHIVED},
        Status.ARCHIVED: {Status.DRAFT},
    }

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        help_text=_("Adresse de la page : /cas/<slug>/. Ne plus la changer une fois publiée."),
    )
    summary = models.TextField(_("résumé"), help_text=_("Quelques lignes : ce que fait l'alliance, où, avec qui."))
    # Written by a curator, never machine-translated; empty, English pages show the French marked as such.
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    summary_en = models.TextField(_("résumé en anglais"), blank=True, help_text=ENGLISH_HELP)
    body = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Texte en Markdown (titres ##, listes, liens). Le HTML brut est ignoré."),
    )
    body_html = models.TextField(editable=False, default="")
    outcomes = models.TextField(
        _("résultats"), blank=True, help_text=_("Effets observés, chiffres cités par la source.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("année de début"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True, validators=YEAR_VALIDATORS)
    scale = models.CharField(_("échelle"), max_length=20, choices=Scale.choices, blank=True)
    regions = models.ManyToManyField(
        Region,
        blank=True,
        verbose_name=_("régions"),
        help_text=_("La région d'un département choisi est ajoutée d'elle-même."),
    )
    departments = models.ManyToManyField(Department, blank=True, verbose_name=_("départements"))
    place = models.CharField(
        _("lieu"), max_length=200, blank=True, help_text=_("Commune, quartier, site : texte libre.")
    )
    country = CountryField(_("pays"), default="FR", db_index=True, help_text=COUNTRY_HELP)
    domains = models.ManyToManyField(Domain, blank=True, verbose_name=_("domaines de fragilité"))
    partnership_types = models.ManyToManyField(PartnershipType, blank=True, verbose_name=_("pratiques partenariales"))
    engagement_practices = models.ManyToManyField(
        EngagementPractice, blank=True, verbose_name=_("pratiques d'engagement")
    )
    dynamics = models.ManyToManyField(
        CollectiveDynamic, blank=True, verbose_name=_("dynamiques collectives territoriales")
    )
    impacts = models.ManyToManyField(Impact, through="cases.CaseImpact", blank=True, verbose_name=_("impacts observés"))
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="cases",
        verbose_name=_("objectifs de développement durable"),
    )
    domain_list = _listed("domains")
    partnership_type_list = _listed("partnership_types")
    engagement_practice_list = _listed("engagement_practices")
    dynamic_list = _listed("dynamics")
    region_list = _listed("regions")
    department_list = _listed("departments")
    sdg_list = _listed("sdgs")
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    is_fictitious = models.BooleanField(
        _("fictive"),
        default=False,
        help_text=_("Cas de démonstration inventé : signalé comme tel partout où il paraît."),
    )
    source = models.TextField(_("source"), blank=True, help_text=_("D'où viennent les faits de cette fiche."))
    citation = models.TextField(
        _("citation"),
        blank=True,
        help_text=_("Comment citer la fiche ; laissée vide, elle est composée automatiquement."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True, db_index=True)
    # The curator in charge of the case (the editorial desk's "assignées à moi"); never shown to the public.
    # DO_NOTHING: a Python-level SET_NULL would mix on_delete variants in the chain SearchEntry → Case, a
    # database-level one would force it on every model that refers to a case; the desk clears a deleted
    # account's assignments (desk.signals).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="assigned_cases",
        limit_choices_to={"is_staff": True},
        verbose_name=_("assignée à"),
        help_text=_("Le curateur ou la curatrice qui suit cette étude de cas."),
    )

    history = HistoricalRecords(
        excluded_fields=["body_html"],
        m2m_fields=[domains, partnership_types, engagement_practices, dynamics, regions, departments, sdgs],
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("étude de cas")
        verbose_name_plural = _("études de cas")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="case_status_published"),
            # What a search reads of each match (cases.search.postgres): who may see it and its order, from
            # the index alone.
            models.Index(fields=["status", "id", "is_fictitious", "published_at"], name="case_search_visible"),
        ]
        permissions = [("publish_case", "Peut publier, dépublier et archiver une étude de cas")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # The case page's pattern, reversed once per script prefix, URL configuration and language rather
        # than for every case: a list page links twenty cases, a feed or an export thousands.
        if not _SLUG_SHAPE.fullmatch(self.slug or ""):  # what the pattern would refuse: reverse() says so
            return reverse("cases:detail", args=[self.slug])
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _case_url_pattern(get_script_prefix(), urlconf, get_language()).replace(_SLUG, self.slug)

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("« %(slug)s » est réservé à une autre page du site.") % {"slug": self.slug}}
            )
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("L'année de fin précède l'année de début.")})

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @staticmethod
    def may_change_status(user) -> bool:
        return user is not None and user.has_perm("cases.publish_case")

    def check_move(self, status: str, *, user) -> None:
        """Refuse a status change that this user may not make or that the workflow does not allow.

        The one rule behind every path that changes a status (the change form's buttons, the list's
        actions, the import, the API): any change of status is publication work and needs
        `publish_case`, and it must follow TRANSITIONS. A new case starts as a draft. The error's code
        ("permission" or "transition") lets a caller answer 403 or 400 as its protocol wants.
        """
        if status == self.status:
            return
        if status not in self.Status.values:
            raise ValidationError(_("« %(status)s » n'est pas un statut.") % {"status": status}, code="invalid")
        if not self.may_change_status(user):
            raise ValidationError(
                _("Changer le statut d'une étude de cas demande la permission de publier."), code="permission"
            )
        if not self.can_move_to(status):
            raise ValidationError(
                _("Passage impossible de « %(current)s » à « %(target)s ».")
                % {"current": self.get_status_display(), "target": self.Status(status).label},
                code="transition",
            )

    def move_to(self, status: str, *, user) -> None:
        """Change status for `user` (see check_move), and save.

        The first publication dates the case; a later re-publication keeps that date so that feeds and
        "latest cases" do not show an old case as new.
        """
        self.check_move(status, user=user)
        if status == self.status:
            return
        self.status = status
        self.date_publication()
        self.save()

    def date_publication(self) -> None:
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def publish(self, *, user) -> None:
        self.move_to(self.Status.PUBLISHED, user=user)

    def unpublish(self, *, user) -> None:
        self.move_to(self.Status.DRAFT, user=user)

    def archive(self, *, user) -> None:
        self.move_to(self.Status.ARCHIVED, user=user)

    def submit_for_review(self, *, user) -> None:
        self.move_to(self.Status.REVIEW, user=user)

    def citation_text(self) -> str:
        if self.citation:
            return self.citation
        year = (self.published_at or self.updated_at or timezone.now()).year
        return f"Observatoire des partenariats, « {self.title} », étude de cas, IMPACT-Pratiques innovantes, {year}."


class Link(models.Model):
    class Kind(models.TextChoices):
        SOURCE = "source", _("Source")
        DOCUMENT = "document", _("Document")
        WEBSITE = "site", _("Site web")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices, default=Kind.SOURCE)
    title = models.CharField(_("intitulé"), max_length=200)
    url = models.URLField(_("adresse"), max_length=500)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "position", "pk"]
        verbose_name = _("lien")

    def __str__(self) -> str:
        return self.title
