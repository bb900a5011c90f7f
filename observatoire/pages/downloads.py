"""What the territory pages offer to download: the CSV of the table each shows (the source's digits, not the
rounded ones of the page); the charts to take away are in chart_views."""

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from foundation.reference.models import Department, Region
from foundation.spreadsheets import neutralise
from indicators.models import Indicator, IndicatorValue
from indicators.resources import printed_value
from observatoire.pages.national import department_heat
from observatoire.pages.territories import MAP_LEVELS, indicator_map, map_choice, territory_or_404
from observatoire.territories.profile import positions_for, territory_profile
from observatoire.territories.territory import Territory
from surveys.queries import perceived_fragility

PROFILE_COLUMNS = [
    "indicateur",
    "valeur",
    "unite",
    "periode",
    "valeur_du_departement",
    "rang_de_fragilite",
    "territoires_classes",
    "reference_nationale",
    "niveau_de_reference",
    "source",
    "licence",
]

MAP_COLUMNS = [
    "code",
    "territoire",
    "valeur",
    "unite",
    "periode",
    "valeur_du_departement",
    "rang_de_fragilite",
    "territoires_classes",
]


def csv_response(rows: list[list], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise("" if cell is None else cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _profile_csv(territory: Territory) -> HttpResponse:
    profile = territory_profile(territory)
    rows = [PROFILE_COLUMNS]
    for item in profile.indicators:
        reading, reference = item.reading, (item.references[0] if item.references else None)
        rows.append(
            [
                item.indicator.slug,
                printed_value(reading.value) if reading else "",
                item.indicator.unit,
                reading.period if reading else "",
                reading.department if reading else "",
                item.rank,
                item.peers if item.rank else "",
                printed_value(reference.reading.value) if reference else "",
                reference.label if reference else "",
                (reading.source if reading and reading.source else item.indicator.producer),
                item.indicator.licence,
            ]
        )
    return csv_response(rows, f"profil-{'region' if territory.is_region else 'departement'}-{territory.code}.csv")


def _territory_view(model, answer):
    @require_safe
    def view(request: HttpRequest, code: str) -> HttpResponse:
        return answer(territory_or_404(model, code))

    return view


region_csv = _territory_view(Region, _profile_csv)
department_csv = _territory_view(Department, _profile_csv)


@require_safe
def map_csv(request: HttpRequest) -> HttpResponse:
    """The table under an indicator's map, as CSV: the values as the source prints them."""
    indicator, niveau, error = map_choice(request, list(Indicator.objects.all()))
    if indicator is None:
        return HttpResponse(
            error or _("Choisissez un indicateur."), status=400, content_type="text/plain; charset=utf-8"
        )
    _map, rows = indicator_map(indicator, niveau)
    readings = positions_for(MAP_LEVELS[niveau]).readings.get(indicator.pk, {})
    table = [MAP_COLUMNS]
    for row in rows:
        reading = readings.get(row.code)
        table.append(
            [
                row.code,
                row.name,
                printed_value(reading.value) if reading else "",
                indicator.unit,
                reading.period if reading else "",
                row.department,
                row.rank,
                row.peers if row.rank else "",
            ]
        )
    return csv_response(table, f"carte-{indicator.slug}-{niveau}.csv")


FRANCE_COLUMNS = [
    "code_region",
    "region",
    "domaine",
    "position_objective",
    "rang_de_fragilite",
    "regions_classees",
    "position_partielle",
    "indicateurs_utilises",
    "indicateurs_du_domaine",
    "perception_nationale_sur_10",
]


@require_safe
def france_csv(request: HttpRequest) -> HttpResponse:
    """The national view's and report's table of regions × domains, one row per region and domain: the
    position unrounded, the national perception as the survey prints it."""
    positions = positions_for(IndicatorValue.Level.REGION)
    perception = perceived_fragility(None)
    perceived = {domain_id: found.cell for domain_id, found in perception.domains.items()} if perception else {}
    rows = [FRANCE_COLUMNS]
    for region in Region.objects.all():
        for domain in positions.domains:
            position = positions.domain_position(domain, region.code)
            cell = perceived.get(domain.pk)
            rows.append(
                [
                    region.code,
                    region.name,
                    domain.name,
                    "" if position.score is None else f"{float(position.score):.4f}",
                    position.rank if position.ranked else "",
                    position.peers if position.ranked else "",
                    "oui" if position.partial else "non",
                    len(position.used),
                    len(position.indicators),
                    "" if cell is None or cell.value is None else cell.value,
                ]
            )
    return csv_response(rows, "fragilites-des-regions.csv")


HEAT_COLUMNS = [
    "code_departement",
    "departement",
    "indicateur",
    "valeur",
    "unite",
    "periode",
    "rang_de_fragilite",
    "departements_classes",
    "source",
    "licence",
]


@require_safe
def region_departments_csv(request: HttpRequest, code: str) -> HttpResponse:
    """A region's departments × indicators (the heat table of its profile), one row per department and
    indicator, with the source's digits."""
    territory = territory_or_404(Region, code)
    indicators, heat_rows = department_heat(list(territory.region.departments.all()))
    rows = [HEAT_COLUMNS]
    for department, cells in heat_rows:
        for indicator, cell in zip(indicators, cells, strict=True):
            reading = cell.item.reading
            rows.append(
                [
                    department.code,
                    department.name,
                    indicator.slug,
                    printed_value(reading.value) if reading else "",
                    indicator.unit,
                    reading.period if reading else "",
                    cell.item.rank or "",
                    cell.item.peers if cell.item.rank else "",
                    (reading.source if reading and reading.source else indicator.producer),
                    indicator.licence,
                ]
            )
    return csv_response(rows, f"departements-region-{territory.code}.csv")
