"""A study: the survey the figures come from (who was asked, when, by which institute)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from surveys.programmes import Phase, Programme, Volet

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
NARROW_NBSP = "\u202f"


def format_base(size: int) -> str:
    """A base as the source prints it: "50,2 millions" for round hundred-thousands, "221 900" otherwise."""
    if size >= 1_000_000 and size % 100_000 == 0:
        millions = f"{Decimal(size) / 1_000_000:.1f}".replace(".", ",")
        return f"{millions} million{'s' if size >= 2_000_000 else ''}"
    return f"{size:,}".replace(",", NARROW_NBSP)


class StudyQuerySet(models.QuerySet):
    def published(self) -> "StudyQuerySet":
        """The one door to the studies the public may see."""
        return self.filter(is_published=True)

    def with_results(self) -> "StudyQuerySet":
        """Public studies whose results are out: an announced study, or one in the field, has no figure to show."""
        return self.published().filter(stage=Study.Stage.PUBLISHED)


class Study(models.Model):
    class Stage(models.TextChoices):
        ANNOUNCED = "announced", _("Annoncée")
        IN_FIELD = "in_field", _("Sur le terrain")
        PUBLISHED = "published", _("Publiée")

    class Population(models.TextChoices):
        CITIZENS = "citoyens", _("Citoyens")
        COMPANIES = "entreprises", _("Entreprises")
        ASSOCIATIONS = "associations", _("Associations")
        ELECTED = "elus", _("Élus")

    slug = models.SlugField(max_length=80, unique=True, help_text=_("Adresse de la page : /enquetes/<slug>/."))
    name = models.CharField(_("nom"), max_length=120, help_text=_("Comme la source le nomme : « IMPACT-Citoyens »."))
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="studies")
    programme_inferred = models.BooleanField(
        _("programme déduit"),
        default=False,
        help_text=_("Cochez quand la source ne rattache pas l'étude à ce programme : la page le dit."),
    )
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="studies")
    volet = models.ForeignKey(Volet, on_delete=models.SET_NULL, null=True, blank=True, related_name="studies")
    stage = models.CharField(
        _("état"),
        max_length=20,
        choices=Stage.choices,
        default=Stage.PUBLISHED,
        help_text=_("Une étude annoncée ou sur le terrain paraît sans aucun chiffre."),
    )
    expected = models.CharField(
        _("date prévue"),
        max_length=80,
        blank=True,
        help_text=_("Pour une étude annoncée, comme la source l'écrit : « courant 2021 », « fin 2020 ou 2021 »."),
    )
    population = models.CharField(_("population interrogée"), max_length=20, choices=Population.choices)
    year = models.PositiveSmallIntegerField(
        _("année du terrain"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Vide pour une étude annoncée dont la source ne donne pas l'année."),
    )
    month = models.PositiveSmallIntegerField(
        _("mois du terrain"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("De 1 à 12 ; vide quand la source ne le dit pas."),
    )
    institute = models.CharField(_("institut"), max_length=120, blank=True, help_text=_("« Comisis — OpinionWay »."))
    universe = models.CharField(
        _("univers"),
        max_length=200,
        blank=True,
        help_text=_("La population que l'étude représente : « Français adultes »."),
    )
    universe_size = models.PositiveBigIntegerField(
        _("taille de l'univers"), null=True, blank=True, help_text=_("En unités : 50,2 millions s'écrit 50200000.")
    )
    sample_size = models.PositiveIntegerField(_("taille de l'échantillon"), null=True, blank=True)
    citation = models.TextField(
        _("ligne de source"),
        blank=True,
        help_text=_("Telle qu'imprimée sous les graphiques : « Source : étude … (Comisis — …) »."),
    )
    description = models.TextField(_("présentation"), blank=True)
    is_published = models.BooleanField(
        _("publiée"),
        default=False,
        help_text=_("Tant qu'elle n'est pas publiée, l'étude et ses chiffres restent internes."),
    )

    history = HistoricalRecords()

    objects = StudyQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month", "name"]
        verbose_name = _("étude")
        verbose_name_plural = _("études")

    def __str__(self) -> str:
        return f"{self.name} ({self.fieldwork_label})"

    def get_absolute_url(self) -> str:
        return reverse("surveys:study", args=[self.slug])

    def clean(self) -> None:
        for name, label in [("phase", "Cette phase"), ("volet", "Ce volet")]:
            part = getattr(self, name)
            if part is not None and part.programme_id != self.programme_id:
                raise ValidationError({name: _("%(label)s appartient à un autre programme.") % {"label": label}})
        if self.stage == self.Stage.PUBLISHED:
            missing = {
                name: "Obligatoire pour une étude publiée." for name in ["year", "citation"] if not getattr(self, name)
            }
            if missing:
                raise ValidationError(missing)
        elif not self.expected and not self.year:
            raise ValidationError(
                {"expected": _("Donnez la date prévue telle que la source l'écrit, ou l'année du terrain.")}
            )

    @property
    def fieldwork_label(self) -> str:
        """ "octobre 2019", the year alone when the month is not known, or the expected date as the source words it."""
        if self.stage != self.Stage.PUBLISHED and self.expected:
            return self.expected
        if self.year is None:
            return str(_("date non précisée par la source"))
        # The month's name in the page's language ("octobre 2019", "October 2019").
        return f"{MONTH_NAMES[self.month]} {self.year}" if self.month else str(self.year)
