"""The generator's model: the weighted draws of a corpus, precomputed once per call."""

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from bench.synthetic.distributions import (
    DEFAULT_POPULATION,
    DEPARTMENT_POPULATION,
    DOMAIN_WEIGHTS,
    DYNAMIC_WEIGHTS,
    ENGAGEMENT_WEIGHTS,
    FIRST_YEAR,
    LAST_YEAR,
    PARTNERSHIP_WEIGHTS,
    POPULATION_EXPONENT,
)
from bench.synthetic.lexicon import Lexicon


def zipf_cumulative(size: int, exponent: float, offset: float) -> list[float]:
    return list(accumulate(1.0 / (rank + offset) ** exponent for rank in range(1, size + 1)))


def cumulative(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


@dataclass(frozen=True)
class CorpusModel:
    lexicon: Lexicon
    domains: tuple[str, ...]
    domain_cum: list[float]
    partnerships: tuple[str, ...]
    partnership_cum: list[float]
    engagements: tuple[str, ...]
    engagement_cum: list[float]
    dynamics: tuple[str, ...]
    dynamic_cum: list[float]
    departments: tuple[tuple[str, str], ...]
    department_cum: list[float]
    years: tuple[int, ...]
    year_cum: list[float]
    domain_words: dict[str, tuple[str, ...]]

    @classmethod
    def build(
        cls, lexicon: Lexicon, vocabularies: dict[str, list[str]], departments: list[tuple[str, str]]
    ) -> "CorpusModel":
        for key in ("domains", "partnerships", "engagements", "dynamics"):
            if not vocabularies.get(key):
                raise ValueError(f"vocabularies[{key!r}] must list at least one slug")
        if not departments:
            raise ValueError("departments must list at least one (department, region) pair")
        domains = tuple(vocabularies["domains"])
        partnerships = tuple(vocabularies["partnerships"])
        engagements = tuple(vocabularies["engagements"])
        dynamics = tuple(vocabularies["dynamics"])
        pairs = tuple((str(code), str(region)) for code, region in departments)
        populations = [float(DEPARTMENT_POPULATION.get(code, DEFAULT_POPULATION)) for code, _ in pairs]
        years = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
        return cls(
            lexicon=lexicon,
            domains=domains,
            domain_cum=cumulative([DOMAIN_WEIGHTS.get(slug, 1.0) for slug in domains]),
            partnerships=partnerships,
            partnership_cum=cumulative([PARTNERSHIP_WEIGHTS.get(slug, 2) for slug in partnerships]),
            engagements=engagements,
            engagement_cum=cumulative([ENGAGEMENT_WEIGHTS.get(slug, 2) for slug in engagements]),
            dynamics=dynamics,
            dynamic_cum=cumulative([DYNAMIC_WEIGHTS.get(slug, 2) for slug in dynamics]),
            departments=pairs,
            department_cum=cumulative([population**POPULATION_EXPONENT for population in populations]),
            # More recent years are more frequent: the base filled up over time.
            years=years,
            year_cum=cumulative([1.0 + 0.15 * (year - FIRST_YEAR) for year in years]),
            # A domain without its own list still gets its name's words, so the generator never fails.
            domain_words={
                slug: lexicon.domains.get(slug) or tuple(part for part in slug.split("-") if len(part) > 2)
                for slug in domains
            },
        )


def weighted_stream(rng: random.Random, population: Sequence, cum_weights: list[float], batch: int = 256) -> Iterator:
    """Endless weighted draws, made a batch at a time: far cheaper than one `choices` call per word."""
    while True:
        yield from rng.choices(population, cum_weights=cum_weights, k=batch)


Part = str | Callable[[], str]
