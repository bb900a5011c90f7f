"""Objective fragility position: where a territory stands among its peers, domain by domain.

The method, as the "À propos des indicateurs" page states it:

1. Peers are the territories of the same level: regions among regions, departments among departments.
   An indicator compares only the peers that have a value for it; a territory the source does not cover
   is left out of that indicator, never counted as 0.
2. Each value is turned so that higher means more fragile: as is for a `plus-fragile` indicator, negated
   for a `moins-fragile` one (a high median standard of living, a high density of general practitioners
   mean less fragile). `contexte` indicators (population, …) never enter a position.
3. Each value is standardised as a **percentile rank** among the peers that have one: 100 × (number of
   peers less fragile + half the number of other peers equally fragile) / (number of peers − 1). 100 is
   the most fragile territory of its level on that indicator, 0 the least, 50 the middle (and the only
   one, when a single territory has a value).
4. A domain's score is the mean of the territory's percentile ranks over the domain's indicators it has
   a value for. A territory with no value for any indicator of the domain has no position (None), not 0.
5. Ranks: 1 is the most fragile; equal scores share a rank ("1, 2, 2, 4"), counted among the peers that
   have a score ("3ᵉ région sur 13"). Each indicator also gets its own rank among the peers with a value.
6. Partial positions: a domain's position states what it rests on ("2 indicateurs sur 3"). One that rests
   on fewer than half of the domain's indicators (1 of 3, 1 of 4…; 1 of 2 is half, not fewer) is partial:
   its score is shown as such, but it is neither ranked nor counted among the peers of the domain.
7. A region with a single department (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) is the same
   territory as its department: where a source gives the department only, the region takes the
   department's value, labelled as such, and is ranked among the regions with it.

Why percentile ranks rather than z-scores: measured on the shipped values (17 indicators, 2021–2025), the
departments' z-scores are dominated by a few outliers — Paris at z = 8.5 on thefts without violence,
Mayotte at z = 8.0 on young people with few diplomas, La Réunion at 5.8 on CSS coverage, the overseas
departments at 4–5 on single-parent families and unemployment — so an average of z-scores would mostly say
"overseas or not", and one extreme value would outweigh every other indicator of its domain. A percentile
rank bounds each indicator's weight, reads in plain words ("more fragile than 80 % of the regions"), and
does not depend on the units. What it loses is the size of the gaps; the values themselves are shown
beside every position.

Periods: one value per territory and indicator, the latest period the base holds for that territory (by
year, then the period as the source writes it). The shipped data has one period per indicator except
young people with few diplomas, where Mayotte's value comes from the 2017 census (2021 elsewhere): it is
compared as it is, with its period shown.

Everything is computed in Python from one read of the level's values: about 2,000 values, a handful of
queries whatever the number of indicators or territories.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.utils.translation import ngettext

from foundation.reference.models import Department, Domain
from indicators.models import Indicator, IndicatorValue

Level = IndicatorValue.Level
PEER_LEVELS = (Level.REGION, Level.DEPARTMENT)
NATIONAL_LEVELS = (Level.FRANCE, Level.METROPOLE)


@dataclass(frozen=True)
class Reading:
    """One value as the source gives it."""

    value: Decimal
    year: int
    period: str
    source: str
    note: str
    department: str = ""  # "La Réunion (974)" when a single-department region takes its department's value


@dataclass(frozen=True)
class NationalReference:
    label: str  # "France entière", "France métropolitaine", in the page's language
    reading: Reading
    level: str = Level.FRANCE  # or Level.METROPOLE

    @property
    def is_whole_france(self) -> bool:
        return self.level == Level.FRANCE


@dataclass(frozen=True)
class IndicatorPosition:
    """A territory's value of one indicator and, when it informs fragility, where it stands on it."""

    indicator: Indicator
    reading: Reading | None  # None: "non disponible dans la source"
    percentile: Fraction | None
    rank: int | None
    peers: int  # territories of the level with a value for this indicator
    references: tuple[NationalReference, ...] = ()

    @property
    def available(self) -> bool:
        return self.reading is not None


