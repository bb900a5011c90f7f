"""The case FilterSet, shared by the `/cas/` page and `/api/v1/cases/`, and the facet counts.

Values inside one filter are OR'd, filters are AND'd. A facet counts, for each of its values, the
matching cases under every other filter but its own, so that ticking a value never hides its siblings.
"""

from dataclasses import dataclass

import django_filters
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Collate
from django.http import QueryDict

from cases.models import Case, Organization, Participation
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)


class Sort:
    RELEVANCE = "relevance"
    RECENT = "recent"
    TITLE = "title"
    CHOICES = [(RELEVANCE, "Pertinence"), (RECENT, "Les plus récentes"), (TITLE, "Titre (A → Z)")]


def _tagged(field_name: str, values) -> Q:
    """Cases tagged with any of `values` through the many-to-many `field_name`, without duplicates."""
    field = Case._meta.get_field(field_name)
    through = field.remote_field.through
    target_column = field.m2m_reverse_field_name()
    return Exists(through.objects.filter(case_id=OuterRef("pk"), **{f"{target_column}__in": values}))


class TagFilter(django_filters.ModelMultipleChoiceFilter):
    """A repeatable vocabulary or territory filter whose unknown values are a validation error."""

    def __init__(self, *args, case_field: str, **kwargs):
        self.case_field = case_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(_tagged(self.case_field, [item.pk for item in value]))


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Rechercher", max_length=200)
    domain = TagFilter(
        queryset=Domain.objects.all(), to_field_name="slug", case_field="domains", label="Domaine de fragilité"
    )
    partnership = TagFilter(
        queryset=PartnershipType.objects.all(),
        to_field_name="slug",
        case_field="partnership_types",
        label="Pratique partenariale",
    )
    engagement = TagFilter(
        queryset=EngagementPractice.objects.all(),
        to_field_name="slug",
        case_field="engagement_practices",
        label="Pratique d'engagement",
    )
    dynamic = TagFilter(
        queryset=CollectiveDynamic.objects.all(),
        to_field_name="slug",
        case_field="dynamics",
        label="Dynamique collective",
    )
    region = TagFilter(queryset=Region.objects.all(), case_field="regions", label="Région (code INSEE)")
    department = TagFilter(queryset=Department.objects.all(), case_field="departments", label="Département")
    organization_kind = django_filters.MultipleChoiceFilter(
        choices=Organization.Kind.choices, method="filter_organization_kind", label="Type d'organisation"
    )
    year_min = django_filters.NumberFilter(
        method="filter_year_min", label="Active en ou après (année)", min_value=1900, max_value=2100
    )
    year_max = django_filters.NumberFilter(
        method="filter_year_max", label="Active en ou avant (année)", min_value=1900, max_value=2100
    )
    sort = django_filters.ChoiceFilter(choices=Sort.CHOICES, method="filter_sort", label="Trier par", empty_label=None)

    class Meta:
        model = Case
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

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

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in `qs`, once the search has annotated its rank

    @property
    def qs(self):
        queryset = super().qs
        return order_cases(queryset, self.form.cleaned_data.get("sort") or "", bool(self.form.cleaned_data.get("q")))


def order_cases(queryset: QuerySet, sort: str, searched: bool) -> QuerySet:
    if sort == Sort.TITLE:
        # French alphabetical order ("Éducation" before "Santé") where the database knows it.
        title = Collate("title", "fr-x-icu") if connection.vendor == "postgresql" else "title"
        return queryset.order_by(title, "pk")
    if sort == Sort.RECENT or not searched:
        return queryset.order_by("-published_at", "-pk")
    return queryset.order_by("-rank", "-published_at", "-pk")


# --- facets ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    case_field: str | None  # the many-to-many field, or None for organisation kinds
    model: type | None
    value_field: str  # what the URL carries: slug or INSEE code


FACETS = [
    Facet("domain", "Domaines de fragilité", "domains", Domain, "slug"),
    Facet("partnership", "Pratiques partenariales", "partnership_types", PartnershipType, "slug"),
    Facet("engagement", "Pratiques d'engagement", "engagement_practices", EngagementPractice, "slug"),
    Facet("dynamic", "Dynamiques collectives territoriales", "dynamics", CollectiveDynamic, "slug"),
    Facet("region", "Régions", "regions", Region, "code"),
    Facet("department", "Départements", "departments", Department, "code"),
    Facet("organization_kind", "Types d'organisation", None, None, "kind"),
]


def case_facets(data: QueryDict, base: QuerySet) -> dict[str, list[dict]]:
    """For each facet, `{"value", "label", "count"}` per value with at least one case, in vocabulary order.

    The counts of a facet use every filter but the facet's own; facets whose own filter is not in use
    share one filtered set.
    """
    result = {}
    for facet in FACETS:
        others = data.copy()
        others.pop(facet.param, None)
        others.pop("sort", None)
        filterset = CaseFilter(others, queryset=base)
        if not filterset.is_valid():
            result[facet.param] = []
            continue
        ids = filterset.filter_queryset(base).values("pk")
        result[facet.param] = _facet_counts(facet, ids)
    return result


def _facet_counts(facet: Facet, case_ids: QuerySet) -> list[dict]:
    if facet.case_field is None:
        counts = dict(
            Participation.objects.filter(case_id__in=case_ids)
            .values("organization__kind")
            .annotate(n=Count("case_id", distinct=True))
            .values_list("organization__kind", "n")
        )
        return [
            {"value": kind, "label": label, "count": counts[kind]}
            for kind, label in Organization.Kind.choices
            if counts.get(kind)
        ]
    field = Case._meta.get_field(facet.case_field)
    through = field.remote_field.through
    column = field.m2m_reverse_field_name()
    value_path = f"{column}__{facet.value_field}" if facet.value_field != "code" else column
    rows = (
        through.objects.filter(case_id__in=case_ids)
        .values(value_path)
        .annotate(n=Count("case_id"))
        .values_list(value_path, "n")
    )
    counts = dict(rows)
    if not counts:
        return []
    terms = facet.model.objects.filter(**{f"{facet.value_field}__in": counts})
    return [
        {
            "value": getattr(term, facet.value_field),
            "label": term.name,
            "count": counts[getattr(term, facet.value_field)],
        }
        for term in terms
    ]
