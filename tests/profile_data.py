"""Small indicator data for the method and profile tests, independent of the shipped fixture."""

from decimal import Decimal

from indicators.models import Indicator, IndicatorValue
from observatoire.reference.models import Domain

LICENCE = "Licence Ouverte / Etalab 2.0"


def make_indicator(slug: str, direction: str, domains: list[str], *, position: int = 0, **fields) -> Indicator:
    defaults = {
        "name": slug.replace("-", " ").capitalize(),
        "definition": f"« Définition de {slug} »",
        "unit": "%",
        "producer": "INSEE",
        "source_url": "https://www.insee.fr/fr/statistiques",
        "licence": LICENCE,
    }
    indicator = Indicator.objects.create(slug=slug, direction=direction, position=position, **{**defaults, **fields})
    indicator.domains.set(Domain.objects.filter(slug__in=domains))
    return indicator


def make_values(
    indicator: Indicator, level: str, values: dict[str, str], *, year: int = 2021, period: str = ""
) -> None:
    """`values` maps an INSEE code (or "FR" / "FM" for the national levels) to the value as printed."""
    rows = []
    for code, value in values.items():
        territory = {}
        if level == IndicatorValue.Level.REGION:
            territory = {"region_id": code}
        elif level == IndicatorValue.Level.DEPARTMENT:
            territory = {"department_id": code}
        rows.append(
            IndicatorValue(
                indicator=indicator,
                level=level,
                year=year,
                period=period or str(year),
                value=Decimal(value),
                source=f"{indicator.producer}, tableau de démonstration",
                **territory,
            )
        )
    IndicatorValue.objects.bulk_create(rows)
