"""Survey results: studies, their questions and every figure, with where each figure comes from.

A figure is one value for (question, row, answer, segment). Its provenance tells the reader whether it is
printed in the source (read), computed from printed figures (derived), or printed but lost (missing): a
missing value stays NULL — never 0, never a guess — and is shown as "non lisible dans la source".
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foundation.reference.models import Domain, PartnershipType, Region
from surveys.programmes import Phase, Programme, Volet

__all__ = ["Phase", "Programme", "Volet"]

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
MISSING_TEXT = "non lisible dans la source"
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


class QuestionQuerySet(models.QuerySet):
    def published(self) -> "QuestionQuerySet":
        return self.filter(study__is_published=True, study__stage=Study.Stage.PUBLISHED)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Choix unique")
        GRID = "grid", _("Grille")
        SCORE = "score", _("Note sur 10")

    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        MEAN = "mean", _("Moyenne /10")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="questions", verbose_name=_("étude"))
    code = models.CharField(
        _("numéro"),
        max_length=20,
        blank=True,
        help_text=_("Comme la source l'imprime (« Q8 ») ; vide si elle n'en donne pas."),
    )
    slug = models.SlugField(
        max_length=80,
        help_text=_("Adresse de la page (/enquetes/<étude>/<slug>/) et nom de la question dans les fichiers d'import."),
    )
    title = models.CharField(_("titre"), max_length=200, help_text=_("Le titre de la page de la source."))
    wording = models.TextField(_("libellé"), help_text=_("La question telle que la source l'imprime."))
    title_en = models.CharField(
        _("titre en anglais"),
        max_length=200,
        blank=True,
        help_text=_("Traduction du titre par l'Observatoire ; vide sinon."),
    )
    wording_en = models.TextField(
        _("libellé en anglais"),
        blank=True,
        help_text=_(
            "Traduction fidèle du libellé français par l'Observatoire, montrée à côté de l'original sur les "
            "pages en anglais ; vide si la question n'est pas traduite."
        ),
    )
    base_label = models.CharField(
        _("base"), max_length=200, blank=True, help_text=_("Qui a répondu, comme imprimé : « Ensemble des maires ».")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    unit = models.CharField(_("unité"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    previous_wave = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_waves",
        verbose_name=_("vague précédente"),
        help_text=_("La même question posée lors d'une étude antérieure, pour comparer."),
    )
    notes = models.TextField(
        _("notes de lecture"),
        blank=True,
        help_text=_(
            "Ce que la source ne permet pas de lire, les valeurs calculées et comment : affiché sous le tableau."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["study", "position", "pk"]
        verbose_name = _("question")
        constraints = [models.UniqueConstraint(fields=["study", "slug"], name="question_unique_slug")]

    def __str__(self) -> str:
        return f"{self.study.name} — {self.heading}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:question", args=[self.study.slug, self.slug])

    @property
    def has_rows(self) -> bool:
        return self.kind != self.Kind.SINGLE

    @property
    def heading(self) -> str:
        return f"{self.code} — {self.title}" if self.code else self.title

    def clean(self) -> None:
        if self.previous_wave_id and self.previous_wave_id == self.pk:
            raise ValidationError({"previous_wave": _("Une question ne peut pas être sa propre vague précédente.")})
        if self.kind == self.Kind.SCORE and self.unit != self.Unit.MEAN:
            raise ValidationError({"unit": _("Une question notée sur 10 s'exprime en moyenne.")})


class Row(models.Model):
    """An item of a grid (a domain of Q1, a practice of Q11), linked to the vocabulary term it is."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rows")
    label = models.CharField(_("libellé"), max_length=200, help_text=_("Comme imprimé."))
    label_en = models.CharField(
        _("libellé en anglais"), max_length=200, blank=True, help_text=_("Traduction par l'Observatoire ; vide sinon.")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, null=True, blank=True, related_name="survey_rows", verbose_name=_("domaine")
    )
    partnership_type = models.ForeignKey(
        PartnershipType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_rows",
        verbose_name=_("pratique partenariale"),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("ligne")
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="row_unique_label")]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.domain_id and self.partnership_type_id:
            raise ValidationError(_("Une ligne est un domaine ou une pratique partenariale, pas les deux."))


