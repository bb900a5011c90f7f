"""The curators' grid: a question's figures for one segment, rows × answers, edited in one form."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer, Provenance, Question, Row, Segment, Significance, canonical_value

PROVENANCE_CHOICES = [("", "— pas de chiffre —"), *Provenance.choices]


@dataclass
class GridCell:
    row: Row | None
    answer: Answer
    value: forms.BoundField
    provenance: forms.BoundField
    significance: forms.BoundField


def _key(row_id: int | None, answer_id: int) -> str:
    return f"{row_id or 0}_{answer_id}"


class FigureGridForm(forms.Form):
    """One value, provenance and significance per (row, answer) of a question, for a chosen segment."""

    base = forms.IntegerField(
        label=_("Base"),
        required=False,
        min_value=0,
        help_text=_("Effectif que représentent ces chiffres, en unités (221900 ; 50,2 millions s'écrit 50200000)."),
    )

    def __init__(self, *args, question: Question, segment: Segment, **kwargs):
        self.question = question
        self.segment = segment
        self.rows: list[Row | None] = list(question.rows.all()) if question.has_rows else [None]
        self.answers = list(question.answers.all())
        figures = {(figure.row_id, figure.answer_id): figure for figure in question.figures.filter(segment=segment)}
        bases = {figure.base for figure in figures.values() if figure.base is not None}
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("base", next(iter(bases)) if len(bases) == 1 else segment.base)
        super().__init__(*args, **kwargs)
        for row in self.rows:
            for answer in self.answers:
                key = _key(row and row.pk, answer.pk)
                figure = figures.get((row and row.pk, answer.pk))
                value = figure.value if figure else None
                where = f"{row.label} — {answer.label}" if row else answer.label
                self.fields[f"value_{key}"] = forms.DecimalField(
                    label=_("%(where)s : valeur") % {"where": where},
                    required=False,
                    max_digits=8,
                    decimal_places=2,
                    localize=True,
                    initial=None if value is None else canonical_value(value, question.unit),
                )
                self.fields[f"provenance_{key}"] = forms.ChoiceField(
                    label=_("%(where)s : provenance") % {"where": where},
                    choices=PROVENANCE_CHOICES,
                    required=False,
                    initial=figure.provenance if figure else "",
                )
                self.fields[f"significance_{key}"] = forms.ChoiceField(
                    label=_("%(where)s : significativité") % {"where": where},
                    choices=Significance.choices,
                    required=False,
                    initial=figure.significance if figure else "",
                )

    def grid(self) -> list[tuple[Row | None, list[GridCell]]]:
        """The bound fields laid out as the template draws them."""
        return [
            (
                row,
                [
                    GridCell(
                        row=row,
                        answer=answer,
                        value=self[f"value_{_key(row and row.pk, answer.pk)}"],
                        provenance=self[f"provenance_{_key(row and row.pk, answer.pk)}"],
                        significance=self[f"significance_{_key(row and row.pk, answer.pk)}"],
                    )
                    for answer in self.answers
                ],
            )
            for row in self.rows
        ]

    def cells(self) -> dict[tuple[int | None, int], dict]:
        """The cleaned cells, keyed as `figures_grid_save` wants them."""
        data = self.cleaned_data
        return {
            (row and row.pk, answer.pk): {
                "value": data[f"value_{_key(row and row.pk, answer.pk)}"],
                "provenance": data[f"provenance_{_key(row and row.pk, answer.pk)}"],
                "significance": data[f"significance_{_key(row and row.pk, answer.pk)}"],
            }
            for row in self.rows
            for answer in self.answers
        }

    def add_cell_errors(self, errors: dict[str, list[str]]) -> None:
        """Errors from the service, keyed "<row id>-<answer id>", shown on the cell's value field."""
        for key, messages in errors.items():
            row_id, answer_id = key.split("-")
            self.add_error(f"value_{_key(int(row_id) if row_id else None, int(answer_id))}", messages)


class AnswerInlineForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["label", "label_en", "is_net", "parts", "position"]

    def clean(self):
        cleaned = super().clean()
        parts = cleaned.get("parts")
        if parts and not cleaned.get("is_net"):
            self.add_error("parts", _("Seul un total regroupe d'autres réponses : cochez « total »."))
        if parts and self.instance.pk and any(part.pk == self.instance.pk for part in parts):
            self.add_error("parts", _("Un total ne peut pas se contenir lui-même."))
        return cleaned
