"""Pages above both apps: home, territories, domains, about, and what robots read.

Every count here starts from `Case.objects.published()`, so no draft ever shades the map or swells a number.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from cases.models import Case, Participation
from foundation.cache import cached_by_content
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
)
from indicators.models import Indicator, IndicatorValue
from observatoire.pages.france_map import Source, choropleth, number_text, region_map, regions_map
from observatoire.pages.national import department_heat
from observatoire.pages.pdf import pdf_response
from observatoire.territories.charts import priority_chart
from observatoire.territories.profile import (
    GAP,
    RANK_CONVENTION,
    Territory,
    count_values,
    period_text,
    positions_for,
    territory_profile,
)
from surveys.queries import (
    figures_for_domain,
    figures_for_region,
    perception_for_domains,
)

LATEST = 6
REGION_LATEST = 8
TERRITORY_CODE = re.compile(r"[0-9][0-9ABab][0-9]?")


def _search_url(**params) -> str:
    return f"{reverse('cases:list')}?{urlencode(params, doseq=True)}"


def _counts(field_name: str, cases: QuerySet | None = None, scope: str = "all") -> dict[str, int]:
    """Published cases per value of the many-to-many `field_name` (a region code, a domain id, …).

    Counting runs over the whole base, so the result is kept in the shared cache until the content next
    changes; `scope` names the subset of cases in the cache key.
    """
    return cached_by_content(f"counts:{field_name}:{scope}", lambda: _count_values(field_name, cases))


def _count_values(field_name: str, cases: QuerySet | None) -> dict[str, int]:
    return count_values(field_name, Case.objects.published() if cases is None else cases)


def _domains_by_group(counts: dict[int, int]) -> list[tuple[str, list[tuple[Domain, int]]]]:
    groups: dict[str, list[tuple[Domain, int]]] = {label: [] for _value, label in Domain.Group.choices}
    for domain in Domain.objects.all():
        groups[domain.get_group_display()].append((domain, counts.get(domain.pk, 0)))
    return [(label, domains) for label, domains in groups.items() if domains]


def _france(counts: dict[str, int]):
    return regions_map(list(Region.objects.all()), counts, lambda code: reverse("pages:territory", args=[code]))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    published = Case.objects.published()
    numbers = cached_by_content(
        "numbers", lambda: published.aggregate(cases=Count("pk"), fictitious=Count("pk", filter=Q(is_fictitious=True)))
    )
    region_counts = _counts("regions")
    context = {
        "numbers": {
            **numbers,
            "organizations": cached_by_content(
                "organizations",
                lambda: (
                    Participation.objects.filter(case_id__in=published.values("pk"))
                    .values("organization_id")
                    .distinct()
                    .count()
                ),
            ),
            "departments": len(_counts("departments")),
            "regions": len(region_counts),
        },
        "map": _france(region_counts),
        "latest": published.for_cards().order_by("-published_at", "-pk")[:LATEST],
        "domain_groups": _domains_by_group(_counts("domains")),
    }
    return render(request, "pages/home.html", context)


# The map's levels as the query string names them (French, as the URL is), and the values' level for each.
MAP_LEVELS = {"region": IndicatorValue.Level.REGION, "departement": IndicatorValue.Level.DEPARTMENT}


@dataclass(frozen=True)
class MapRow:
    """One territory in the table that says what the choropleth shows."""

    code: str
    name: str
    url: str | None
    value: str  # empty when the source gives none
    rank: int | None  # the rank of fragility, as on the profiles (1 = the most fragile); None for context
    peers: int
    period: str
    department: str = ""  # a single-department region showing its department's value


def _periods_text(readings: dict, names: dict[str, str]) -> str:
    """The period most territories share, and the territories that differ named: "2021 (Mayotte : 2017)"."""
    if not readings:
        return "aucune valeur"
    common = Counter(reading.period for reading in readings.values()).most_common(1)[0][0]
    others = [
        f"{names[code]} : {period_text(reading.period)}"
        for code, reading in readings.items()
        if reading.period != common
    ]
    return f"{period_text(common)} ({', '.join(others)})" if others else period_text(common)


def _indicator_map(indicator: Indicator, niveau: str):
    """The choropleth and its table read the profiles' positions: the same values (a single-department
    region's taken from its department, said so) and the same rank of fragility for each territory."""
    level = MAP_LEVELS[niveau]
    departments = level == IndicatorValue.Level.DEPARTMENT
    territories = list(Department.objects.all() if departments else Region.objects.all())
    names = {territory.code: territory.name for territory in territories}
    positions = positions_for(level)
    readings = {code: reading for code, reading in positions.readings.get(indicator.pk, {}).items() if code in names}
    values = {code: reading.value for code, reading in readings.items()}
    ranks = positions.ranks.get(indicator.pk, {})

    def url(code: str) -> str:
        return reverse("pages:department" if departments else "pages:territory", args=[code])

    source = Source(
        producer=indicator.producer,
        table=indicator.table,
        period=_periods_text(readings, names),
        licence=indicator.licence,
        url=indicator.source_url,
    )
    kind = "département" if departments else "région"
    france = choropleth(
        territories,
        values,
        url,
        departments=departments,
        unit=indicator.unit,
        title=f"{indicator.name}, par {kind}",
        source=source,
    )
    rows = [
        MapRow(
            code=territory.code,
            name=territory.name,
            url=url(territory.code),
            value=number_text(values[territory.code], indicator.unit) if territory.code in values else "",
            rank=ranks.get(territory.code),
            peers=len(values),
            period=period_text(readings[territory.code].period) if territory.code in readings else "",
            department=readings[territory.code].department if territory.code in readings else "",
        )
        for territory in territories
    ]
    return france, rows


