"""A territory's profile: the three bodies of knowledge side by side, domain by domain.

- objective fragility (indicators.method: a position among the peers of the same level),
- perceived fragility (surveys.queries.perceived_fragility: the territory's segment, or the whole),
- the alliances at work (cases: the published cases of the territory by dynamic and practice).

This is the only place that composes them; the profile page, the report, its PDF and the API read the
same `Profile`. The apps below do not know about each other.

Priority fragilities, objective against perceived: among the domains that have both an objective score
and a perceived figure, each domain gets its order by objective score (1 = where the territory stands
worst among its peers) and its order by perceived score (1 = the highest rated fragility). A domain whose
two orders differ by `GAP` places or more is named as a gap: "objectively severe, little perceived" when
its objective order is the better placed one, "perceived more than measured" the other way round.
Only a perception of the same territory (the region's own segment, for a region) makes a local gap; against
the national perception (or a region's, for a department) the label says which perception it is compared
with, and claims no local gap. A partial position (indicators.method) is shown but never ordered here.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foundation.cache import cached_by_content
from indicators.method import DomainPosition, IndicatorPosition, Positions, compute_positions
from indicators.models import Indicator, IndicatorValue
from observatoire.territories.alliances import VocabularyCount, alliances
from observatoire.territories.territory import Territory
from surveys.queries import PerceivedDomain, PerceivedFragility, perceived_fragility

GAP = 3
OBJECTIVE_GAP = "objective"  # objectively severe, little perceived
PERCEIVED_GAP = "perceived"  # perceived as severe, less so in the data
GAP_LABELS = {
    OBJECTIVE_GAP: gettext_lazy("Fragilité objective forte, peu perçue"),
    PERCEIVED_GAP: gettext_lazy("Fragilité perçue plus que mesurée"),
}
# Against a perception of another territory: the order of the two lists differs, nothing more is claimed.
OTHER_SCOPE_GAP_LABELS = {
    OBJECTIVE_GAP: gettext_lazy("Rang plus haut selon les données, par rapport à la perception %(scope)s"),
    PERCEIVED_GAP: gettext_lazy("Rang plus bas selon les données, par rapport à la perception %(scope)s"),
}


@dataclass(frozen=True)
class Priority:
    """One domain: its objective position, its perceived figure, their orders and the gap, if any."""

    position: DomainPosition
    perceived: PerceivedDomain | None
    objective_order: int | None = None
    perceived_order: int | None = None
    gap: str = ""
    scope: str = ""  # "" when the perception is the territory's own, else "nationale" or "régionale"

    @property
    def domain(self):
        return self.position.domain

    @property
    def perceived_value(self):
        if self.perceived is None or self.perceived.cell.missing:
            return None
        return self.perceived.cell.value

    @property
    def gap_label(self) -> str:
        if not self.gap:
            return ""
        if self.scope:
            return OTHER_SCOPE_GAP_LABELS[self.gap] % {"scope": self.scope}
        return str(GAP_LABELS[self.gap])


@dataclass(frozen=True)
class ProfileRow:
    """One row of the indicator table: the territory's value, its region's (for a department), its end note."""

    item: IndicatorPosition
    region: IndicatorPosition | None
    note: int | None  # the number of its end note (caveat), if any


@dataclass
class Profile:
    territory: Territory
    positions: list[DomainPosition]
    indicators: list[IndicatorPosition]
    perceived: PerceivedFragility | None
    priorities: list[Priority]
    alliances: list[tuple[str, list[VocabularyCount]]]
    case_count: int
    region_indicators: list[IndicatorPosition] | None = None  # a department's region, same order

    @property
    def rows(self) -> list[ProfileRow]:
        notes = {indicator.pk: number for number, indicator in enumerate(self.caveats, start=1)}
        regions = self.region_indicators or [None] * len(self.indicators)
        return [
            ProfileRow(item, region, notes.get(item.indicator.pk))
            for item, region in zip(self.indicators, regions, strict=True)
        ]

    @property
    def most_fragile(self) -> list[Priority]:
        """The three domains where the territory stands worst among its peers (complete positions only)."""
        return [priority for priority in self.priorities if priority.position.ranked][:3]

    @property
    def partial_count(self) -> int:
        return sum(1 for position in self.positions if position.partial)

    @property
    def without_position(self) -> list:
        """Domains with official indicators but no value for this territory (a regional-only indicator…)."""
        return [p.domain for p in self.positions if p.has_indicators and p.score is None]

    @property
    def borrowed(self) -> list[IndicatorPosition]:
        """Values a single-department region takes from its department."""
        return [item for item in self.indicators if item.reading is not None and item.reading.department]

    @property
    def context_indicators(self) -> list[IndicatorPosition]:
        return [item for item in self.indicators if item.indicator.direction == Indicator.Direction.CONTEXT]

    @property
    def fragility_indicators(self) -> list[IndicatorPosition]:
        return [item for item in self.indicators if item.indicator.direction != Indicator.Direction.CONTEXT]

    @property
    def gaps(self) -> list[Priority]:
        return [priority for priority in self.priorities if priority.gap]

    @property
    def compared(self) -> list[Priority]:
        return [priority for priority in self.priorities if priority.objective_order and priority.perceived_order]

    @property
    def producers(self) -> str:
        """ "DREES, INSEE, SSMSI — Licence Ouverte / Etalab 2.0": who publishes the indicators, under which licence."""
        by_licence: dict[str, set[str]] = {}
        for item in self.indicators:
            by_licence.setdefault(item.indicator.licence, set()).add(item.indicator.producer)
        return " ; ".join(f"{', '.join(sorted(names))} — {licence}" for licence, names in sorted(by_licence.items()))

    @property
    def caveats(self) -> list[Indicator]:
        return [item.indicator for item in self.indicators if item.indicator.caveat]


def _orders[K](scores: dict[K, Fraction | object]) -> dict[K, int]:
    """1 for the highest score; equal scores share an order."""
    return {key: 1 + sum(1 for other in scores.values() if other > score) for key, score in scores.items()}


def perception_scope(figure: PerceivedDomain | None, territory: Territory | None) -> str:
    """ "" when the perception is the territory's own; else which perception it is."""
    if figure is None or figure.is_national:
        return _("nationale")
    return "" if territory is None or territory.is_region else _("régionale")


