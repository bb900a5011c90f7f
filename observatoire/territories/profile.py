"""A territory's profile: the three bodies of knowledge side by side, domain by domain.

- objective fragility (indicators.method: a position among the peers of the same level),
- perceived fragility (surveys.selectors.perceived_fragility: the territory's segment, or the whole),
- the alliances at work (cases: the published cases of the territory by dynamic and practice).

This is the only place that composes them; the profile page, the report, its PDF and the API read the
same `Profile`. The apps below do not know about each other.

Priority fragilities, objective against perceived: among the domains that have both an objective score
and a perceived figure, each domain gets its order by objective score (1 = where the territory stands
worst among its peers) and its order by perceived score (1 = the highest rated fragility). A domain whose
two orders differ by `GAP` places or more is named as a gap: "objectively severe, little perceived" when
its objective order is the better placed one, "perceived more than measured" the other way round.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from cases.models import Case
from indicators.method import DomainPosition, IndicatorPosition, Positions, compute_positions
from indicators.models import MISSING_TEXT, Indicator, IndicatorValue
from observatoire.cache import cached_by_content
from observatoire.reference.models import CollectiveDynamic, Department, EngagementPractice, PartnershipType, Region
from surveys.selectors import PerceivedDomain, PerceivedFragility, perceived_fragility

NARROW_NBSP = "\u202f"
GAP = 3
OBJECTIVE_GAP = "objective"  # objectively severe, little perceived
PERCEIVED_GAP = "perceived"  # perceived as severe, less so in the data
GAP_LABELS = {
    OBJECTIVE_GAP: "Fragilité objective forte, peu perçue",
    PERCEIVED_GAP: "Fragilité perçue plus que mesurée",
}
VOCABULARIES = (
    # (Case field, search parameter, model, heading)
    ("dynamics", "dynamic", CollectiveDynamic, "Dynamiques collectives territoriales"),
    ("partnership_types", "partnership", PartnershipType, "Pratiques partenariales"),
    ("engagement_practices", "engagement", EngagementPractice, "Pratiques d'engagement"),
)


@dataclass(frozen=True)
class Territory:
    """A region or a department, with what its pages need to name and link it."""

    level: str  # IndicatorValue.Level.REGION or .DEPARTMENT
    code: str
    name: str
    region: Region  # the region itself, or the department's region
    department: Department | None = None

    @classmethod
    def of_region(cls, region: Region) -> "Territory":
        return cls(IndicatorValue.Level.REGION, region.code, region.name, region)

    @classmethod
    def of_department(cls, department: Department) -> "Territory":
        return cls(IndicatorValue.Level.DEPARTMENT, department.code, department.name, department.region, department)

    @property
    def is_region(self) -> bool:
        return self.level == IndicatorValue.Level.REGION

    @property
    def kind_label(self) -> str:
        return "région" if self.is_region else "département"

    @property
    def peers_label(self) -> str:
        return "régions" if self.is_region else "départements"

    @property
    def title(self) -> str:
        return self.name if self.is_region else f"{self.name} ({self.code})"

    @property
    def of_name(self) -> str:
        """ "de la région Bretagne", "du département Aude (11)": French needs the article."""
        return f"de la région {self.title}" if self.is_region else f"du département {self.title}"

    @property
    def in_name(self) -> str:
        return f"dans la région {self.title}" if self.is_region else f"dans le département {self.title}"

    @property
    def the_name(self) -> str:
        return f"la région {self.title}" if self.is_region else f"le département {self.title}"

    @property
    def search_param(self) -> str:
        return "region" if self.is_region else "department"

    def _url(self, name: str) -> str:
        prefix = "territory" if self.is_region else "department"
        return reverse(f"pages:{prefix}{name}", args=[self.code])

    @property
    def profile_url(self) -> str:
        return self._url("")

    @property
    def report_url(self) -> str:
        return self._url("-report")

    @property
    def pdf_url(self) -> str:
        return self._url("-report-pdf")

    def search_url(self, **params: str) -> str:
        return f"{reverse('cases:list')}?{urlencode({self.search_param: self.code, **params})}"

    def cases(self) -> QuerySet:
        published = Case.objects.published()
        if self.is_region:
            return published.in_regions([self.code])
        return published.filter(departments=self.code)


@dataclass(frozen=True)
class Priority:
    """One domain: its objective position, its perceived figure, their orders and the gap, if any."""

    position: DomainPosition
    perceived: PerceivedDomain | None
    objective_order: int | None = None
    perceived_order: int | None = None
    gap: str = ""

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
        return GAP_LABELS.get(self.gap, "")


@dataclass(frozen=True)
class VocabularyCount:
    term: object
    count: int
    url: str


@dataclass
class Profile:
    territory: Territory
    positions: list[DomainPosition]
    indicators: list[IndicatorPosition]
    perceived: PerceivedFragility | None
    priorities: list[Priority]
    alliances: list[tuple[str, list[VocabularyCount]]]
    case_count: int

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


def format_value(value: Decimal | None) -> str:
    """A value as French prints it, at the source's precision: "14,9", "23 080", "6,4521340"."""
    if value is None:
        return MISSING_TEXT
    normal = value.normalize()
    if normal.as_tuple().exponent > 0:
        normal = normal.quantize(Decimal(1))
    whole, _dot, decimals = f"{normal:f}".partition(".")
    sign = "−" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}".replace(",", NARROW_NBSP)
    return f"{sign}{whole},{decimals}" if decimals else f"{sign}{whole}"


