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

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.formats import get_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cases.models import Case
from foundation.cache import cached_by_content
from foundation.reference.models import CollectiveDynamic, Department, EngagementPractice, PartnershipType, Region
from indicators.method import DomainPosition, IndicatorPosition, Positions, compute_positions
from indicators.models import Indicator, IndicatorValue
from surveys.queries import PerceivedDomain, PerceivedFragility, perceived_fragility

NARROW_NBSP = "\u202f"
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
# MISSING_TEXT (indicators.models), in the page's language.
MISSING = gettext_lazy("non disponible dans la source")
RANK_CONVENTION = gettext_lazy("rang de fragilité (1 = la plus fragile)")
VOCABULARIES = (
    # (Case field, search parameter, model, heading)
    ("dynamics", "dynamic", CollectiveDynamic, gettext_lazy("Dynamiques collectives territoriales")),
    ("partnership_types", "partnership", PartnershipType, gettext_lazy("Pratiques partenariales")),
    ("engagement_practices", "engagement", EngagementPractice, gettext_lazy("Pratiques d'engagement")),
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
        return _("région") if self.is_region else _("département")

    @property
    def peers_label(self) -> str:
        return _("régions") if self.is_region else _("départements")

    @property
    def title(self) -> str:
        return self.name if self.is_region else f"{self.name} ({self.code})"

    @property
    def of_name(self) -> str:
        """ "de la région Bretagne", "du département Aude (11)": French needs the article."""
        text = _("de la région %(name)s") if self.is_region else _("du département %(name)s")
        return text % {"name": self.title}

    @property
    def in_name(self) -> str:
        text = _("dans la région %(name)s") if self.is_region else _("dans le département %(name)s")
        return text % {"name": self.title}

    @property
    def the_name(self) -> str:
        text = _("la région %(name)s") if self.is_region else _("le département %(name)s")
        return text % {"name": self.title}

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

    @property
    def csv_url(self) -> str:
        return self._url("-csv")

    @property
    def chart_url(self) -> str:
        return self._url("-chart")

    @property
    def priorities_csv_url(self) -> str:
        return self._url("-priorities-csv")

    @property
    def priorities_metadata_url(self) -> str:
        return self._url("-priorities-metadata")

    @property
    def priorities_embed_url(self) -> str:
        return self._url("-priorities-embed")

    @property
    def json_url(self) -> str:
        return reverse("region-profile-detail" if self.is_region else "department-profile-detail", args=[self.code])

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
class VocabularyCount:
    term: object
    count: int
    url: str


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


RATE_UNIT = re.compile(r"\b(?:pour|per) \d")


def is_rate(unit: str) -> bool:
    """A rate or a share ("% des personnes", "victimes pour 1 000 habitants", "victims per 1,000 inhabitants"),
    as opposed to a count or euros ("euros par habitant", "euros per inhabitant"): the unit may be the English."""
    return "%" in unit or bool(RATE_UNIT.search(unit))


def format_value(value: Decimal | None, unit: str = "%") -> str:
    """A value as people read it: rates and shares with one decimal ("14,9", "19,0"), counts and euros
    as integers with thin-space thousands ("23 080"); in English "14.9" and "23,080" (the separators of
    Django's formats for the language, French thousands kept thin). The API and the CSV keep the source's
    digits."""
    if value is None:
        return str(MISSING)
    rounded = value.quantize(Decimal("0.1") if is_rate(unit) else Decimal(1))
    whole, _dot, decimals = f"{rounded:f}".partition(".")
    sign = "−" if whole.startswith("-") else ""
    point = get_format("DECIMAL_SEPARATOR")
    thousands = NARROW_NBSP if point == "," else get_format("THOUSAND_SEPARATOR")
    whole = f"{int(whole.lstrip('-')):,}".replace(",", thousands)
    return f"{sign}{whole}{point}{decimals}" if decimals else f"{sign}{whole}"


def period_text(period: str) -> str:
    """A period as people read it: "au 31 décembre 2023", "4ᵉ trimestre 2024", "année scolaire 2023-2024",
    "2021"; in English "at 31 December 2023", "Q4 2024", "school year 2023-2024"."""
    if found := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period):
        year, month, day = (int(part) for part in found.groups())
        day_text = _("1ᵉʳ") if day == 1 else str(day)
        return _("au %(day)s %(month)s %(year)s") % {"day": day_text, "month": MONTHS[month], "year": year}
    if found := re.fullmatch(r"(\d{4})-T([1-4])", period):
        quarter = int(found[2])
        return _("%(quarter)s trimestre %(year)s") % {"quarter": ordinal(quarter), "year": found[1]}
    if found := re.fullmatch(r"(\d{4})-(\d{4})", period):
        start, end = int(found[1]), int(found[2])
        text = _("année scolaire %(start)s-%(end)s") if end == start + 1 else _("de %(start)s à %(end)s")
        return text % {"start": start, "end": end}
    return period


def ordinal(number: int, *, feminine: bool = False) -> str:
    """ "3ᵉ", "1ᵉʳ" (or "1ʳᵉ") in French; "3rd", "1st" in English."""
    if get_language() == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if number == 1:
        return "1ʳᵉ" if feminine else "1ᵉʳ"
    return f"{number}ᵉ"


def rank_phrase(rank: int | None, peers: int, territory: Territory) -> str:
    """ "3ᵉ région sur 13", "1ʳᵉ sur 101"; empty without a rank. Always the rank of fragility: 1 is the
    most fragile territory (RANK_CONVENTION), on the profiles, the maps and their tables alike."""
    if rank is None:
        return ""
    text = _("%(rank)s région sur %(peers)s") if territory.is_region else _("%(rank)s département sur %(peers)s")
    return text % {"rank": ordinal(rank, feminine=territory.is_region), "peers": peers}


def score_text(score) -> str:
    return "" if score is None else f"{round(float(score))}/100"


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


def _count_cases(cases: QuerySet) -> dict[str, dict[int, int]]:
    counts = {field_name: count_values(field_name, cases) for field_name, _param, _model, _heading in VOCABULARIES}
    return {**counts, "total": {0: cases.count()}}


def _alliance_groups(counts: dict, search_url) -> tuple[list[tuple[str, list[VocabularyCount]]], int]:
    groups = []
    for field_name, param, model, heading in VOCABULARIES:
        found = counts[field_name]
        terms = [
            VocabularyCount(term, found.get(term.pk, 0), search_url(**{param: term.slug}))
            for term in model.objects.all()
        ]
        groups.append((heading, terms))
    return groups, counts["total"][0]


def alliances(territory: Territory) -> tuple[list[tuple[str, list[VocabularyCount]]], int]:
    """The territory's published cases by dynamic and practice, each count with its search link."""
    key = f"alliances:{territory.level}-{territory.code}"
    return _alliance_groups(cached_by_content(key, lambda: _count_cases(territory.cases())), territory.search_url)


def national_alliances() -> tuple[list[tuple[str, list[VocabularyCount]]], int]:
    """Every published case by dynamic and practice, each count with its search link: the alliances at work
    nationally, for the national report."""
    counts = cached_by_content("alliances:france", lambda: _count_cases(Case.objects.published()))
    return _alliance_groups(counts, lambda **params: f"{reverse('cases:list')}?{urlencode(params)}")


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
