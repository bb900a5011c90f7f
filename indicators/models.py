"""Official territorial indicators: objective data by region and department, with their provenance.

A territory the source does not cover has no value row at all: never 0, never an estimate. Pages say
"non disponible dans la source" where a row is absent.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from foundation.reference.models import Department, Domain, Region
from foundation.reference.translated import SourceTextMixin

MISSING_TEXT = "non disponible dans la source"


class Indicator(SourceTextMixin, models.Model):
    class Direction(models.TextChoices):
        HIGHER_MORE_FRAGILE = "plus-fragile", _("Plus la valeur est élevée, plus le territoire est fragile")
        HIGHER_LESS_FRAGILE = "moins-fragile", _("Plus la valeur est élevée, moins le territoire est fragile")
        CONTEXT = "contexte", _("Contexte (n'entre pas dans les indices de fragilité)")

    slug = models.SlugField(max_length=80, unique=True, help_text=_("Identifiant stable, celui des fichiers d'import."))
    name = models.CharField(_("nom"), max_length=200)
    definition = models.TextField(_("définition"), help_text=_("Telle que le producteur l'imprime, entre guillemets."))
    unit = models.CharField(_("unité"), max_length=120)
    producer = models.CharField(_("producteur"), max_length=120, help_text=_("« INSEE », « DREES », « SSMSI »."))
    table = models.CharField(_("tableau source"), max_length=300, blank=True)
    source_url = models.URLField(_("adresse de la source"), max_length=500)
    licence = models.CharField(_("licence"), max_length=120)
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="indicators", verbose_name=_("domaines de fragilité éclairés")
    )
    direction = models.CharField(_("sens"), max_length=20, choices=Direction.choices)
    caveat = models.TextField(
        _("précautions de lecture"),
        blank=True,
        help_text=_("Indicateur approché, lacunes de la source : affiché sur les pages."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("indicateur")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One value of an indicator for one territory and one reference period, as the source prints it."""

    class Level(models.TextChoices):
        REGION = "region", _("Région")
        DEPARTMENT = "department", _("Département")
        FRANCE = "france", _("France entière")
        METROPOLE = "metropole", _("France métropolitaine")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicateur")
    )
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("région")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("département")
    )
    year = models.PositiveSmallIntegerField(_("année"))
    period = models.CharField(
        _("période de référence"), max_length=20, help_text=_("Comme la source la donne : 2021, 2024-T4, 2023-12-31…")
    )
    value = models.DecimalField(_("valeur"), max_digits=18, decimal_places=7)
    source = models.CharField(_("tableau et feuille"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["indicator__position", "level", "region_id", "department_id", "period"]
        verbose_name = _("valeur d'indicateur")
        verbose_name_plural = _("valeurs d'indicateurs")
        constraints = [
            models.CheckConstraint(
                name="indicatorvalue_territory_matches_level",
                condition=(
                    Q(level="region", region__isnull=False, department__isnull=True)
                    | Q(level="department", department__isnull=False, region__isnull=True)
                    | Q(level__in=["france", "metropole"], region__isnull=True, department__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "region", "period"],
                condition=Q(level="region"),
                name="indicatorvalue_unique_region_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "department", "period"],
                condition=Q(level="department"),
                name="indicatorvalue_unique_department_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "level", "period"],
                condition=Q(level__in=["france", "metropole"]),
                name="indicatorvalue_unique_national_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.slug} {self.territory_code} {self.period}"

    @property
    def territory_code(self) -> str:
        """The INSEE code of the territory, or FR / FM for the national references."""
        if self.level == self.Level.REGION:
            return self.region_id
        if self.level == self.Level.DEPARTMENT:
            return self.department_id
        return "FR" if self.level == self.Level.FRANCE else "FM"

    def clean(self) -> None:
        territory = {"region": self.region_id, "department": self.department_id}
        if self.level in (self.Level.REGION, self.Level.DEPARTMENT):
            if not territory[self.level]:
                raise ValidationError({self.level: _("Le territoire est obligatoire pour ce niveau.")})
            other = "department" if self.level == self.Level.REGION else "region"
            if territory[other]:
                raise ValidationError({other: _("Un seul territoire par valeur.")})
        elif self.region_id or self.department_id:
            raise ValidationError({"level": _("Une valeur nationale ne porte ni région ni département.")})