def priorities(
    positions: list[DomainPosition], perceived: PerceivedFragility | None, territory: Territory | None = None
) -> list[Priority]:
    """Every domain, those with a complete objective score first (worst first), then the others in order."""
    figures = perceived.domains if perceived else {}
    both = {
        position.domain.pk: position
        for position in positions
        if position.ranked and position.domain.pk in figures and not figures[position.domain.pk].cell.missing
    }
    objective = _orders({pk: position.score for pk, position in both.items()})
    felt = _orders({pk: figures[pk].cell.value for pk in both})
    out = []
    for position in positions:
        pk = position.domain.pk
        gap = ""
        if pk in both and abs(objective[pk] - felt[pk]) >= GAP:
            gap = OBJECTIVE_GAP if objective[pk] < felt[pk] else PERCEIVED_GAP
        scope = perception_scope(figures.get(pk), territory)
        out.append(Priority(position, figures.get(pk), objective.get(pk), felt.get(pk), gap, scope))
    return sorted(
        out,
        key=lambda p: (not p.position.ranked, -(p.position.score or 0), p.domain.position, p.domain.name),
    )


def positions_for(level: str) -> Positions:
    return cached_by_content(f"fragility-positions:{level}", lambda: compute_positions(level))


def territory_profile(territory: Territory) -> Profile:
    positions = positions_for(territory.level)
    domains = positions.for_territory(territory.code)
    perceived = perceived_fragility(territory.region)
    groups, case_count = alliances(territory)
    region_indicators = None
    if not territory.is_region:
        region_indicators = positions_for(IndicatorValue.Level.REGION).all_indicators(territory.region.code)
    return Profile(
        territory=territory,
        positions=domains,
        indicators=positions.all_indicators(territory.code),
        perceived=perceived,
        priorities=priorities(domains, perceived, territory),
        alliances=groups,
        case_count=case_count,
        region_indicators=region_indicators,
    )
