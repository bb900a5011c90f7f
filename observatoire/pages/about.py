"""The about pages: what the observatory is, its vocabularies and sources, and the method of the profiles."""

import re
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)
from indicators.models import Indicator
from observatoire.pages.counts import domains_by_group
from observatoire.territories.profile import GAP


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    indicators = list(Indicator.objects.all())
    context = {
        "domain_groups": domains_by_group({}),
        "vocabularies": [
            (_("Pratiques partenariales"), "partnership", PartnershipType.objects.all()),
            (_("Pratiques d'engagement"), "engagement", EngagementPractice.objects.all()),
            (_("Dynamiques collectives territoriales"), "dynamic", CollectiveDynamic.objects.all()),
        ],
        "region_count": Region.objects.count(),
        "department_count": Department.objects.count(),
        "indicators": indicators,
        "producers": _producers(indicators),
    }
    return render(request, "pages/about.html", context)


# The producers the credits name, in this order, with their full names. An indicator is credited to each of
# them that its producer line names ("DREES et Banque de France", "INSEE (Drees, RPPS)"); a producer not
# listed here is credited under the line as its rows give it.
PRODUCERS = {
    "INSEE": "Institut national de la statistique et des études économiques",
    "DREES": "Direction de la recherche, des études, de l'évaluation et des statistiques (ministères sociaux)",
    "SSMSI": "Service statistique ministériel de la sécurité intérieure (ministère de l'Intérieur)",
    "Banque de France": "Banque de France",
}


@dataclass(frozen=True)
class ProducerCredit:
    name: str
    full_name: str
    indicators: list[Indicator]


def _producers(indicators: list[Indicator]) -> list[ProducerCredit]:
    """The credits of the "Sources et licences" section: each producer with the indicators it produced."""
    credited: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        names = [name for name in PRODUCERS if re.search(rf"\b{re.escape(name)}\b", indicator.producer, re.I)]
        for name in names or [indicator.producer]:
            credited.setdefault(name, []).append(indicator)
    order = list(PRODUCERS)
    return [
        ProducerCredit(name, PRODUCERS.get(name, ""), found)
        for name, found in sorted(
            credited.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0])
        )
    ]


@require_safe
def about_indicators(request: HttpRequest) -> HttpResponse:
    """The method of the territorial profiles, and the indicators with their definitions and sources."""
    context = {
        "indicators": Indicator.objects.prefetch_related("domains"),
        "domains_without": Domain.objects.filter(indicators__isnull=True),
        "gap": GAP,
    }
    return render(request, "pages/about_indicators.html", context)