def _map_choice(request: HttpRequest, indicators: list[Indicator]) -> tuple[Indicator | None, str, str]:
    """The indicator and level asked for in the query string, and the reason when one of them is unknown."""
    slug = request.GET.get("indicateur", "")
    niveau = request.GET.get("niveau", "") or "region"
    if niveau not in MAP_LEVELS:
        return None, "region", f"Niveau inconnu : « {niveau} ». Choisissez « région » ou « département »."
    if not slug:
        return None, niveau, ""
    indicator = next((indicator for indicator in indicators if indicator.slug == slug), None)
    if indicator is None:
        return None, niveau, f"Indicateur inconnu : « {slug} ». Choisissez un indicateur dans la liste."
    return indicator, niveau, ""


@require_safe
def territories(request: HttpRequest) -> HttpResponse:
    """The map of France: published cases per region by default, or any official indicator by region or
    department, chosen through a plain form (no script needed). An unknown choice is a 400 that says why."""
    indicators = list(Indicator.objects.all())
    indicator, niveau, error = _map_choice(request, indicators)
    context = {"indicators": indicators, "indicator": indicator, "niveau": niveau, "error": error}
    impacts = list(Impact.objects.all())
    impact = next((term for term in impacts if term.slug == request.GET.get("impact")), None)
    if request.GET.get("impact") and impact is None and not error:
        error = context["error"] = f"Impact inconnu : « {request.GET['impact']} ». Choisissez un impact dans la liste."
    context |= {"impacts": impacts, "impact": impact}
    if indicator is None:
        # "Cartographier les impacts": the cases that state the chosen impact, region by region.
        stating = Case.objects.published().filter(observed_impacts__impact=impact) if impact else None
        counts = _counts("regions", stating, f"impact:{impact.slug}" if impact else "all")
        regions = [(region, counts.get(region.code, 0)) for region in Region.objects.all()]
        context |= {"map": _france(counts), "regions": regions}
    else:
        context["map"], context["rows"] = _indicator_map(indicator, niveau)
    return render(request, "pages/territories.html", context, status=400 if error else 200)


def _territory_or_404(model, code: str) -> Territory:
    """A region or a department by its INSEE code; anything that cannot be one is a 404, not a query."""
    if not TERRITORY_CODE.fullmatch(code):
        raise Http404("Code de territoire inconnu.")
    if model is Region:
        return Territory.of_region(get_object_or_404(Region, code=code.upper()))
    return Territory.of_department(get_object_or_404(Department.objects.select_related("region"), code=code.upper()))


def _profile_context(territory: Territory) -> dict:
    profile = territory_profile(territory)
    return {
        "territory": territory,
        "profile": profile,
        "priority_chart": priority_chart(profile),
        "gap": GAP,
        "rank_convention": RANK_CONVENTION,
    }


