"""The search's facets: which filters count their values, and how a facet's values are labelled and ordered.

The bottom of the search: it depends on the models alone, so that the filters, the search engine and the
pages may all read the one list.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django_countries import countries

from cases.models import Case, Organization, Participation
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)
from observatoire.reference.text import normalize


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    case_field: str | None  # the many-to-many field, or None for organisation kinds
    model: type | None
    value_field: str  # what the URL carries: slug, INSEE code, organisation kind or country code
    on_case: bool = False  # the value is a column of the case itself (its country)

    @property
    def join_sql(self) -> str:
        """`… x JOIN … t`: SQL pairing each case (`x.case_id`) with this facet's values (`t.<value_field>`)."""
        if self.on_case:
            cases = Case._meta.db_table
            return f"{cases} t JOIN (SELECT id AS case_id FROM {cases}) x ON x.case_id = t.id"  # noqa: S608
        if self.case_field is None:
            participations, organizations = Participation._meta.db_table, Organization._meta.db_table
            return f"{participations} x JOIN {organizations} t ON t.id = x.organization_id"
        field = Case._meta.get_field(self.case_field)
        through, term = field.remote_field.through._meta.db_table, self.model._meta
        return f"{through} x JOIN {term.db_table} t ON t.{term.pk.column} = x.{field.m2m_reverse_name()}"


FACETS = [
    Facet("domain", "Domaines de fragilité", "domains", Domain, "slug"),
    Facet("partnership", "Pratiques partenariales", "partnership_types", PartnershipType, "slug"),
    Facet("engagement", "Pratiques d'engagement", "engagement_practices", EngagementPractice, "slug"),
    Facet("dynamic", "Dynamiques collectives territoriales", "dynamics", CollectiveDynamic, "slug"),
    Facet("region", "Régions", "regions", Region, "code"),
    Facet("department", "Départements", "departments", Department, "code"),
    Facet("organization_kind", "Types d'organisation", None, None, "kind"),
    Facet("impact", "Impacts observés", "impacts", Impact, "slug"),
    Facet("sdg", "Objectifs de développement durable", "sdgs", SustainableDevelopmentGoal, "number"),
    Facet("country", "Pays", None, None, "country", on_case=True),
]
FACET_PARAMS = [facet.param for facet in FACETS]
KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(Organization.Kind.choices)}


def _name_sql() -> str:
    """The terms' name column in the active language, the French where a term has no translation (the
    original `name` column holds the French: observatoire.reference.translated)."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE or language not in dict(settings.LANGUAGES):
        return "name"
    return f"COALESCE(NULLIF(name_{language}, ''), name)"


def labels_sql() -> str:
    """SQL of (param, value, label, position, key) for every vocabulary and territory value; the position is
    the value's rank in its model's own order (vocabularies by position then name, regions by name,
    departments by code), as the database sorts them, so that tags read from the search come in the order of
    a query; the key is the term's primary key, as text."""
    parts = []
    for facet in FACETS:
        if facet.case_field is None:
            continue
        term = facet.model._meta
        order = ", ".join(term.get_field(name).column for name in term.ordering)
        value = f"CAST({facet.value_field} AS TEXT)"
        parts.append(
            f"SELECT '{facet.param}', {value}, {_name_sql()}, CAST(row_number() OVER (ORDER BY {order}) AS INTEGER),"  # noqa: S608
            f" CAST({term.pk.column} AS TEXT) FROM {term.db_table}"
        )
    return " UNION ALL ".join(parts)


TAG_FACETS = [facet for facet in FACETS if facet.case_field is not None]


def ordered(facets: list[Facet], rows: dict[str, list[tuple]]) -> dict[str, list[dict]]:
    """`{"value", "label", "count"}` per value from (value, label, position, count) rows, in facet order:
    vocabularies and goals in their own order, regions by name, departments by code, organisation kinds as declared."""
    kinds = dict(Organization.Kind.choices)
    result = {}
    for facet in facets:
        found = rows.get(facet.param, [])
        if facet.on_case:
            labelled = [(value, countries.name(value) or value, count) for value, _, _, count in found]
            result[facet.param] = [
                {"value": value, "label": label, "count": count}
                for value, label, count in sorted(labelled, key=lambda row: normalize(row[1]))
            ]
            continue
        if facet.case_field is None:
            found = sorted(found, key=lambda row: KIND_ORDER.get(row[0], len(KIND_ORDER)))
            result[facet.param] = [
                {"value": value, "label": kinds.get(value, value), "count": count} for value, _, _, count in found
            ]
            continue
        if facet.value_field in {"slug", "number"}:
            found = sorted(found, key=lambda row: (row[2], row[1]))
        elif facet.param == "region":
            found = sorted(found, key=lambda row: normalize(row[1]))
        else:
            found = sorted(found, key=lambda row: row[0])
        result[facet.param] = [{"value": value, "label": label, "count": count} for value, label, _, count in found]
    return result


def labelled(counts: dict[str, list[tuple[str, int]]], labels: dict[tuple[str, str], tuple[str, int]]) -> dict:
    """Every facet's `{"value", "label", "count"}` list from its (value, count) pairs, labelled and ordered."""
    rows = {
        facet.param: [
            (value, *labels.get((facet.param, value), (value, 0)), count)
            for value, count in counts.get(facet.param, [])
        ]
        for facet in FACETS
    }
    return ordered(FACETS, rows)
