"""Import and export of figures in one long format, as CSV or XLSX (django-import-export).

One line per figure, columns `study, question, row, answer, segment, value, unit, provenance,
significance, base`:

- `study` is the study's slug, `question` the question's slug within it; `row`, `answer` and `segment` are
  labels exactly as the curators entered them (`row` is empty for a single-choice question);
- `value` is a number with a dot or a comma ("6.4", "6,4"), empty when the figure is missing;
- `unit` repeats the question's unit (`percent` or `mean`) so that a file read alone says what it holds;
- `provenance` is `read`, `derived` or `missing`; `significance` is empty, `higher` or `lower`;
- `base` is the number of people or organisations the figure represents, in units (50200000), or empty.

Every line is validated like a form and an unknown name is an error of its line and column; a figure
given twice is an error of the later line. The import runs in one transaction: a file with any error
writes nothing (foundation.imports). The API's CSV (`/api/v1/figures/?format=csv`)
is written by this resource, so a downloaded file imports back unchanged.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from foundation.imports import StrictImportMixin, cell_text
from surveys.models import Answer, Figure, Provenance, Question, Row, Segment, Significance, Study, canonical_value

COLUMNS = ["study", "question", "row", "answer", "segment", "value", "unit", "provenance", "significance", "base"]
KEY_COLUMNS = COLUMNS[:5]


class ValueWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace(",", ".").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"« {value} » n'est pas un nombre.") from None
        if not number.is_finite():
            raise ValueError(f"« {value} » n'est pas un nombre.")
        if number.as_tuple().exponent < -2:
            raise ValueError(f"« {value} » a plus de deux décimales.")
        return number


class BaseWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"« {value} » n'est pas un effectif (un nombre entier, en unités).")
        return int(text)


class ChoiceWidget(widgets.Widget):
    """A code among the model's choices; anything else is an error that lists the codes."""

    def __init__(self, choices):
        self.codes = [code for code, _label in choices]
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if text not in self.codes:
            allowed = ", ".join(code or "(vide)" for code in self.codes)
            raise ValueError(f"« {text} » n'est pas une valeur permise ({allowed}).")
        return text


class FigureResource(StrictImportMixin, resources.ModelResource):
    study = fields.Field(column_name="study")
    question = fields.Field(column_name="question")
    row = fields.Field(column_name="row")
    answer = fields.Field(column_name="answer")
    segment = fields.Field(column_name="segment")
    value = fields.Field(attribute="value", column_name="value", widget=ValueWidget())
    unit = fields.Field(column_name="unit")
    provenance = fields.Field(attribute="provenance", column_name="provenance", widget=ChoiceWidget(Provenance.choices))
    significance = fields.Field(
        attribute="significance", column_name="significance", widget=ChoiceWidget(Significance.choices)
    )
    base = fields.Field(attribute="base", column_name="base", widget=BaseWidget())

    class Meta:
        model = Figure
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = KEY_COLUMNS
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    # Import: names → objects, looked up in memory (a handful of queries whatever the file's length) --------

    def before_import(self, dataset, **kwargs):
        self._studies = {study.slug: study for study in Study.objects.all()}
        self._questions = {
            (question.study_id, question.slug): question for question in Question.objects.select_related("study")
        }
        self._rows = {(row.question_id, row.label): row for row in Row.objects.all()}
        self._answers = {(answer.question_id, answer.label): answer for answer in Answer.objects.all()}
        self._segments = {(segment.study_id, segment.label): segment for segment in Segment.objects.all()}

    def _resolve(self, line) -> tuple[dict, dict]:
        """The objects a line names, and an error per column whose name is unknown."""
        found: dict = {}
        errors: dict[str, str] = {}
        slug = cell_text(line.get("study"))
        study = self._studies.get(slug)
        if study is None:
            return found, {"study": f"Étude inconnue : « {slug} »."}
        code = cell_text(line.get("question"))
        question = self._questions.get((study.pk, code))
        if question is None:
            return found, {"question": f"Question inconnue dans l'étude {study.slug} : « {code} »."}
        found["question"] = question
        label = cell_text(line.get("row"))
        found["row"] = self._rows.get((question.pk, label)) if label else None
        if label and found["row"] is None:
            errors["row"] = f"Ligne inconnue dans la question {code} : « {label} »."
        label = cell_text(line.get("answer"))
        found["answer"] = self._answers.get((question.pk, label))
        if found["answer"] is None:
            errors["answer"] = f"Réponse inconnue dans la question {code} : « {label} »."
        label = cell_text(line.get("segment"))
        found["segment"] = self._segments.get((study.pk, label))
        if found["segment"] is None:
            errors["segment"] = f"Segment inconnu dans l'étude {study.slug} : « {label} »."
        return found, errors

    def get_or_init_instance(self, instance_loader, row):
        found, errors = self._resolve(row)
        if errors:
            figure = Figure()
            figure._key_errors = errors
            return figure, True
        key = (found["question"].pk, found["row"] and found["row"].pk, found["answer"].pk, found["segment"].pk)
        self.claim_key(key, what="Ce chiffre")
        figure = Figure.objects.filter(
            question=found["question"], row=found["row"], answer=found["answer"], segment=found["segment"]
        ).first()
        if figure is not None:
            return figure, False
        return Figure(**found), True

    def import_instance(self, instance, row, **kwargs):
        errors = {name: ValidationError(message) for name, message in getattr(instance, "_key_errors", {}).items()}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.question_id and cell_text(row.get("unit")) != instance.question.unit:
            errors["unit"] = ValidationError(
                f"« {cell_text(row.get('unit'))} » n'est pas l'unité de la question ({instance.question.unit})."
            )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if getattr(instance, "_key_errors", None):
            # Without its question, row, answer and segment the figure cannot be checked any further.
            raise ValidationError(import_validation_errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    # Export: the same names the import reads ------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return queryset.in_source_order()

    def dehydrate_study(self, figure: Figure) -> str:
        return figure.question.study.slug if figure.question_id else ""

    def dehydrate_question(self, figure: Figure) -> str:
        return figure.question.slug if figure.question_id else ""

    def dehydrate_row(self, figure: Figure) -> str:
        return figure.row.label if figure.row_id else ""

    def dehydrate_answer(self, figure: Figure) -> str:
        return figure.answer.label if figure.answer_id else ""

    def dehydrate_segment(self, figure: Figure) -> str:
        return figure.segment.label if figure.segment_id else ""

    def dehydrate_value(self, figure: Figure):
        if figure.value is None or not figure.question_id:
            return ""
        return canonical_value(figure.value, figure.question.unit)

    def dehydrate_unit(self, figure: Figure) -> str:
        return figure.question.unit if figure.question_id else ""

    def dehydrate_base(self, figure: Figure):
        return "" if figure.base is None else figure.base