@dataclass(frozen=True)
class DomainPosition:
    domain: Domain
    indicators: tuple[IndicatorPosition, ...]  # every fragility indicator of the domain, available or not
    score: Fraction | None
    rank: int | None
    peers: int  # territories of the level with a complete score in this domain
    partial: bool = False  # rests on fewer than half of the domain's indicators: shown, never ranked

    @property
    def has_indicators(self) -> bool:
        """False for a domain without any official indicator: nothing is inferred for it."""
        return bool(self.indicators)

    @property
    def used(self) -> tuple[IndicatorPosition, ...]:
        return tuple(position for position in self.indicators if position.available)

    @property
    def score_value(self) -> float | None:
        return None if self.score is None else float(self.score)

    @property
    def level_lacks_source(self) -> bool:
        """No territory of the level has a value: the source gives another level only (GDP: regions)."""
        return self.has_indicators and all(item.peers == 0 for item in self.indicators)

    @property
    def ranked(self) -> bool:
        """A complete position: it takes part in rankings and priorities."""
        return self.score is not None and not self.partial

    @property
    def basis(self) -> str:
        """ "2 indicateurs sur 3": what the position rests on."""
        used, total = len(self.used), len(self.indicators)
        text = ngettext("%(used)s indicateur sur %(total)s", "%(used)s indicateurs sur %(total)s", used)
        return text % {"used": used, "total": total}


@dataclass
class Positions:
    """Every territory of one level, every domain: computed at once, read per territory."""

    level: str
    domains: list[Domain]
    indicators: list[Indicator]
    domain_indicators: dict[int, list[Indicator]]
    readings: dict[int, dict[str, Reading]]  # indicator id → territory code → the reading used
    references: dict[int, tuple[NationalReference, ...]]
    percentiles: dict[int, dict[str, Fraction]] = field(default_factory=dict)
    ranks: dict[int, dict[str, int]] = field(default_factory=dict)
    scores: dict[int, dict[str, Fraction]] = field(default_factory=dict)  # domain id → code → score
    score_ranks: dict[int, dict[str, int]] = field(default_factory=dict)
    partial_scores: dict[int, dict[str, Fraction]] = field(default_factory=dict)

    def indicator_position(self, indicator: Indicator, code: str) -> IndicatorPosition:
        return IndicatorPosition(
            indicator=indicator,
            reading=self.readings.get(indicator.pk, {}).get(code),
            percentile=self.percentiles.get(indicator.pk, {}).get(code),
            rank=self.ranks.get(indicator.pk, {}).get(code),
            peers=len(self.readings.get(indicator.pk, {})),
            references=self.references.get(indicator.pk, ()),
        )

    def domain_position(self, domain: Domain, code: str) -> DomainPosition:
        partial = self.partial_scores.get(domain.pk, {}).get(code)
        return DomainPosition(
            domain=domain,
            indicators=tuple(self.indicator_position(ind, code) for ind in self.domain_indicators.get(domain.pk, [])),
            score=partial if partial is not None else self.scores.get(domain.pk, {}).get(code),
            rank=self.score_ranks.get(domain.pk, {}).get(code),
            peers=len(self.scores.get(domain.pk, {})),
            partial=partial is not None,
        )

    def for_territory(self, code: str) -> list[DomainPosition]:
        """All domains, in their order; those without an official indicator say so (`has_indicators`)."""
        return [self.domain_position(domain, code) for domain in self.domains]

    def all_indicators(self, code: str) -> list[IndicatorPosition]:
        """Every indicator, context ones included, for the territory's structural profile."""
        return [self.indicator_position(indicator, code) for indicator in self.indicators]


def _percentiles(oriented: dict[str, Decimal]) -> dict[str, Fraction]:
    ordered = sorted(oriented.values())
    others = len(ordered) - 1
    out = {}
    for code, value in oriented.items():
        if not others:
            out[code] = Fraction(50)
            continue
        below = bisect_left(ordered, value)
        ties = bisect_right(ordered, value) - below - 1
        out[code] = Fraction(100 * (2 * below + ties), 2 * others)
    return out


def _ranks(scores: dict[str, Decimal] | dict[str, Fraction]) -> dict[str, int]:
    """1 for the most fragile; equal scores share a rank."""
    ordered = sorted(scores.values())
    return {code: 1 + len(ordered) - bisect_right(ordered, score) for code, score in scores.items()}


