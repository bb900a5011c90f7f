"""The alliances at work: the published cases of a territory, or of the country, by dynamic and practice."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from cases.models import Case
from foundation.cache import cached_by_content
from foundation.reference.models import CollectiveDynamic, EngagementPractice, PartnershipType
from observatoire.territories.territory import Territory

VOCABULARIES = (
    # (Case field, search parameter, model, heading)
    ("dynamics", "dynamic", CollectiveDynamic, gettext_lazy("Dynamiques collectives territoriales")),
    ("partnership_types", "partnership", PartnershipType, gettext_lazy("Pratiques partenariales")),
    ("engagement_practices", "engagement", EngagementPractice, gettext_lazy("Pratiques d'engagement")),
)


@dataclass(frozen=True)
class VocabularyCount:
    term: object
    count: int
    url: str


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
