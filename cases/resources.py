"""Import and export of cases as CSV and XLSX (django-import-export).

Every row is validated like a form: model validation (`full_clean`), and tags and territories must name
existing terms — an unknown slug or INSEE code is an error of that row and column, never silently
dropped; a slug given twice is an error of the later row. A change of `status` follows the workflow
and needs the permission to publish, as everywhere else (`Case.check_move`): a new case starts as a
draft. Imports run in a transaction, so a file with any error writes nothing (foundation.imports).
"""

import json

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch
from django_countries import countries
from import_export import fields, resources, widgets

from cases.models import WRITABLE_FIELDS, Case, CaseImpact
from foundation.imports import StrictImportMixin
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

SEPARATOR = "|"


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Like ManyToManyWidget, but an unknown value is an error instead of being ignored."""

    def __init__(self, model, field: str):
        super().__init__(model, separator=SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        wanted = [item.strip() for item in str(value).split(self.separator) if item.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        known = {str(getattr(obj, self.field)) for obj in found}
        unknown = [item for item in wanted if item not in known]
        if unknown:
            raise ValueError(f"Valeur(s) inconnue(s) : {', '.join(unknown)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(str(getattr(item, self.field)) for item in value.all())


class StrictBooleanWidget(widgets.BooleanWidget):
    TRUE = {"1", "true", "vrai", "oui", "yes"}
    FALSE = {"", "0", "false", "faux", "non", "no"}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"« {value} » n'est pas un booléen (oui / non).")


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            return int(float(text))
        except ValueError:
            raise ValueError(f"« {value} » n'est pas une année.") from None


# The keys of an observed impact in the `impacts` column, with their value when left out.
IMPACT_DEFAULTS = {
    "impact": None,
    "evidence": "",
    "evidence_url": "",
    "evidence_document": None,
    "formal_evaluation": False,
    "evaluation_url": "",
    "evaluation_document": None,
}


def impacts_of(case: Case, observed_impacts=None) -> list[dict]:
    """A case's observed impacts (or `observed_impacts`, read beforehand) as the `impacts` column writes
    them (documents by their id)."""
    return [
        {
            "impact": observed.impact.slug,
            "evidence": observed.evidence,
            "evidence_url": observed.evidence_url,
            "evidence_document": observed.evidence_document_id,
            "formal_evaluation": observed.formal_evaluation,
            "evaluation_url": observed.evaluation_url,
            "evaluation_document": observed.evaluation_document_id,
        }
        for observed in (case.observed_impacts.all() if observed_impacts is None else observed_impacts)
    ]


class ImpactsWidget(widgets.Widget):
    """The observed impacts as a JSON list of objects (keys of IMPACT_DEFAULTS), validated item by item."""

    def clean(self, value, row=None, **kwargs) -> list[dict]:
        text = str(value if value is not None else "").strip()
        if not text:
            return []
        try:
            items = json.loads(text)
        except ValueError:
            raise ValueError("Les impacts s'écrivent en JSON : une liste d'objets.") from None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise ValueError("Les impacts s'écrivent en JSON : une liste d'objets.")
        known = set(Impact.objects.values_list("slug", flat=True))
        cleaned = []
        for item in items:
            unknown = set(item) - set(IMPACT_DEFAULTS)
            if unknown:
                raise ValueError(f"Clé(s) inconnue(s) : {', '.join(sorted(unknown))}.")
            if item.get("impact") not in known:
                raise ValueError(f"Impact inconnu : « {item.get('impact')} ».")
            if not str(item.get("evidence") or "").strip():
                raise ValueError(f"L'impact « {item['impact']} » n'a pas ce qui l'atteste (evidence).")
            if not isinstance(item.get("formal_evaluation", False), bool):
                raise ValueError("formal_evaluation vaut true ou false.")
            for key in ("evidence_url", "evaluation_url"):
                if item.get(key):
                    try:
                        URLValidator()(item[key])
                    except ValidationError:
                        raise ValueError(f"« {item[key]} » n'est pas une adresse web.") from None
            cleaned.append({key: item.get(key, default) for key, default in IMPACT_DEFAULTS.items()})
        if len({item["impact"] for item in cleaned}) != len(cleaned):
            raise ValueError("Un impact figure deux fois.")
        return cleaned

    def render(self, value, obj=None, **kwargs) -> str:
        return json.dumps(value, ensure_ascii=False) if value else ""


def _m2m(column: str, model, field: str) -> fields.Field:
    return fields.Field(column_name=column, attribute=column, widget=StrictManyToManyWidget(model, field))


class CountryWidget(widgets.Widget):
    """An ISO 3166 code, in either case; an empty cell is France, the default."""

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip().upper() or "FR"
        if code not in countries:
            raise ValueError(f"« {value} » n'est pas un code de pays ISO 3166 (par exemple FR, BE, MA).")
        return code

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class CaseResource(StrictImportMixin, resources.ModelResource):
    """Columns of the case file; tags are slugs and territories INSEE codes, separated by "|"."""

    domains = _m2m("domains", Domain, "slug")
    partnership_types = _m2m("partnership_types", PartnershipType, "slug")
    engagement_practices = _m2m("engagement_practices", EngagementPractice, "slug")
    dynamics = _m2m("dynamics", CollectiveDynamic, "slug")
    regions = _m2m("regions", Region, "code")
    departments = _m2m("departments", Department, "code")
    sdgs = _m2m("sdgs", SustainableDevelopmentGoal, "number")
    impacts = fields.Field(attribute="stated_impacts", column_name="impacts", widget=ImpactsWidget())
    is_fictitious = fields.Field(attribute="is_fictitious", column_name="is_fictitious", widget=StrictBooleanWidget())
    start_year = fields.Field(attribute="start_year", column_name="start_year", widget=YearWidget())
    end_year = fields.Field(attribute="end_year", column_name="end_year", widget=YearWidget())
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    # Optional English text: a spreadsheet's empty cell (None) is an empty text, never a NULL.
    title_en = fields.Field(attribute="title_en", column_name="title_en", widget=widgets.CharWidget())
    summary_en = fields.Field(attribute="summary_en", column_name="summary_en", widget=widgets.CharWidget())

    class Meta:
        model = Case
        import_id_fields = ["slug"]
        fields = list(WRITABLE_FIELDS)
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_or_init_instance(self, instance_loader, row):
        slug = str(row.get("slug") or "").strip()
        if slug:
            self.claim_key(slug, column="slug", what=f"Le slug « {slug} »")
        return super().get_or_init_instance(instance_loader, row)

    def import_instance(self, instance, row, **kwargs):
        """Validate the many-to-many columns and the status with the others, so errors name row and column."""
        errors = {}
        before = Case(status=instance.status)  # a new case is a draft
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "status" in row and instance.status in Case.Status.values:
            try:
                before.check_move(instance.status, user=kwargs.get("user"))
            except ValidationError as error:
                errors["status"] = error
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if "impacts" in row and "impacts" not in errors:
            try:
                impacts = self.fields["impacts"].clean(row)
            except ValueError as error:
                errors["impacts"] = ValidationError(str(error), code="invalid")
            else:
                self._check_documents(instance, impacts, errors)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _check_documents(instance: Case, impacts: list[dict], errors: dict) -> None:
        documents = set(instance.documents.values_list("pk", flat=True)) if instance.pk else set()
        for item in impacts:
            for key in ("evidence_document", "evaluation_document"):
                if item[key] is not None and item[key] not in documents:
                    errors["impacts"] = ValidationError(f"Le document {item[key]} n'est pas un document de ce cas.")
            if not item["formal_evaluation"] and (item["evaluation_url"] or item["evaluation_document"]):
                errors["impacts"] = ValidationError(
                    f"« {item['impact']} » : un rapport d'évaluation est donné, formal_evaluation doit valoir true."
                )

    def dehydrate_impacts(self, case: Case) -> str:
        # The API's CSV and the open data read them for a whole chunk at once (cases.api.export).
        impacts = case.export_impacts if hasattr(case, "export_impacts") else impacts_of(case)
        return self.fields["impacts"].widget.render(impacts)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        if "impacts" in row and original.pk is not None:
            if self.fields["impacts"].clean(row) != impacts_of(original):
                return False
        elif "impacts" in row and self.fields["impacts"].clean(row):
            return False
        # The impacts are compared above; the parent compares the other columns (its own comparison of
        # `stated_impacts`, an attribute only the imported instance has, is left out).
        impacts, self.fields["impacts"].attribute = self.fields["impacts"].attribute, None
        try:
            return super().skip_row(instance, original, row, import_validation_errors)
        finally:
            self.fields["impacts"].attribute = impacts

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if "impacts" not in row:
            return
        impacts = self.fields["impacts"].clean(row)
        if impacts == impacts_of(instance):
            return
        instance.observed_impacts.all().delete()
        slugs = dict(Impact.objects.values_list("slug", "pk"))
        for item in impacts:
            values = {key: value for key, value in item.items() if key != "impact"}
            values = {f"{key}_id" if key.endswith("_document") else key: value for key, value in values.items()}
            CaseImpact.objects.create(case=instance, impact_id=slugs[item["impact"]], **values)

    def before_save_instance(self, instance, row, **kwargs):
        instance.date_publication()

    def get_export_queryset(self, request=None):
        return Case.objects.prefetch_related(
            "domains",
            "partnership_types",
            "engagement_practices",
            "dynamics",
            "regions",
            "departments",
            "sdgs",
            Prefetch("observed_impacts", queryset=CaseImpact.objects.select_related("impact")),
        )
