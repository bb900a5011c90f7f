"""The territory charts to take away: each profile's priorities chart and each indicator's map as an SVG file
(title, source line and licence inside), the CSV of what it draws, its metadata as JSON and an embed page
(`…/integrer/`, no site chrome, framable as CHART_EMBED_FRAME_ANCESTORS says, as the survey charts'). What
each file holds is written in observatoire.territories.takeaway and observatoire.pages.map_takeaway."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from foundation.reference.models import Department, Region
from indicators.models import Indicator
from observatoire.pages import map_takeaway
from observatoire.pages.downloads import csv_response
from observatoire.pages.territories import indicator_map, map_choice, territory_or_404
from observatoire.territories import takeaway
from observatoire.territories.charts import priority_chart
from observatoire.territories.profile import territory_profile
from observatoire.territories.territory import Territory
from surveys import charts
from surveys.takeaway import framable, iframe

JSON = {"json_dumps_params": {"ensure_ascii": False}}


def _file_name(territory: Territory) -> str:
    return f"fragilites-prioritaires-{'region' if territory.is_region else 'departement'}-{territory.code}"


def _svg(content: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    response.headers["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _priorities_svg(request: HttpRequest, territory: Territory) -> HttpResponse:
    return _svg(takeaway.svg_file(request, territory_profile(territory)), f"{_file_name(territory)}.svg")


def _priorities_csv(request: HttpRequest, territory: Territory) -> HttpResponse:
    return csv_response(takeaway.csv_rows(territory_profile(territory)), f"{_file_name(territory)}.csv")


def _priorities_metadata(request: HttpRequest, territory: Territory) -> HttpResponse:
    return JsonResponse(takeaway.metadata(request, territory_profile(territory)), **JSON)


def _priorities_embed(request: HttpRequest, territory: Territory) -> HttpResponse:
    profile = territory_profile(territory)
    drawn = priority_chart(profile)
    context = {
        "title": takeaway.title(territory),
        "drawn": drawn,
        "notes": takeaway.source_lines(profile),
        "page_url": takeaway.addresses(request, territory)["page"],
    }
    return framable(render(request, "pages/chart_embed.html", context))


def _territory_view(model, answer, *, embed: bool = False):
    @require_safe
    def view(request: HttpRequest, code: str) -> HttpResponse:
        return answer(request, territory_or_404(model, code))

    return xframe_options_exempt(view) if embed else view


region_priorities_svg = _territory_view(Region, _priorities_svg)
department_priorities_svg = _territory_view(Department, _priorities_svg)
region_priorities_csv = _territory_view(Region, _priorities_csv)
department_priorities_csv = _territory_view(Department, _priorities_csv)
region_priorities_metadata = _territory_view(Region, _priorities_metadata)
department_priorities_metadata = _territory_view(Department, _priorities_metadata)
region_priorities_embed = _territory_view(Region, _priorities_embed, embed=True)
department_priorities_embed = _territory_view(Department, _priorities_embed, embed=True)


def priorities_iframe(request: HttpRequest, territory: Territory, drawn: str) -> str:
    """The `<iframe>` of a profile's chart, for the profile page to show."""
    return iframe(
        takeaway.addresses(request, territory)["embed"], takeaway.title(territory), charts.chart_height(drawn)
    )


# The map of an indicator ----------------------------------------------------------------------------------------


def _map(request: HttpRequest):
    """The indicator map asked for in the query string, or the 400 that says why there is none."""
    indicator, niveau, error = map_choice(request, list(Indicator.objects.all()))
    if indicator is None:
        message = error or _("Choisissez un indicateur (?indicateur=…&niveau=region ou departement).")
        return None, HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    france, _rows = indicator_map(indicator, niveau)
    return (indicator, niveau, france), None


def map_notes(request: HttpRequest, indicator: Indicator, niveau: str, france) -> list[str]:
    page = map_takeaway.addresses(request, indicator, niveau)["page"]
    return [map_takeaway.source_line(france), str(france.attribution), page]


@require_safe
def map_svg(request: HttpRequest) -> HttpResponse:
    found, refused = _map(request)
    if refused:
        return refused
    indicator, niveau, france = found
    content = charts.standalone(
        map_takeaway.map_chart(france), title=france.title, notes=map_notes(request, indicator, niveau, france)
    )
    return _svg(content, f"carte-{indicator.slug}-{niveau}.svg")


@require_safe
def map_metadata(request: HttpRequest) -> HttpResponse:
    found, refused = _map(request)
    if refused:
        return JsonResponse({"detail": refused.content.decode()}, status=400, **JSON)
    indicator, niveau, france = found
    return JsonResponse(map_takeaway.metadata(request, indicator, niveau, france), **JSON)


@require_safe
@xframe_options_exempt
def map_embed(request: HttpRequest) -> HttpResponse:
    found, refused = _map(request)
    if refused:
        return refused
    indicator, niveau, france = found
    context = {
        "title": france.title,
        "drawn": map_takeaway.map_chart(france),
        "notes": map_notes(request, indicator, niveau, france)[:2],
        "page_url": map_takeaway.addresses(request, indicator, niveau)["page"],
    }
    return framable(render(request, "pages/chart_embed.html", context))


def map_iframe(request: HttpRequest, indicator: Indicator, niveau: str, france) -> str:
    drawn = map_takeaway.map_chart(france)
    return iframe(map_takeaway.addresses(request, indicator, niveau)["embed"], france.title, charts.chart_height(drawn))