def _profile_page(request: HttpRequest, territory: Territory) -> HttpResponse:
    context = _profile_context(territory)
    cases = territory.cases()
    scope = f"{territory.level}-{territory.code}"
    domain_counts = _counts("domains", cases, scope=scope)
    context |= {
        "count": context["profile"].case_count,
        "domains": sorted(
            ((domain, domain_counts[domain.pk]) for domain in Domain.objects.filter(pk__in=domain_counts)),
            key=lambda item: -item[1],
        ),
        "latest": cases.for_cards().order_by("-published_at", "-pk")[:REGION_LATEST],
        "search_url": territory.search_url(),
        "region_figures": figures_for_region(territory.region),
    }
    if territory.is_region:
        region = territory.region
        departments = list(region.departments.all())
        department_counts = _counts("departments", cases, scope=scope)
        context |= {
            "region": region,
            "map": region_map(
                region, departments, department_counts, lambda department: _search_url(department=department)
            ),
            "departments": [(department, department_counts.get(department.code, 0)) for department in departments],
        }
        context["heat_indicators"], context["heat_rows"] = department_heat(departments)
    return render(request, "pages/territory.html", context)


@require_safe
def territory(request: HttpRequest, code: str) -> HttpResponse:
    """A region's profile: its indicators, its fragilities objective and perceived, its alliances."""
    return _profile_page(request, _territory_or_404(Region, code))


@require_safe
def department(request: HttpRequest, code: str) -> HttpResponse:
    """A department's profile, the same as a region's, among the departments."""
    return _profile_page(request, _territory_or_404(Department, code))


def _report(request: HttpRequest, territory: Territory, *, pdf: bool) -> HttpResponse:
    context = _profile_context(territory) | {
        "pdf": pdf,
        "base_template": "pages/report_pdf_base.html" if pdf else "base.html",
    }
    if not pdf:
        return render(request, "pages/territory_report.html", context)
    filename = f"rapport-{territory.kind_label.replace('é', 'e')}-{territory.code}.pdf"
    return pdf_response(request, filename, "pages/territory_report.html", context)


@require_safe
def territory_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Region, code), pdf=False)


@require_safe
def territory_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Region, code), pdf=True)


@require_safe
def department_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Department, code), pdf=False)


@require_safe
def department_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Department, code), pdf=True)


@require_safe
def domains(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/domains.html", {"domain_groups": _domains_by_group(_counts("domains"))})


@require_safe
def domain(request: HttpRequest, slug: str) -> HttpResponse:
    domain = get_object_or_404(Domain, slug=slug)
    tagged = Case.objects.published().filter(domains=domain)
    region_counts = _counts("regions", tagged, scope=f"domain-{domain.slug}")
    france = regions_map(
        list(Region.objects.all()),
        region_counts,
        lambda code: _search_url(domain=domain.slug, region=code),
        title=f"Études de cas du domaine « {domain.name} » par région",
    )
    context = {
        "domain": domain,
        "count": cached_by_content(f"count:domain-{domain.slug}", tagged.count),
        "map": france,
        "latest": tagged.for_cards().order_by("-published_at", "-pk")[:LATEST],
        "search_url": _search_url(domain=domain.slug),
        "siblings": Domain.objects.filter(group=domain.group).exclude(pk=domain.pk),
        "domain_figures": figures_for_domain(domain),
    }
    return render(request, "pages/domain.html", context)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    indicators = list(Indicator.objects.all())
    context = {
        "domain_groups": _domains_by_group({}),
        "vocabularies": [
            ("Pratiques partenariales", "partnership", PartnershipType.objects.all()),
            ("Pratiques d'engagement", "engagement", EngagementPractice.objects.all()),
            ("Dynamiques collectives territoriales", "dynamic", CollectiveDynamic.objects.all()),
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


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Searches are endless combinations of filters: robots get the sitemap instead."""
    sitemap = request.build_absolute_uri(reverse("pages:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /cas/?", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def case_perception(case: Case) -> SafeString:
    """The case page's panel: how the public perceives the fragility of the case's domains."""
    domains = sorted(domain.pk for domain in case.domains.all())

    def render() -> SafeString:
        perception = perception_for_domains(case.domains.all())
        # A chart without a single readable value would draw an empty 1–10 scale: one sentence says so instead.
        readable = perception is not None and any(not cell.missing for _row, cells in perception.rows for cell in cells)
        return render_to_string("surveys/_case_perception.html", {"perception": perception, "readable": readable})

    # The panel depends on the domains alone: a few combinations, shared by thousands of cases.
    return cached_by_content(f"case-perception:{','.join(map(str, domains))}", render)
