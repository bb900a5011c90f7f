"""The case FilterSet, shared by the `/cas/` page and `/api/v1/cases/`, and the facet counts.

Values inside one filter are OR'd, filters are AND'd. A facet counts, for each of its values, the
matching cases under every other filter but its own, so that ticking a value never hides its siblings.
"""

from dataclasses import dataclass

import django_filters
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Collate
from django.http import QueryDict

from cases.models import Case, Organization, Participation
from observatoire.cache import cached_by_content
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)
from observatoire.reference.text import normalize


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
    value_field: str  # what the URL carries: slug, INSEE code or organisation kind

    @property
    def join_sql(self) -> str:
        """`… x JOIN … t`: SQL pairing each case (`x.case_id`) with this facet's values (`t.<value_field>`)."""
        if self.case_field is None:
            participations, organizations = Participation._meta.db_table, Organization._meta.db_table
            return f"{participations} x JOIN {organizations} t ON t.id = x.organization_id"
        field = Case._meta.get_field(self.case_field)
        through, term = field.remote_field.through._meta.db_table, self.model._meta
        return f"{through} x JOIN {term.db_table} t ON t.{term.pk.column} = x.{field.m2m_reverse_name()}"


FACETS = [
    Facet("domain", "Domaines de fragilité", "domains", Domain, "slug"),
    Facet("partnership", "Pratiques partenariales", "partnership_types", PartnershipType, "slug"),
    Facet("engagement", "Pratiques d'engagement", "engagement_practices", EngagementPractice, "slug"),
    Facet("dynamic", "Dynamiques collectives territoriales", "dynamics", CollectiveDynamic, "slug"),
    Facet("region", "Régions", "regions", Region, "code"),
    Facet("department", "Départements", "departments", Department, "code"),
    Facet("organization_kind", "Types d'organisation", None, None, "kind"),
]


def case_facets(data: QueryDict, base: QuerySet, *, filterset: "CaseFilter | None" = None) -> dict[str, list[dict]]:
    """For each facet, `{"value", "label", "count"}` per value with at least one case, in vocabulary order.

    The counts of a facet use every filter but the facet's own. The parameters are validated once (pass
    the caller's already validated `filterset` to skip even that); the facets whose own filter is not in
    use share one filtered set and are counted together in a single query, and each facet in use costs
    one more query: a constant number, whatever the data.
    """
    if filterset is None:
        filterset = CaseFilter(data, queryset=base)
    if not filterset.is_valid():
        return {facet.param: [] for facet in FACETS}
    cleaned = filterset.form.cleaned_data
    active = [facet for facet in FACETS if cleaned.get(facet.param)]
    groups: list[tuple[list[Facet], QuerySet]] = [
        ([facet for facet in FACETS if facet not in active], _filtered(filterset, base, exclude=None))
    ]
    groups += [([facet], _filtered(filterset, base, exclude=facet.param)) for facet in active]
    result = {}
    for facets, queryset in groups:
        if facets:
            result.update(_count_facets(facets, queryset))
    return {facet.param: result[facet.param] for facet in FACETS}


def _filtered(filterset: CaseFilter, base: QuerySet, exclude: str | None) -> QuerySet:
    """`base` under every validated filter of `filterset` but `exclude` (and the sort, which counts nothing)."""
    queryset = base
    for name, value in filterset.form.cleaned_data.items():
        if name in {exclude, "sort"} or value in (None, "", [], ()):
            continue
        queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def _facet_sql(facet: Facet) -> str:
    """One branch of the facet query: (facet, value, label, position, count) over the cases in `base`."""
    if facet.case_field is None:
        return (
            f"SELECT '{facet.param}', t.kind, '', 0, COUNT(DISTINCT x.case_id) FROM {facet.join_sql}"
            " WHERE x.case_id IN (SELECT id FROM base) GROUP BY t.kind"
        )
    # A literal in GROUP BY would be read as a column number: only real columns are grouped.
    position, group = ("t.position", ", t.position") if facet.value_field == "slug" else ("0", "")
    return (
        f"SELECT '{facet.param}', t.{facet.value_field}, t.name, {position}, COUNT(*) FROM {facet.join_sql}"
        f" WHERE x.case_id IN (SELECT id FROM base) GROUP BY t.{facet.value_field}, t.name{group}"
    )


KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(Organization.Kind.choices)}


def _count_facets(facets: list[Facet], queryset: QuerySet) -> dict[str, list[dict]]:
    try:
        ids_sql, params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:  # a query of stop words only matches nothing, and Django knows it
        return {facet.param: [] for facet in facets}
    sql = f"WITH base (id) AS ({ids_sql}) " + " UNION ALL ".join(_facet_sql(facet) for facet in facets)
    rows: dict[str, list[tuple]] = {facet.param: [] for facet in facets}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, label, position, count in cursor.fetchall():
            rows[param].append((value, label, position, count))
    return _ordered(facets, rows)


def _ordered(facets: list[Facet], rows: dict[str, list[tuple]]) -> dict[str, list[dict]]:
    """`{"value", "label", "count"}` per value from (value, label, position, count) rows, in facet order."""
    kinds = dict(Organization.Kind.choices)
    result = {}
    for facet in facets:
        if facet.case_field is None:
            ordered = sorted(rows[facet.param], key=lambda row: KIND_ORDER.get(row[0], len(KIND_ORDER)))
            result[facet.param] = [
                {"value": value, "label": kinds.get(value, value), "count": count} for value, _, _, count in ordered
            ]
            continue
        # Vocabularies in their own order, regions by name, departments by code.
        if facet.value_field == "slug":
            ordered = sorted(rows[facet.param], key=lambda row: (row[2], row[1]))
        elif facet.param == "region":
            ordered = sorted(rows[facet.param], key=lambda row: normalize(row[1]))
        else:
            ordered = sorted(rows[facet.param], key=lambda row: row[0])
        result[facet.param] = [{"value": value, "label": label, "count": count} for value, label, _, count in ordered]
    return result


def facet_results(counts: dict[str, list[tuple[str, int]]]) -> dict[str, list[dict]]:
    """Every facet's `{"value", "label", "count"}` list from its (value, count) pairs, labelled and ordered."""
    labels = _facet_labels()
    rows = {
        facet.param: [
            (value, *labels.get((facet.param, value), (value, 0)), count)
            for value, count in counts.get(facet.param, [])
        ]
        for facet in FACETS
    }
    return _ordered(FACETS, rows)


def _facet_labels() -> dict[tuple[str, str], tuple[str, int]]:
    """(param, value) → (label, position) for the vocabularies and territories, in one query."""

    def read() -> dict[tuple[str, str], tuple[str, int]]:
        parts = []
        for facet in FACETS:
            if facet.case_field is None:
                continue
            term = facet.model._meta
            position = "position" if facet.value_field == "slug" else "0"
            parts.append(
                f"SELECT '{facet.param}', {facet.value_field}, name, {position} FROM {term.db_table}"  # noqa: S608
            )
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts))
            return {(param, str(value)): (label, position) for param, value, label, position in cursor.fetchall()}

    return cached_by_content("facet-labels", read)
