"""The national view (`/territoires/france/`) and the national report with its PDF: every region's objective
fragility position in the 16 domains beside the national perception, and the alliances at work nationally."""

import math
from dataclasses import dataclass
from fractions import Fraction

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from foundation.reference.models import Domain, Region
from indicators.method import DomainPosition, IndicatorPosition
from indicators.models import Indicator, IndicatorValue
from observatoire.pages.pdf import pdf_response
from observatoire.territories.alliances import national_alliances
from observatoire.territories.profile import positions_for
from observatoire.territories.wording import ordinal
from surveys.presentation import Cell
from surveys.queries import perceived_fragility

HEAT_CLASSES = 5  # the heat table's shades: 0–20, 20–40, … 80–100 on the percentile scale


@dataclass(frozen=True)
class HeatCell:
    """A region's objective position in one domain, as the national view's heat table shows it."""

    position: DomainPosition
    url: str

    @property
    def shade(self) -> str:
        score = self.position.score
        return "heat-none" if score is None else f"heat-{min(HEAT_CLASSES, 1 + int(score * HEAT_CLASSES // 100))}"

    @property
    def rank_text(self) -> str:
        return ordinal(self.position.rank, feminine=True) if self.position.rank else ""

    @property
    def score_text(self) -> str:
        # Half up (62.5 → 63), as a reader rounds, not Python's half to even.
        return "" if self.position.score is None else str(math.floor(self.position.score + Fraction(1, 2)))


@dataclass(frozen=True)
class DomainColumn:
    """A domain in the national view: its official indicators, its most fragile regions, how the public
    perceives it nationally."""

    domain: Domain
    indicators: list[Indicator]
    most_fragile: list[Region]
    perceived: Cell | None
    perceived_rank: int | None


def _perceived_ranks(cells: dict[int, Cell]) -> dict[int, int]:
    """1 for the domain the public rates the most fragile; equal scores share a rank."""
    scores = {domain: cell.value for domain, cell in cells.items() if cell.value is not None}
    return {domain: 1 + sum(1 for other in scores.values() if other > score) for domain, score in scores.items()}


def _france_context() -> dict:
    positions = positions_for(IndicatorValue.Level.REGION)  # the profiles' cached positions
    regions = list(Region.objects.all())
    rows = [
        (
            region,
            [
                HeatCell(positions.domain_position(domain, region.code), reverse("pages:territory", args=[region.code]))
                for domain in positions.domains
            ],
        )
        for region in regions
    ]
    perception = perceived_fragility(None)  # the whole ("Ensemble"): the national figure of each domain
    perceived = {domain_id: found.cell for domain_id, found in perception.domains.items()} if perception else {}
    perceived_ranks = _perceived_ranks(perceived)
    by_code = {region.code: region for region in regions}
    columns = []
    for domain in positions.domains:
        ranks = sorted(positions.score_ranks.get(domain.pk, {}).items(), key=lambda item: item[1])
        columns.append(
            DomainColumn(
                domain=domain,
                indicators=positions.domain_indicators.get(domain.pk, []),
                most_fragile=[by_code[code] for code, rank in ranks if rank <= 3],
                perceived=perceived.get(domain.pk),
                perceived_rank=perceived_ranks.get(domain.pk),
            )
        )
    return {
        "rows": rows,
        "columns": columns,
        "perception": perception,
        "with_indicators": sum(1 for column in columns if column.indicators),
        "positions": positions,
    }


@require_safe
def france(request: HttpRequest) -> HttpResponse:
    """The national view: every region's objective fragility position in each of the 16 domains (the method
    of `indicators.method`, regions among regions), beside how the public perceives each domain nationally."""
    return render(request, "pages/france.html", _france_context())


def _france_report(request: HttpRequest, *, pdf: bool) -> HttpResponse:
    """The national report: the national view's tables, the alliances at work nationally, an "En bref" and
    the sources, as a printable page and its PDF."""
    context = _france_context()
    groups, case_count = national_alliances()
    columns = context["columns"]
    indicators = context["positions"].indicators
    by_licence: dict[str, set[str]] = {}
    for indicator in indicators:
        by_licence.setdefault(indicator.licence, set()).add(indicator.producer)
    context |= {
        "pdf": pdf,
        "base_template": "pages/report_pdf_base.html" if pdf else "base.html",
        "perceived_first": sorted(
            (column for column in columns if column.perceived_rank), key=lambda column: column.perceived_rank
        )[:3],
        "profile": {"alliances": groups, "case_count": case_count},
        "territory": {"in_name": _("en France")},
        "producers": " ; ".join(
            f"{', '.join(sorted(names))} — {licence}" for licence, names in sorted(by_licence.items())
        ),
    }
    if not pdf:
        return render(request, "pages/france_report.html", context)
    return pdf_response(request, "rapport-national.pdf", "pages/france_report.html", context)


@require_safe
def france_report(request: HttpRequest) -> HttpResponse:
    return _france_report(request, pdf=False)


@require_safe
def france_report_pdf(request: HttpRequest) -> HttpResponse:
    return _france_report(request, pdf=True)


@dataclass(frozen=True)
class IndicatorHeat:
    """A department's value of one indicator in its region's heat table, shaded by its percentile rank among
    all departments (the colour repeats what the rank written in the cell says)."""

    item: IndicatorPosition

    @property
    def shade(self) -> str:
        found = self.item.percentile
        return "heat-none" if found is None else f"heat-{min(HEAT_CLASSES, 1 + int(found * HEAT_CLASSES // 100))}"


def department_heat(departments: list) -> tuple[list[Indicator], list[tuple]]:
    """A region's departments × the fragility indicators that have department values, from the cached
    positions of the departments: no query per department or indicator."""
    positions = positions_for(IndicatorValue.Level.DEPARTMENT)
    indicators = [
        indicator
        for indicator in positions.indicators
        if indicator.direction != Indicator.Direction.CONTEXT and positions.readings.get(indicator.pk)
    ]
    rows = [
        (
            department,
            [IndicatorHeat(positions.indicator_position(indicator, department.code)) for indicator in indicators],
        )
        for department in departments
    ]
    return indicators, rows
