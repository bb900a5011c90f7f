"""Public pages beside the search: organisations (their directory and their page), collections and the
Sustainable Development Goals.

Only published cases count and show: an organisation is in the directory, and has a page, through its
published cases alone; a collection shows its published cases, in its order.
"""

import django_filters
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cases.models import Case, Collection, CollectionEntry, Organization, Participation
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    EngagementPractice,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)

PAGE_SIZE = 30


class OrganizationFilter(django_filters.FilterSet):
    """The directory's filters: the organisation's own kind and territory, and the collective dynamics and
    practices of its published cases. Values inside a filter are OR'd, filters AND'd."""

    kind = django_filters.MultipleChoiceFilter(choices=Organization.Kind.choices, label=_("Type d'organisation"))
    region = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), field_name="department__region", label=_("Région")
    )
    department = django_filters.ModelMultipleChoiceFilter(queryset=Department.objects.all(), label=_("Département"))
    dynamic = django_filters.ModelMultipleChoiceFilter(
        queryset=CollectiveDynamic.objects.all(),
        to_field_name="slug",
        method="by_cases",
        label=_("Dynamique collective"),
    )
    partnership = django_filters.ModelMultipleChoiceFilter(
        queryset=PartnershipType.objects.all(),
        to_field_name="slug",
        method="by_cases",
        label=_("Pratique partenariale"),
    )
    engagement = django_filters.ModelMultipleChoiceFilter(
        queryset=EngagementPractice.objects.all(),
        to_field_name="slug",
        method="by_cases",
        label=_("Pratique d'engagement"),
    )

    class Meta:
        model = Organization
        fields = []

    CASE_FIELDS = {"dynamic": "dynamics", "partnership": "partnership_types", "engagement": "engagement_practices"}

    def by_cases(self, queryset, name, value):
        if not value:
            return queryset
        cases = Participation.objects.filter(
            organization_id=OuterRef("pk"),
            case__status=Case.Status.PUBLISHED,
            **{f"case__{self.CASE_FIELDS[name]}__in": value},
        )
        return queryset.filter(Exists(cases))

    def without(self, exclude: str) -> QuerySet:
        """The organisations under every valid filter but `exclude` (a facet counts without its own)."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != exclude and value not in (None, "", [], ()):
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def _facets(filterset: OrganizationFilter, data) -> list[dict]:
    """Each facet's values with the number of organisations they would give, one query per facet."""
    facets = []
    kinds = dict(Organization.Kind.choices)
    found = dict(filterset.without("kind").order_by().values_list("kind").annotate(n=Count("pk")))
    facets.append(
        (
            "kind",
            _("Types d'organisation"),
            [(kind, label, found[kind]) for kind, label in kinds.items() if kind in found],
        )
    )
    for param, label, model, organization in [
        ("region", _("Régions"), Region, "departments__organization"),
        ("department", _("Départements"), Department, "organization"),
    ]:
        ids = filterset.without(param).values("pk")
        counted = Count(organization, filter=Q(**{f"{organization}__in": ids}), distinct=True)
        terms = model.objects.annotate(n=counted).filter(n__gt=0)
        facets.append((param, label, [(term.code, str(term), term.n) for term in terms]))
    for param, label, model in [
        ("dynamic", _("Dynamiques collectives de leurs cas"), CollectiveDynamic),
        ("partnership", _("Pratiques partenariales de leurs cas"), PartnershipType),
        ("engagement", "Pratiques d'engagement de leurs cas", EngagementPractice),
    ]:
        ids = filterset.without(param).values("pk")
        organization = "case__participations__organization"
        published = Q(case__status=Case.Status.PUBLISHED, **{f"{organization}__in": ids})
        terms = model.objects.annotate(n=Count(organization, filter=published, distinct=True)).filter(n__gt=0)
        facets.append((param, label, [(term.slug, term.name, term.n) for term in terms]))
    chosen = {param: data.getlist(param) for param, _label, _values in facets}
    return [
        {
            "param": param,
            "label": label,
            "values": [
                {"value": str(value), "label": name, "count": count, "selected": str(value) in chosen[param]}
                for value, name, count in values
            ],
        }
        for param, label, values in facets
    ]


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganizationFilter(request.GET, queryset=Organization.objects.public().select_related("department"))
    if not filterset.is_valid():
        return render(
            request,
            "cases/organization_list.html",
            {"errors": filterset.errors, "facets": [], "page": None, "filterset": filterset},
            status=400,
        )
    page = Paginator(filterset.qs.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {
        "filterset": filterset,
        "facets": _facets(filterset, request.GET),
        "page": page,
        "state": kept.urlencode(),
        "errors": {},
    }
    return render(request, "cases/organization_list.html", context)


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.public().select_related("department__region"), slug=slug)
    participations = list(
        organization.participations.filter(case__status=Case.Status.PUBLISHED)
        .select_related("case")
        .order_by("case__title", "role")
    )
    cases: dict[int, dict] = {}
    for participation in participations:
        entry = cases.setdefault(participation.case_id, {"case": participation.case, "roles": []})
        entry["roles"].append(participation.get_role_display())
    return render(
        request, "cases/organization_detail.html", {"organization": organization, "cases": list(cases.values())}
    )


@require_safe
def collection_list(request: HttpRequest) -> HttpResponse:
    published = Case.objects.published()
    collections = Collection.objects.published().annotate(
        n=Count("entries", filter=Q(entries__case__in=published.values("pk")))
    )
    return render(request, "cases/collection_list.html", {"collections": collections})


@require_safe
def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entries = CollectionEntry.objects.filter(case__status=Case.Status.PUBLISHED).select_related("case")
    collection = get_object_or_404(
        Collection.objects.published()
        .select_related("region", "department")
        .prefetch_related(Prefetch("entries", queryset=entries.order_by("position", "pk"), to_attr="shown")),
        slug=slug,
    )
    return render(request, "cases/collection_detail.html", {"collection": collection})


@require_safe
def sdg_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = SustainableDevelopmentGoal.objects.filter(number=number).first()
    if goal is None:
        raise Http404("Il y a 17 objectifs de développement durable.")
    cases = goal.cases.published().card_fields().order_by("title", "pk")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/sdg_detail.html", {"goal": goal, "page": page})
