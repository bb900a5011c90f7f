"""The territory pages: the map of France, the profiles of a region or a department, and their reports.

Every count here starts from `Case.objects.published()`, so no draft ever shades the map or swells a number.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cases.models import Case
from foundation.reference.models import Department, Domain, Impact, Region
from indicators.models import Indicator, IndicatorValue
from observatoire.pages.counts import case_counts, france_map, search_url
from observatoire.pages.france_map import Source, choropleth, number_text, region_map
from observatoire.pages.national import department_heat
from observatoire.pages.pdf import pdf_response
from observatoire.territories.charts import priority_chart
from observatoire.territories.profile import GAP, positions_for, territory_profile
from observatoire.territories.territory import Territory
from observatoire.territories.wording import RANK_CONVENTION, period_text
from surveys.queries import figures_for_region

REGION_LATEST = 8
TERRITORY_CODE = re.compile(r"[0-9][0-9ABab][0-9]?")


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
        return _("aucune valeur")
    common = Counter(reading.period for reading in readings.values()).most_common(1)[0][0]
    others = [
        _("%(name)s : %(period)s") % {"name": names[code], "period": period_text(reading.period)}
        for code, reading in readings.items()
        if reading.period != common
    ]
    return f"{period_text(common)} ({', '.join(others)})" if others else period_text(common)


def indicator_map(indicator: Indicator, niveau: str):
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
    france = choropleth(
        territories,
        values,
        url,
        departments=departments,
        unit=indicator.unit,
        title=(_("%(name)s, par département") if departments else _("%(name)s, par région")) % {"name": indicator.name},
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


def map_choice(request: HttpRequest, indicators: list[Indicator]) -> tuple[Indicator | None, str, str]:
    """The indicator and level asked for in the query string, and the reason when one of them is unknown."""
    slug = request.GET.get("indicateur", "")
    niveau = request.GET.get("niveau", "") or "region"
    if niveau not in MAP_LEVELS:
        return (
            None,
            "region",
            _("Niveau inconnu : « %(niveau)s ». Choisissez « région » ou « département ».") % {"niveau": niveau},
        )
    if not slug:
        return None, niveau, ""
    indicator = next((indicator for indicator in indicators if indicator.slug == slug), None)
    if indicator is None:
        return (
            None,
            niveau,
            _("Indicateur inconnu : « %(slug)s ». Choisissez un indicateur dans la liste.") % {"slug": slug},
        )
    return indicator, niveau, ""


@require_safe
def territories(request: HttpRequest) -> HttpResponse:
    """The map of France: published cases per region by default, or any official indicator by region or
    department, chosen through a plain form (no script needed). An unknown choice is a 400 that says why."""
    indicators = list(Indicator.objects.all())
    indicator, niveau, error = map_choice(request, indicators)
    context = {"indicators": indicators, "indicator": indicator, "niveau": niveau, "error": error}
    impacts = list(Impact.objects.all())
    impact = next((term for term in impacts if term.slug == request.GET.get("impact")), None)
    if request.GET.get("impact") and impact is None and not error:
        unknown = _("Impact inconnu : « %(slug)s ». Choisissez un impact dans la liste.") % {
            "slug": request.GET["impact"]
        }
        error = context["error"] = unknown
    context |= {"impacts": impacts, "impact": impact}
    if indicator is None:
        # "Cartographier les impacts": the cases that state the chosen impact, region by region.
        stating = Case.objects.published().filter(observed_impacts__impact=impact) if impact else None
        counts = case_counts("regions", stating, f"impact:{impact.slug}" if impact else "all")
        regions = [(region, counts.get(region.code, 0)) for region in Region.objects.all()]
        context |= {"map": france_map(counts), "regions": regions}
    else:
        context["map"], context["rows"] = indicator_map(indicator, niveau)
    return render(request, "pages/territories.html", context, status=400 if error else 200)


def territory_or_404(model, code: str) -> Territory:
    """A region or a department by its INSEE code; anything that cannot be one is a 404, not a query."""
    if not TERRITORY_CODE.fullmatch(code):
        raise Http404(_("Code de territoire inconnu."))
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
    domain_counts = case_counts("domains", cases, scope=scope)
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
        department_counts = case_counts("departments", cases, scope=scope)
        context |= {
            "region": region,
            "map": region_map(
                region, departments, department_counts, lambda department: search_url(department=department)
            ),
            "departments": [(department, department_counts.get(department.code, 0)) for department in departments],
        }
        context["heat_indicators"], context["heat_rows"] = department_heat(departments)
    return render(request, "pages/territory.html", context)


@require_safe
def territory(request: HttpRequest, code: str) -> HttpResponse:
    """A region's profile: its indicators, its fragilities objective and perceived, its alliances."""
    return _profile_page(request, territory_or_404(Region, code))


@require_safe
def department(request: HttpRequest, code: str) -> HttpResponse:
    """A department's profile, the same as a region's, among the departments."""
    return _profile_page(request, territory_or_404(Department, code))


def _report(request: HttpRequest, territory: Territory, *, pdf: bool) -> HttpResponse:
    context = _profile_context(territory) | {
        "pdf": pdf,
        "base_template": "pages/report_pdf_base.html" if pdf else "base.html",
    }
    if not pdf:
        return render(request, "pages/territory_report.html", context)
    # The same file name in both languages; the storage keeps one PDF per language (territories.pdf).
    filename = f"rapport-{'region' if territory.is_region else 'departement'}-{territory.code}.pdf"
    return pdf_response(request, filename, "pages/territory_report.html", context)


@require_safe
def territory_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, territory_or_404(Region, code), pdf=False)


@require_safe
def territory_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, territory_or_404(Region, code), pdf=True)


@require_safe
def department_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, territory_or_404(Department, code), pdf=False)


@require_safe
def department_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, territory_or_404(Department, code), pdf=True)
