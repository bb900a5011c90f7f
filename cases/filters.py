"""The case search's parameters, declared once: `CaseFilter` validates them for `/cas/`, `/api/v1/cases/`
and the feeds, documents them in the OpenAPI schema, and `cases.search` executes them.

Values inside one filter are OR'd, filters are AND'd. The filters other than the words (`q`) and the order
(`sort`) also filter a queryset through the ORM, which the SQLite search uses; the words and the order are
applied by the search engine alone.
"""

import django_filters
from django import forms
from django.db.models import Exists, ManyToManyRel, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import ModelMultipleChoiceField, MultipleChoiceField
from drf_spectacular.utils import extend_schema_field

from cases.collection import Collection
from cases.models import Case, Organization, Participation
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
from foundation.text import without_control_characters


class Sort:
    RELEVANCE = "relevance"
    RECENT = "recent"
    TITLE = "title"
    CHOICES = [(RELEVANCE, _("Pertinence")), (RECENT, _("Les plus récentes")), (TITLE, _("Titre (A → Z)"))]


def _tagged(field_name: str, values) -> Q:
    """Cases tagged with any of `values` through the many-to-many `field_name`, without duplicates."""
    field = Case._meta.get_field(field_name)
    if isinstance(field, ManyToManyRel):  # declared on the other side (a collection's cases)
        through, target_column = field.through, field.field.m2m_field_name()
    else:
        through, target_column = field.remote_field.through, field.m2m_reverse_field_name()
    return Exists(through.objects.filter(case_id=OuterRef("pk"), **{f"{target_column}__in": values}))


class TagField(ModelMultipleChoiceField):
    """django-filter's field, whose value left empty cleans to an empty list (as a chosen value cleans to a
    list of terms) rather than to an empty queryset that the filter would then have to evaluate."""

    def clean(self, value):
        if not value and not self.required:
            return []
        return super().clean(value)


class TagFilter(django_filters.ModelMultipleChoiceFilter):
    """A repeatable vocabulary or territory filter whose unknown values are a validation error."""

    field_class = TagField

    def __init__(self, *args, case_field: str, **kwargs):
        self.case_field = case_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(_tagged(self.case_field, [item.pk for item in value]))


class SearchTextField(forms.CharField):
    """Search words without control characters: a stray one must not change or break the search."""

    def to_python(self, value):
        return without_control_characters(super().to_python(value))


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class CountryField(MultipleChoiceField):
    """ISO 3166 codes, in either case (`fr` is `FR`)."""

    def to_python(self, value):
        return [code.upper() for code in super().to_python(value) if code]  # `country=` is no filter


# The schema lists the codes: a code outside ISO 3166 is a documented 400, not a valid request.
@extend_schema_field({"type": "string", "enum": [code for code, _name in countries]})
class CountryFilter(django_filters.MultipleChoiceFilter):
    field_class = CountryField


class CaseFilter(django_filters.FilterSet):
    q = SearchTextFilter(method="filter_by_engine", label=_("Rechercher"), max_length=200)
    domain = TagFilter(
        queryset=Domain.objects.all(), to_field_name="slug", case_field="domains", label=_("Domaine de fragilité")
    )
    partnership = TagFilter(
        queryset=PartnershipType.objects.all(),
        to_field_name="slug",
        case_field="partnership_types",
        label=_("Pratique partenariale"),
    )
    engagement = TagFilter(
        queryset=EngagementPractice.objects.all(),
        to_field_name="slug",
        case_field="engagement_practices",
        label=_("Pratique d'engagement"),
    )
    dynamic = TagFilter(
        queryset=CollectiveDynamic.objects.all(),
        to_field_name="slug",
        case_field="dynamics",
        label=_("Dynamique collective"),
    )
    region = TagFilter(queryset=Region.objects.all(), case_field="regions", label=_("Région (code INSEE)"))
    department = TagFilter(queryset=Department.objects.all(), case_field="departments", label=_("Département"))
    organization_kind = django_filters.MultipleChoiceFilter(
        choices=Organization.Kind.choices, method="filter_organization_kind", label=_("Type d'organisation")
    )
    impact = TagFilter(
        queryset=Impact.objects.all(), to_field_name="slug", case_field="impacts", label=_("Impact observé")
    )
    sdg = TagFilter(
        queryset=SustainableDevelopmentGoal.objects.all(),
        case_field="sdgs",
        label=_("Objectif de développement durable (numéro)"),
    )
    collection = TagFilter(
        queryset=Collection.objects.published(), to_field_name="slug", case_field="collections", label="Collection"
    )
    country = CountryFilter(
        field_name="country", choices=lambda: list(countries), distinct=False, label=_("Pays (code ISO 3166 : FR)")
    )
    year_min = django_filters.NumberFilter(
        method="filter_year_min", label=_("Active en ou après (année)"), min_value=1900, max_value=2100
    )
    year_max = django_filters.NumberFilter(
        method="filter_year_max", label=_("Active en ou avant (année)"), min_value=1900, max_value=2100
    )
    sort = django_filters.ChoiceFilter(
        choices=Sort.CHOICES, method="filter_by_engine", label=_("Trier par"), empty_label=None
    )

    class Meta:
        model = Case
        fields = []

    def filter_by_engine(self, queryset, name, value):
        return queryset  # the words and the order are the search engine's (cases.search)

    def filter_organization_kind(self, queryset, name, value):
        if not value:
            return queryset
        participations = Participation.objects.filter(case_id=OuterRef("pk"), organization__kind__in=value)
        return queryset.filter(Exists(participations))

    def filter_year_min(self, queryset, name, value):
        # A case is active from its start year to its end year (or only its start year when open).
        return queryset.annotate(_last_year=Coalesce("end_year", "start_year")).filter(_last_year__gte=value)

    def filter_year_max(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)


ENGINE_PARAMS = {"q", "sort"}


def filtered(filterset: CaseFilter, base: QuerySet, exclude: str | None = None) -> QuerySet:
    """`base` under every validated filter of `filterset` but the words, the order and `exclude`."""
    queryset = base
    for name, value in filterset.form.cleaned_data.items():
        if name in ENGINE_PARAMS or name == exclude or value in (None, "", [], ()):
            continue
        queryset = filterset.filters[name].filter(queryset, value)
    return queryset
