"""Import and export of indicator values in one long format, as CSV or XLSX (django-import-export).

One line per value, the columns of the shipped file (fixtures/indicators/indicators.csv) plus an optional
`note`: `indicator, territory_level, insee_code, year, value, unit, source, source_url, licence, period, note`.

- `indicator` is the indicator's slug; `territory_level` is `region`, `department`, `france` or
  `metropole`; `insee_code` is the INSEE code of the region or department, `FR` for France entière and
  `FM` for France métropolitaine;
- `value` is a number with a decimal point, at most seven decimals ("28.4", "4.1555000"). A value the
  source does not give has no line at all: an empty value is an error, never a zero;
- `year` is an integer, the year `period` begins with (`2023` for the school year `2023-2024`), or the
  year a range of several years ends with (`2023` for land consumed over `2009-2023`, a millésime);
- `unit`, `source_url` and `licence` repeat the indicator's own, so that a file read alone says what it
  holds; a line that disagrees with its indicator is an error;
- a line is identified by (indicator, level, code, period): importing it again updates it in place.

Every line is validated like a form and an unknown name is an error of its line and column. The import
runs in one transaction: a file with any error writes nothing. The API's CSV
(`/api/v1/indicator-values/?format=csv`) is written by this resource, so a downloaded file imports back
unchanged.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from foundation.imports import StrictImportMixin, cell_text
from foundation.reference.models import Department, Region
from indicators.models import Indicator, IndicatorValue

COLUMNS = [
    "indicator",
    "territory_level",
    "insee_code",
    "year",
    "value",
    "unit",
    "source",
    "source_url",
    "licence",
    "period",
    "note",
]
KEY_COLUMNS = ["indicator", "territory_level", "insee_code", "period"]
# Columns that repeat the indicator's own description: checked on import, written from the indicator.
INDICATOR_COLUMNS = {"unit": "l'unité", "source_url": "l'adresse de la source", "licence": "la licence"}
NATIONAL_CODES = {IndicatorValue.Level.FRANCE: "FR", IndicatorValue.Level.METROPOLE: "FM"}
DECIMALS = 7
TERRITORY_FIELDS = ["indicator", "region", "department"]


def printed_value(value: Decimal) -> str:
    """A stored value as the file writes it: no trailing zeros, no exponent (28.4000000 → "28.4")."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class ValueWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError(
                "La valeur est vide : une valeur que la source ne donne pas n'a pas de ligne dans le fichier."
            )
        if "," in text:
            raise ValueError(f"« {text} » : le séparateur décimal est le point (28.4), pas la virgule.")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"« {text} » n'est pas un nombre.") from None
        if not number.is_finite():
            raise ValueError(f"« {text} » n'est pas un nombre.")
        if number.as_tuple().exponent < -DECIMALS:
            raise ValueError(f"« {text} » a plus de {DECIMALS} décimales.")
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else printed_value(value)


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text.isdigit() or len(text) != 4:
            raise ValueError(f"« {text} » n'est pas une année (un nombre entier de quatre chiffres).")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return value or ""


def _text(column: str) -> fields.Field:
    return fields.Field(attribute=column, column_name=column, widget=TextWidget())


def _year_matches(year: int, period: str) -> bool:
    """A school year (`2023-2024`) is dated by its first year, a range of several years (`2009-2023`) by its last."""
    if found := re.fullmatch(r"(\d{4})-(\d{4})", period):
        start, end = int(found[1]), int(found[2])
        return year == (end if end - start > 1 else start)
    return period.startswith(str(year))


