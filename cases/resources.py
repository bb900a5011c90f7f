"""Import and export of cases as CSV and XLSX (django-import-export).

Every row is validated like a form: model validation (`full_clean`), and tags and territories must name
existing terms — an unknown slug or INSEE code is an error of that row and column, never silently
dropped. Imports run in a transaction, so a file with any error writes nothing.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from import_export import fields, resources, widgets

from cases.models import Case
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


class CaseResource(resources.ModelResource):
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

    def import_data(self, dataset, **kwargs):
        """All or nothing: a single invalid row rolls back the whole file."""
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Validate the many-to-many columns with the others, so their errors name row and column."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.status == Case.Status.PUBLISHED and instance.published_at is None:
            instance.published_at = timezone.now()

    def get_export_queryset(self, request=None):
        return Case.objects.prefetch_related(
            "domains", "partnership_types", "engagement_practices", "dynamics", "regions", "departments"
        )
