"""`{% load impacts %}`: the published cases by observed impact, for a territory's profile or the whole
country (`templates/pages/_profile_impacts.html`)."""

from urllib.parse import urlencode

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from cases.models import Case
from foundation.reference.models import Impact

register = template.Library()


@register.simple_tag
def impact_counts(territory=None) -> list[tuple[str, list[dict]]]:
    """Per impact family, each kind with its number of published cases (one query) and its search link.

    `territory` is anything with `cases()` (its published cases), `search_param` and `code`; without it,
    the counts are the whole base's."""
    cases = territory.cases() if territory is not None else Case.objects.published()
    counted = Count("observations__case", filter=Q(observations__case__in=cases.values("pk")), distinct=True)
    groups: dict[str, list[dict]] = {}
    labels = dict(Impact.Family.choices)
    for impact in Impact.objects.annotate(n=counted):
        params = {"impact": impact.slug}
        if territory is not None:
            params[territory.search_param] = territory.code
        url = f"{reverse('cases:list')}?{urlencode(params)}"
        groups.setdefault(labels[impact.family], []).append({"impact": impact, "count": impact.n, "url": url})
    return list(groups.items())
