"""Small indicator data for the method and profile tests, independent of the shipped fixture."""

from decimal import Decimal

from foundation.reference.models import Domain
from indicators.models import Indicator, IndicatorValue

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


# Five regions; the others (1, 2, 3, 4) are the same on every indicator, Auvergne-Rhône-Alpes (84) moves.
PEERS = {"11": "1", "53": "2", "32": "3", "75": "4"}
# domain → (direction, value of 84): 84's percentile rank is 100, 87.5, 75, 62.5, 25 and 0 in turn, so its
# domains run education, santé, transition, sécurité, niveau de vie, emploi — the reverse of the national
# perception of IMPACT-Citoyens 2019 (emploi 6.4, niveau de vie 6.3, sécurité 6.0, transition 5.9,
# santé 5.8, éducation 5.6).
PRIORITY_EXAMPLE = {
    "education": (Indicator.Direction.HIGHER_MORE_FRAGILE, "5"),
    "sante": (Indicator.Direction.HIGHER_MORE_FRAGILE, "4"),
    "transition-energetique": (Indicator.Direction.HIGHER_MORE_FRAGILE, "3.5"),
    "securite-delinquance": (Indicator.Direction.HIGHER_MORE_FRAGILE, "3"),
    "niveau-de-vie": (Indicator.Direction.HIGHER_LESS_FRAGILE, "3.5"),
    "emploi": (Indicator.Direction.HIGHER_MORE_FRAGILE, "0.5"),
}


def priority_example() -> dict[str, Indicator]:
    """One indicator per domain above for five regions and three departments, a context indicator, a proxy
    with its caveat and a national reference. Returns the indicators by domain slug (and "population")."""
    indicators = {}
    for position, (domain, (direction, value)) in enumerate(PRIORITY_EXAMPLE.items(), start=1):
        indicator = make_indicator(
            f"indicateur-{domain}",
            direction,
            [domain],
            position=position,
            name=f"Indicateur fictif {domain}",
            producer="DREES",
            table="Panorama fictif, feuille 2",
        )
        make_values(indicator, IndicatorValue.Level.REGION, {**PEERS, "84": value}, year=2021)
        make_values(indicator, IndicatorValue.Level.DEPARTMENT, {"38": value, "69": "9", "2A": "1"}, year=2021)
        indicators[domain] = indicator
    indicators["education"].caveat = "Indicateur approché : il mesure la reconnaissance du handicap."
    indicators["education"].save()
    make_values(indicators["emploi"], IndicatorValue.Level.METROPOLE, {"FM": "7.1"}, year=2024, period="2024-T4")
    population = make_indicator(
        "population-fictive", Indicator.Direction.CONTEXT, [], position=0, name="Population fictive", unit="habitants"
    )
    make_values(
        population, IndicatorValue.Level.REGION, {"84": "8235923", "11": "12419961"}, year=2025, period="2025-01-01"
    )
    indicators["population"] = population
    return indicators
