"""One FilterSet for `/ressources/` and `/api/v1/resources/`, and the facets computed with it.

Values inside one filter are OR'd, filters AND'd; a facet counts the resources matching every other filter
but not its own, so that each count is what a click on it would give.
"""

import django_filters
from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from foundation.reference.models import SustainableDevelopmentGoal
from resources.models import Audience, Resource
from surveys.models import Programme


class ResourceFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=Resource.Kind.choices, label=_("Nature"), widget=forms.CheckboxSelectMultiple
    )
    audience = django_filters.ModelMultipleChoiceFilter(
        queryset=Audience.objects.all(),
        to_field_name="slug",
        field_name="audiences__slug",
        distinct=True,
        label=_("Public"),
        widget=forms.CheckboxSelectMultiple,
    )
    programme = django_filters.ModelMultipleChoiceFilter(
        queryset=Programme.objects.all(),
        to_field_name="slug",
        field_name="programme__slug",
        label=_("Programme"),
        widget=forms.CheckboxSelectMultiple,
    )
    sdg = django_filters.ModelMultipleChoiceFilter(
        queryset=SustainableDevelopmentGoal.objects.all(),
        field_name="sdgs",
        distinct=True,
        label=_("Objectif de développement durable (numéro)"),
        widget=forms.CheckboxSelectMultiple,
    )
    year = django_filters.MultipleChoiceFilter(
        choices=[(str(year), str(year)) for year in range(2000, 2101)],
        label=_("Année"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resource
        fields = []


# facet name -> (the field its values come from, the field of its label)
FACETS = {
    "kind": ("kind", None),
    "audience": ("audiences__slug", "audiences__name"),
    "programme": ("programme__slug", "programme__name"),
    "sdg": ("sdgs__number", "sdgs__name"),
    "year": ("year", None),
}


def resource_facets(data, queryset: QuerySet) -> dict[str, list[dict]]:
    """For each facet, the count of matching resources per value, with all the other filters applied."""
    kinds = dict(Resource.Kind.choices)
    facets = {}
    for name, (field, label_field) in FACETS.items():
        others = data.copy()
        others.pop(name, None)
        filterset = ResourceFilter(others, queryset=queryset)
        base = filterset.qs if filterset.is_valid() else queryset.none()
        fields = [field] + ([label_field] if label_field else [])
        rows = (
            base.order_by()
            .exclude(**{f"{field}__isnull": True})
            .values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by(field)
        )
        facets[name] = [
            {
                "value": str(row[field]),
                "label": row[label_field] if label_field else kinds.get(row[field], str(row[field])),
                "count": row["count"],
            }
            for row in rows
        ]
    facets["year"].sort(key=lambda item: item["value"], reverse=True)
    return facets
