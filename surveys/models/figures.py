"""Every figure of a question, with its provenance, and the value as the source prints it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from surveys.models.questions import Answer, Question, Row, Segment
from surveys.models.studies import NARROW_NBSP, Study

MISSING_TEXT = "non lisible dans la source"


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