class Answer(models.Model):
    """An answer of a question; a net ("Indispensable + nécessaire") is made of other answers."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    label = models.CharField(_("libellé"), max_length=200, help_text=_("Comme imprimé."))
    label_en = models.CharField(
        _("libellé en anglais"), max_length=200, blank=True, help_text=_("Traduction par l'Observatoire ; vide sinon.")
    )
    is_net = models.BooleanField(
        _("total"), default=False, help_text=_("Un regroupement de réponses (« Oui » = tout à fait + plutôt).")
    )
    parts = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="nets",
        verbose_name=_("réponses regroupées"),
        help_text=_("Pour un total : les réponses qu'il additionne."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("réponse")
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="answer_unique_label")]

    def __str__(self) -> str:
        return self.label


class Segment(models.Model):
    """Who a figure is about: everyone, a region, an area, a kind of respondent — with its base."""

    class Kind(models.TextChoices):
        ENSEMBLE = "ensemble", _("Ensemble")
        REGION = "region", _("Région")
        AREA = "area", _("Zone")
        SUBTYPE = "subtype", _("Type d'acteur")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="segments", verbose_name=_("étude"))
    label = models.CharField(
        _("libellé"), max_length=120, help_text=_("Comme imprimé : « Île-de-France », « Nord-Est ».")
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="survey_segments",
        verbose_name=_("régions"),
        help_text=_(
            "Les régions que le segment couvre, quand la source les nomme (« Provence-Alpes-Côte d'Azur + Corse »)."
        ),
    )
    base = models.PositiveBigIntegerField(
        _("base"), null=True, blank=True, help_text=_("Effectif représenté, en unités : 6,3 millions s'écrit 6300000.")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords(m2m_fields=[regions])

    class Meta:
        ordering = ["study", "position", "pk"]
        verbose_name = _("segment")
        constraints = [
            models.UniqueConstraint(fields=["study", "label"], name="segment_unique_label"),
            models.UniqueConstraint(
                fields=["study"],
                condition=Q(kind="ensemble"),
                name="segment_one_ensemble",
                violation_error_message="Une étude n'a qu'un segment « Ensemble ».",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Provenance(models.TextChoices):
    READ = "read", _("Lu dans la source")
    DERIVED = "derived", _("Calculé à partir de chiffres imprimés")
    MISSING = "missing", _("Imprimé mais non lisible")


class Significance(models.TextChoices):
    NONE = "", "—"
    HIGHER = "higher", _("Significativement supérieur à l'ensemble")
    LOWER = "lower", _("Significativement inférieur à l'ensemble")


class FigureQuerySet(models.QuerySet):
    def published(self) -> "FigureQuerySet":
        return self.filter(question__study__is_published=True, question__study__stage=Study.Stage.PUBLISHED)

    def in_source_order(self) -> "FigureQuerySet":
        """Study by study, each question's figures as its table reads: by segment, row, then answer.

        With the names the long format writes, so that exports and the API's CSV need no other query.
        """
        return self.select_related("question__study", "row", "answer", "segment").order_by(
            "question__study__year",
            "question__study__slug",
            "question__position",
            "question__pk",
            "segment__position",
            "row__position",
            "answer__position",
            "pk",
        )


class Figure(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="figures")
    row = models.ForeignKey(
        Row,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="figures",
        verbose_name=_("ligne"),
        help_text=_("Vide pour une question à choix unique."),
    )
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="figures", verbose_name=_("réponse"))
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="figures", verbose_name=_("segment"))
    value = models.DecimalField(
        _("valeur"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Exactement comme imprimée. Vide si et seulement si elle est non lisible."),
    )
    provenance = models.CharField(_("provenance"), max_length=10, choices=Provenance.choices, default=Provenance.READ)
    significance = models.CharField(
        _("significativité"), max_length=10, choices=Significance.choices, blank=True, default=Significance.NONE
    )
    base = models.PositiveBigIntegerField(
        _("base"),
        null=True,
        blank=True,
        help_text=_("Effectif que le chiffre représente, en unités (221900, 50200000)."),
    )

    history = HistoricalRecords()

    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["question", "segment__position", "row__position", "answer__position", "pk"]
        verbose_name = _("chiffre")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "row", "answer", "segment"],
                condition=Q(row__isnull=False),
                name="figure_unique_cell",
                violation_error_message="Ce chiffre existe déjà (même ligne, réponse et segment).",
            ),
            models.UniqueConstraint(
                fields=["question", "answer", "segment"],
                condition=Q(row__isnull=True),
                name="figure_unique_cell_without_row",
                violation_error_message="Ce chiffre existe déjà (même réponse et segment).",
            ),
            models.CheckConstraint(
                condition=(Q(provenance="missing") & Q(value__isnull=True))
                | (~Q(provenance="missing") & Q(value__isnull=False)),
                name="figure_missing_iff_null",
                violation_error_message="Un chiffre non lisible n'a pas de valeur ; un chiffre lu ou calculé en a une.",
            ),
        ]

    def __str__(self) -> str:
        parts = [self.row.label] if self.row_id else []
        parts += [self.answer.label, self.segment.label]
        return f"{' · '.join(parts)} : {self.display_value}"

    @property
    def is_missing(self) -> bool:
        return self.provenance == Provenance.MISSING

    @property
    def display_value(self) -> str:
        return display_value(self.value, self.question.unit)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        question = self.question if self.question_id else None
        if question is not None:
            if self.row_id and self.row.question_id != question.pk:
                errors["row"] = "Cette ligne appartient à une autre question."
            elif question.has_rows and not self.row_id:
                errors["row"] = "Cette question a des lignes : indiquez laquelle."
            elif not question.has_rows and self.row_id:
                errors["row"] = "Une question à choix unique n'a pas de lignes."
            if self.answer_id and self.answer.question_id != question.pk:
                errors["answer"] = "Cette réponse appartient à une autre question."
            if self.segment_id and self.segment.study_id != question.study_id:
                errors["segment"] = "Ce segment appartient à une autre étude."
        if self.provenance == Provenance.MISSING and self.value is not None:
            errors["value"] = "Un chiffre non lisible reste vide : ni 0, ni estimation."
        elif self.provenance != Provenance.MISSING and self.value is None:
            errors["value"] = "Indiquez la valeur, ou choisissez la provenance « non lisible »."
        elif self.value is not None and question is not None:
            ceiling = 100 if question.unit == Question.Unit.PERCENT else 10
            if not 0 <= self.value <= ceiling:
                errors["value"] = f"La valeur doit être comprise entre 0 et {ceiling}."
        if errors:
            raise ValidationError(errors)


def canonical_value(value: Decimal, unit: str) -> Decimal:
    """The value at the precision the source prints: 45 and 28.5 for shares, 6.0 and 6.4 for means.

    The database keeps two decimal places (45.00); exports, the API and the pages show this form.
    """
    normal = value.normalize()
    if normal.as_tuple().exponent > 0:
        normal = normal.quantize(Decimal(1))
    if unit == Question.Unit.MEAN and normal.as_tuple().exponent > -1:
        normal = normal.quantize(Decimal("0.1"))
    return normal


def display_value(value: Decimal | None, unit: str) -> str:
    """ "45 %", "6,4", or "non lisible dans la source" for a lost value; "6.4" on an English page (the
    decimal separator of Django's formats for the active language)."""
    if value is None:
        return MISSING_TEXT
    text = str(canonical_value(value, unit)).replace(".", get_format("DECIMAL_SEPARATOR"))
    return f"{text}{NARROW_NBSP}%" if unit == Question.Unit.PERCENT else text
