"""Import and export of cases as CSV and XLSX (django-import-export).

Every row is validated like a form: model validation (`full_clean`), and tags and territories must name
existing terms — an unknown slug or INSEE code is an error of that row and column, never silently
dropped; a slug given twice is an error of the later row. A change of `status` follows the workflow
and needs the permission to publish, as everywhere else (`Case.check_move`): a new case starts as a
draft. Imports run in a transaction, so a file with any error writes nothing (observatoire.imports).
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from cases.models import Case
from observatoire.imports import StrictImportMixin
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
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


def _m2m(column: str, model, field: str) -> fields.Field:
    return fields.Field(column_name=column, attribute=column, widget=StrictManyToManyWidget(model, field))


class CaseResource(StrictImportMixin, resources.ModelResource):
    """Columns of the case file; tags are slugs and territories INSEE codes, separated by "|"."""

    domains = _m2m("domains", Domain, "slug")
    partnership_types = _m2m("partnership_types", PartnershipType, "slug")
    engagement_practices = _m2m("engagement_practices", EngagementPractice, "slug")
    dynamics = _m2m("dynamics", CollectiveDynamic, "slug")
    regions = _m2m("regions", Region, "code")
    departments = _m2m("departments", Department, "code")
    is_fictitious = fields.Field(attribute="is_fictitious", column_name="is_fictitious", widget=StrictBooleanWidget())
    start_year = fields.Field(attribute="start_year", column_name="start_year", widget=YearWidget())
    end_year = fields.Field(attribute="end_year", column_name="end_year", widget=YearWidget())

    class Meta:
        model = Case
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "outcomes",
            "start_year",
            "end_year",
            "scale",
            "place",
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
        ]
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
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.date_publication()

    def get_export_queryset(self, request=None):
        return Case.objects.prefetch_related(
            "domains", "partnership_types", "engagement_practices", "dynamics", "regions", "departments"
        )