def _latest(rows: list[tuple], department: str = "") -> Reading:
    year, period, value, source, note = max(rows, key=lambda row: (row[0], row[1]))
    return Reading(value=value, year=year, period=period, source=source, note=note, department=department)


def single_department_regions() -> QuerySet:
    """The codes of the regions that have exactly one department, as a subquery."""
    return Department.objects.values("region_id").annotate(n=Count("code")).filter(n=1).values("region_id")


def compute_positions(level: str) -> Positions:
    """Positions of every territory of `level` ("region" or "department"), in four queries."""
    if level not in PEER_LEVELS:
        raise ValueError(f"Unknown peer level: {level!r}")
    domains = list(Domain.objects.all())
    indicators = list(Indicator.objects.all())
    links = Indicator.domains.through.objects.values_list("indicator_id", "domain_id")
    wanted = Q(level__in=[level, *NATIONAL_LEVELS])
    if level == Level.REGION:
        wanted |= Q(level=Level.DEPARTMENT, department__region_id__in=single_department_regions())
    rows = IndicatorValue.objects.filter(wanted).values_list(
        "indicator_id",
        "level",
        "region_id",
        "department_id",
        "department__name",
        "department__region_id",
        "year",
        "period",
        "value",
        "source",
        "note",
    )

    grouped: dict[int, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    national: dict[int, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    borrowed: dict[int, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for indicator_id, row_level, region, department, name, its_region, *reading in rows:
        if row_level == level:
            grouped[indicator_id][region if level == Level.REGION else department].append(tuple(reading))
        elif row_level in NATIONAL_LEVELS:
            national[indicator_id][row_level].append(tuple(reading))
        else:
            borrowed[indicator_id][its_region].append(tuple(reading))
            names[its_region] = f"{name} ({department})"
    readings = {ind: {code: _latest(found) for code, found in by.items()} for ind, by in grouped.items()}
    for ind, by in borrowed.items():
        own = readings.setdefault(ind, {})
        for region, found in by.items():
            if region not in own:
                own[region] = _latest(found, department=names[region])
    labels = dict(Level.choices)
    references = {
        ind: tuple(
            NationalReference(labels[key], _latest(by[key]), key)
            for key in (Level.FRANCE, Level.METROPOLE)
            if key in by
        )
        for ind, by in national.items()
    }

    by_id = {indicator.pk: indicator for indicator in indicators}
    domain_indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator_id, domain_id in links:
        indicator = by_id[indicator_id]
        if indicator.direction != Indicator.Direction.CONTEXT:
            domain_indicators[domain_id].append(indicator)
    for found in domain_indicators.values():
        found.sort(key=lambda indicator: (indicator.position, indicator.name))

    positions = Positions(
        level=level,
        domains=domains,
        indicators=indicators,
        domain_indicators=dict(domain_indicators),
        readings=readings,
        references=references,
    )
    for indicator in indicators:
        if indicator.direction == Indicator.Direction.CONTEXT or indicator.pk not in readings:
            continue
        sign = -1 if indicator.direction == Indicator.Direction.HIGHER_LESS_FRAGILE else 1
        oriented = {code: sign * reading.value for code, reading in readings[indicator.pk].items()}
        positions.percentiles[indicator.pk] = _percentiles(oriented)
        positions.ranks[indicator.pk] = _ranks(oriented)
    for domain_id, members in domain_indicators.items():
        collected: dict[str, list[Fraction]] = defaultdict(list)
        for indicator in members:
            for code, percentile in positions.percentiles.get(indicator.pk, {}).items():
                collected[code].append(percentile)
        scores = {code: sum(found) / len(found) for code, found in collected.items()}
        positions.partial_scores[domain_id] = {
            code: score for code, score in scores.items() if 2 * len(collected[code]) < len(members)
        }
        scores = {code: score for code, score in scores.items() if code not in positions.partial_scores[domain_id]}
        positions.scores[domain_id] = scores
        positions.score_ranks[domain_id] = _ranks(scores)
    return positions