class IndicatorValueResource(StrictImportMixin, resources.ModelResource):
    indicator = fields.Field(column_name="indicator")
    territory_level = fields.Field(column_name="territory_level")
    insee_code = fields.Field(column_name="insee_code")
    year = fields.Field(attribute="year", column_name="year", widget=YearWidget())
    value = fields.Field(attribute="value", column_name="value", widget=ValueWidget())
    unit = fields.Field(column_name="unit")
    source = _text("source")
    source_url = fields.Field(column_name="source_url")
    licence = fields.Field(column_name="licence")
    period = _text("period")
    note = _text("note")

    class Meta:
        model = IndicatorValue
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = KEY_COLUMNS
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    # Import: names → objects, looked up in memory (a handful of queries whatever the file's length) --------

    def before_import(self, dataset, **kwargs):
        self._indicators = {indicator.slug: indicator for indicator in Indicator.objects.all()}
        self._territories = {
            IndicatorValue.Level.REGION: set(Region.objects.values_list("code", flat=True)),
            IndicatorValue.Level.DEPARTMENT: set(Department.objects.values_list("code", flat=True)),
        }
        self._existing = {
            (value.indicator_id, value.level, value.territory_code, value.period): value
            for value in IndicatorValue.objects.all()
        }

    def _resolve(self, line) -> tuple[dict, dict]:
        """The indicator and territory a line names, and an error per column whose name is unknown."""
        found: dict = {}
        errors: dict[str, str] = {}
        slug = cell_text(line.get("indicator"))
        found["indicator"] = self._indicators.get(slug)
        if found["indicator"] is None:
            errors["indicator"] = f"Indicateur inconnu : « {slug} »."
        level = cell_text(line.get("territory_level"))
        code = cell_text(line.get("insee_code"))
        if level not in IndicatorValue.Level.values:
            allowed = ", ".join(IndicatorValue.Level.values)
            errors["territory_level"] = f"« {level} » n'est pas un niveau permis ({allowed})."
            return found, errors
        found["level"] = level
        if level in NATIONAL_CODES:
            if code != NATIONAL_CODES[level]:
                errors["insee_code"] = f"Le code du niveau {level} est {NATIONAL_CODES[level]}, pas « {code} »."
        elif code not in self._territories[level]:
            kind = "région" if level == IndicatorValue.Level.REGION else "département"
            errors["insee_code"] = f"Code INSEE de {kind} inconnu : « {code} »."
        else:
            found[level] = code
        return found, errors

    def get_or_init_instance(self, instance_loader, row):
        found, errors = self._resolve(row)
        if errors:
            value = IndicatorValue()
            value._key_errors = errors
            return value, True
        indicator = found["indicator"]
        code = found.get("region") or found.get("department") or NATIONAL_CODES[found["level"]]
        key = (indicator.pk, found["level"], code, cell_text(row.get("period")))
        self.claim_key(key, what="Cette valeur")
        existing = self._existing.get(key)
        if existing is not None:
            existing.indicator = indicator
            return existing, False
        return (
            IndicatorValue(
                indicator=indicator,
                level=found["level"],
                region_id=found.get("region"),
                department_id=found.get("department"),
            ),
            True,
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {name: ValidationError(message) for name, message in getattr(instance, "_key_errors", {}).items()}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.indicator_id:
            for column, label in INDICATOR_COLUMNS.items():
                # The file holds the French source text, whatever the page's language.
                given, expected = cell_text(row.get(column)), instance.indicator.source_text(column)
                if given != expected:
                    errors[column] = ValidationError(
                        f"« {given} » n'est pas {label} de l'indicateur {instance.indicator.slug} ({expected})."
                    )
        if instance.year is not None and not _year_matches(instance.year, instance.period):
            errors["year"] = ValidationError(
                f"L'année {instance.year} n'est pas celle par laquelle commence la période « {instance.period} »."
            )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if getattr(instance, "_key_errors", None):
            # Without its indicator and territory the value cannot be checked any further.
            raise ValidationError(import_validation_errors)
        errors = dict(import_validation_errors or {})
        try:
            # Checked without a query per line: the indicator and the territory were found among the existing
            # ones, the key was looked up in memory (one value per indicator, territory and period), and the
            # territory was set from the level. The database enforces all of it all the same.
            instance.full_clean(exclude=[*errors, *TERRITORY_FIELDS], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # Export: the same names the import reads ------------------------------------------------------------------

    def get_export_queryset(self, request=None):
        return IndicatorValue.objects.select_related("indicator")

    def dehydrate_indicator(self, value: IndicatorValue) -> str:
        return value.indicator.slug if value.indicator_id else ""

    def dehydrate_territory_level(self, value: IndicatorValue) -> str:
        return value.level

    def dehydrate_insee_code(self, value: IndicatorValue) -> str:
        return value.territory_code if value.level else ""

    def dehydrate_unit(self, value: IndicatorValue) -> str:
        return value.indicator.source_text("unit") if value.indicator_id else ""

    def dehydrate_source_url(self, value: IndicatorValue) -> str:
        return value.indicator.source_url if value.indicator_id else ""

    def dehydrate_licence(self, value: IndicatorValue) -> str:
        return value.indicator.licence if value.indicator_id else ""
