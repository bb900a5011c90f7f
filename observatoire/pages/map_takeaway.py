"""An indicator's map as people take it away, like the priorities chart (observatoire.territories.takeaway):
an SVG file drawn with its own colours (no stylesheet travels with a file), its legend, its title, source
line and licence inside the image; the CSV of its table (observatoire.pages.downloads.map_csv); an embed
page; its metadata as JSON."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from foundation.licences import ETALAB
from foundation.svg import FONT_FAMILY, INK, MUTED, SMALL, WIDTH, chars_fitting, text_element, text_lines, wrap
from indicators.models import Indicator
from observatoire.pages.france_map import NO_VALUE, FranceMap

# The stylesheet's shades (static/css/site.css, `.shade-N`), written into the file itself.
SHADES = {"shade-1": "#fde725", "shade-2": "#5ec962", "shade-3": "#21918c", "shade-4": "#3b528b", "shade-5": "#440154"}
HATCH = "url(#carte-fichier-hachures)"
SWATCH = 14


def _fill(css: str) -> str:
    return HATCH if css == NO_VALUE else SHADES.get(css, "#f4f5f7")


def map_chart(france: FranceMap) -> SafeString:
    """The choropleth at the charts' width, its legend under it; every colour an attribute."""
    x0, y0, width, height = (float(part) for part in france.view_box.split())
    map_height = WIDTH * height / width
    shapes = "".join(
        f'<path fill="{_fill(area.css)}" d="{escape(area.d)}"><title>{escape(area.title)}</title></path>'
        for area in france.areas
    )
    outlines = "".join(f'<path d="{escape(area.outline)}"/>' for area in france.areas if area.outline)
    outlines += "".join(f'<path d="{escape(border)}"/>' for border in france.borders)
    tiles = "".join(
        f'<rect fill="{_fill(area.css)}" x="{area.tile[0]}" y="{area.tile[1]}" width="{france.tile_size}" '
        f'height="{france.tile_size}" rx="6" stroke="#ffffff"><title>{escape(area.title)}</title></rect>'
        f'<text x="{area.tile[0] + 52}" y="{area.tile[1] + 20}" font-size="38" dominant-baseline="central" '
        f'fill="{INK}">{escape(area.name)}</text>'
        for area in france.overseas
    )
    legend, y = text_lines(
        0,
        map_height + 12 + SMALL,
        wrap(_("Légende (%(title)s) :") % {"title": france.legend_title}, chars_fitting(WIDTH, SMALL)),
        size=SMALL,
        font_weight="bold",
    )
    for css, label in france.legend:
        top = y + 6
        legend += (
            f'<rect x="0" y="{top:.1f}" width="{SWATCH}" height="{SWATCH}" fill="{_fill(css)}" stroke="{MUTED}"/>'
            + text_element(SWATCH + 6, top + SWATCH - 2, label, size=SMALL)
        )
        y = top + SWATCH
    total = y + 8
    return mark_safe(  # noqa: S308 — every text and shape above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total:.0f}" width="{WIDTH}" '
        f'height="{total:.0f}" role="img" aria-label="{escape(france.description)}" '
        f'font-family="{escape(FONT_FAMILY)}">'
        f"<title>{escape(france.title)}</title><desc>{escape(france.description)}</desc>"
        '<defs><pattern id="carte-fichier-hachures" patternUnits="userSpaceOnUse" width="10" height="10" '
        'patternTransform="rotate(45)"><rect width="10" height="10" fill="#f1f2f4"/>'
        '<line x1="0" y1="0" x2="0" y2="10" stroke="#5f6878" stroke-width="3"/></pattern></defs>'
        f'<svg x="0" y="0" width="{WIDTH}" height="{map_height:.1f}" viewBox="{france.view_box}">'
        f'<g stroke="#ffffff" stroke-width="1.2" stroke-linejoin="round">{shapes}</g>'
        f'<g fill="none" stroke="{INK}" stroke-width="2.2" stroke-linejoin="round">{outlines}</g>{tiles}</svg>'
        f"{legend}</svg>"
    )


def source_line(france: FranceMap) -> str:
    source = france.source
    table = f", {source.table}" if source.table else ""
    values = {"producer": source.producer, "table": table, "period": source.period, "licence": source.licence}
    return _("Source : %(producer)s%(table)s ; période : %(period)s ; licence : %(licence)s.") % values


def query(indicator: Indicator, niveau: str) -> str:
    return "?" + urlencode({"indicateur": indicator.slug, "niveau": niveau})


def addresses(request: HttpRequest, indicator: Indicator, niveau: str) -> dict[str, str]:
    wanted = query(indicator, niveau)

    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"pages:{name}") + wanted)

    return {
        "page": url("territories"),
        "svg": url("map-svg"),
        "csv": url("map-csv"),
        "metadata": url("map-metadata"),
        "embed": url("map-embed"),
    }


def metadata(request: HttpRequest, indicator: Indicator, niveau: str, france: FranceMap) -> dict:
    source = france.source
    return {
        "title": france.title,
        "indicator": {"slug": indicator.slug, "name": indicator.name, "producer": indicator.producer},
        "level": niveau,
        "source": source_line(france),
        "period": source.period,
        "licence": {
            "name": source.licence,
            "url": ETALAB.url if source.licence == ETALAB.name else None,
            "text": source.licence,
        },
        "base_map": str(france.attribution),
        "units": indicator.unit,
        "classes": _("classes d'effectifs égaux (quantiles) ; un territoire sans valeur dans la source est hachuré"),
        "legend": [label for _css, label in france.legend],
        "source_url": source.url,
        "note": _(
            "Les valeurs du CSV sont celles que la source imprime ; la carte les arrondit comme le site. "
            "Rang de fragilité : 1 = le territoire le plus fragile."
        ),
        **{f"{name}_url": address for name, address in addresses(request, indicator, niveau).items()},
    }
