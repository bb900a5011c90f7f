"""The search's facets: which filters count their values, and how a facet's values are labelled and ordered.

The bottom of the search: it depends on the models alone, so that the filters, the search engine and the
pages may all read the one list.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import F, IntegerField, ManyToManyRel, QuerySet, TextField, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases.collection import Collection
from cases.models import Case, Organization, Participation
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)
from foundation.reference.text import normalize
from foundation.reference.translated import french_sql, translated_fields


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    case_field: str | None  # the many-to-many field, or None for organisation kinds
    model: type | None
    value_field: str  # what the URL carries: slug, INSEE code, organisation kind or country code
    name_field: str = "name"  # the term's name, as the facet labels it
    # A tag of the case (shown on its card, its name in the case's searched text), or a grouping of cases
    # (collections: counted and filtered by, nothing more).
    tag: bool = True
    visible: str = ""  # the term's boolean field that says the public may see it (a published collection)
    on_case: bool = False  # the value is a column of the case itself (its country)

    @property
    def through_table(self) -> str:
        """The table pairing cases (`case_id`) with this facet's terms (`term_column`)."""
        field = Case._meta.get_field(self.case_field)
        return (field.through if isinstance(field, ManyToManyRel) else field.remote_field.through)._meta.db_table

    @property
    def term_column(self) -> str:
        field = Case._meta.get_field(self.case_field)
        return field.field.m2m_column_name() if isinstance(field, ManyToManyRel) else field.m2m_reverse_name()

    @property
    def join_sql(self) -> str:
        """`… x JOIN … t`: SQL pairing each case (`x.case_id`) with this facet's values (`t.<value_field>`)
        that the public may see."""
        if self.on_case:
            cases = Case._meta.db_table
            return f"{cases} t JOIN (SELECT id AS case_id FROM {cases}) x ON x.case_id = t.id"  # noqa: S608
        if self.case_field is None:
            participations, organizations = Participation._meta.db_table, Organization._meta.db_table
            return f"{participations} x JOIN {organizations} t ON t.id = x.organization_id"
        term = self.model._meta
        visible = f" AND t.{term.get_field(self.visible).column}" if self.visible else ""
        return f"{self.through_table} x JOIN {term.db_table} t ON t.{term.pk.column} = x.{self.term_column}{visible}"


FACETS = [
    Facet("domain", _("Domaines de fragilité"), "domains", Domain, "slug"),
    Facet("partnership", _("Pratiques partenariales"), "partnership_types", PartnershipType, "slug"),
    Facet("engagement", _("Pratiques d'engagement"), "engagement_practices", EngagementPractice, "slug"),
    Facet("dynamic", _("Dynamiques collectives territoriales"), "dynamics", CollectiveDynamic, "slug"),
    Facet("region", _("Régions"), "regions", Region, "code"),
    Facet("department", _("Départements"), "departments", Department, "code"),
    Facet("organization_kind", _("Types d'organisation"), None, None, "kind"),
    Facet("impact", _("Impacts observés"), "impacts", Impact, "slug"),
    Facet("sdg", _("Objectifs de développement durable"), "sdgs", SustainableDevelopmentGoal, "number"),
    Facet(
        "collection", _("Collections"), "collections", Collection, "slug", "title", tag=False, visible="is_published"
    ),
    Facet("country", _("Pays"), None, None, "country", on_case=True),
]
FACET_PARAMS = [facet.param for facet in FACETS]
KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(Organization.Kind.choices)}


def _language() -> str:
    """The language whose names label the terms: the active one when it is one of the site's, else French."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _label(facet: Facet):
    """The term's name in the active language, the French where a term has no translation; the French as
    the search's text reads it (`french_sql`). Collections are not translated."""
    name = facet.name_field
    if name not in translated_fields(facet.model):
        return F(name)
    table = connection.ops.quote_name(facet.model._meta.db_table)
    french = RawSQL(french_sql(table, facet.model, name), [], output_field=TextField())  # noqa: S611 (no input)
    language = _language()
    return (
        french if language == settings.LANGUAGE_CODE else Coalesce(NullIf(F(f"{name}_{language}"), Value("")), french)
    )


def term_labels() -> QuerySet:
    """(param, value, label, position, key) for every vocabulary and territory value, in one query; the
    position is the value's rank in its model's own order (vocabularies by position then name, regions by
    name, departments by code), as the database sorts them, so that tags read from the search come in the
    order of a query; the key is the term's primary key, as text."""
    parts = []
    for facet in FACETS:
        if facet.case_field is None:
            continue
        terms = facet.model.objects.order_by()
        if translated_fields(facet.model):
            # Columns named as they are: modeltranslation would read `name` as the active language's column.
            terms = terms.rewrite(False)
        if facet.visible:
            terms = terms.filter(**{facet.visible: True})
        order = [F(name) for name in facet.model._meta.ordering]
        parts.append(
            terms.annotate(
                facet_param=Value(facet.param, output_field=TextField()),
                facet_value=Cast(facet.value_field, TextField()),
                facet_label=Cast(_label(facet), TextField()),
                facet_position=Cast(Window(RowNumber(), order_by=order), IntegerField()),
                facet_key=Cast("pk", TextField()),
            ).values_list("facet_param", "facet_value", "facet_label", "facet_position", "facet_key")
        )
    return parts[0].union(*parts[1:], all=True).order_by()


@lru_cache(maxsize=len(settings.LANGUAGES))
def _term_labels_sql(language: str) -> tuple[str, tuple]:
    with override(language):
        return term_labels().query.sql_with_params()


def term_labels_sql() -> tuple[str, tuple]:
    """The SQL and parameters of `term_labels()` in the active language, compiled once per language: the
    query depends on nothing else, and compiling its union of a queryset per facet took longer than
    running it (every search reads it)."""
    return _term_labels_sql(_language())


def term_label_rows() -> list[tuple]:
    """The rows of `term_labels()`, read with its compiled SQL (`term_labels_sql`)."""
    sql, params = term_labels_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


TAG_FACETS = [facet for facet in FACETS if facet.case_field is not None and facet.tag]


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