def rank_phrase(rank: int | None, peers: int, territory: Territory) -> str:
    """ "3ᵉ région sur 13", "1ᵉʳ département sur 101"; empty without a rank."""
    if rank is None:
        return ""
    if rank == 1:
        first = "1ʳᵉ" if territory.is_region else "1ᵉʳ"
        return f"{first} {territory.kind_label} sur {peers}"
    return f"{rank}ᵉ {territory.kind_label} sur {peers}"


def score_text(score) -> str:
    return "" if score is None else f"{round(float(score))}/100"


def _orders[K](scores: dict[K, Fraction | object]) -> dict[K, int]:
    """1 for the highest score; equal scores share an order."""
    return {key: 1 + sum(1 for other in scores.values() if other > score) for key, score in scores.items()}


def priorities(positions: list[DomainPosition], perceived: PerceivedFragility | None) -> list[Priority]:
    """Every domain, those with an objective score first (worst first), then the others in their order."""
    figures = perceived.domains if perceived else {}
    both = {
        position.domain.pk: position
        for position in positions
        if position.score is not None and position.domain.pk in figures and not figures[position.domain.pk].cell.missing
    }
    objective = _orders({pk: position.score for pk, position in both.items()})
    felt = _orders({pk: figures[pk].cell.value for pk in both})
    out = []
    for position in positions:
        pk = position.domain.pk
        gap = ""
        if pk in both and abs(objective[pk] - felt[pk]) >= GAP:
            gap = OBJECTIVE_GAP if objective[pk] < felt[pk] else PERCEIVED_GAP
        out.append(Priority(position, figures.get(pk), objective.get(pk), felt.get(pk), gap))
    return sorted(
        out,
        key=lambda p: (p.position.score is None, -(p.position.score or 0), p.domain.position, p.domain.name),
    )


def count_values(field_name: str, cases: QuerySet) -> dict:
    """Published cases per value of the many-to-many `field_name` of Case (a region code, a term id, …)."""
    field = Case._meta.get_field(field_name)
    column = field.m2m_reverse_field_name()
    rows = (
        field.remote_field.through.objects.filter(case_id__in=cases.values("pk"))
        .values(column)
        .annotate(n=Count("case_id"))
        .values_list(column, "n")
    )
    return dict(rows)


def _count_alliances(territory: Territory) -> dict[str, dict[int, int]]:
    cases = territory.cases()
    counts = {field_name: count_values(field_name, cases) for field_name, _param, _model, _heading in VOCABULARIES}
    return {**counts, "total": {0: cases.count()}}


def alliances(territory: Territory) -> tuple[list[tuple[str, list[VocabularyCount]]], int]:
    """The territory's published cases by dynamic and practice, each count with its search link."""
    counts = cached_by_content(f"alliances:{territory.level}-{territory.code}", lambda: _count_alliances(territory))
    groups = []
    for field_name, param, model, heading in VOCABULARIES:
        found = counts[field_name]
        terms = [
            VocabularyCount(term, found.get(term.pk, 0), territory.search_url(**{param: term.slug}))
            for term in model.objects.all()
        ]
        groups.append((heading, terms))
    return groups, counts["total"][0]


def positions_for(level: str) -> Positions:
    return cached_by_content(f"fragility-positions:{level}", lambda: compute_positions(level))


def territory_profile(territory: Territory) -> Profile:
    positions = positions_for(territory.level)
    domains = positions.for_territory(territory.code)
    perceived = perceived_fragility(territory.region)
    groups, case_count = alliances(territory)
    return Profile(
        territory=territory,
        positions=domains,
        indicators=positions.all_indicators(territory.code),
        perceived=perceived,
        priorities=priorities(domains, perceived),
        alliances=groups,
        case_count=case_count,
    )
