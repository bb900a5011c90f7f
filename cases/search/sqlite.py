"""The search on SQLite (the embedded demo): the ORM filters of cases.filters, the normalised text of
`Case.search_text`, the facets counted by one SQL query per facet in use (plus one for the others)."""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from cases.facets import FACETS, Facet, labelled, labels_sql
from cases.filters import CaseFilter, Sort, filtered
from cases.models import Case
from cases.search.text import search_normalised


class SqliteSearch:
    def __init__(self, filterset: CaseFilter, base: QuerySet):
        self.filterset, self.base = filterset, base
        cleaned = filterset.form.cleaned_data
        self.query = (cleaned.get("q") or "").strip()
        self.sort = cleaned.get("sort") or ""

    def _subset(self, base: QuerySet, exclude: str | None = None) -> QuerySet:
        found = filtered(self.filterset, base, exclude)
        return search_normalised(found, self.query) if self.query else found

    def ordered(self, queryset: QuerySet) -> QuerySet:
        found = self._subset(queryset)
        if self.sort == Sort.TITLE:
            return found.order_by("title", "pk")
        if self.sort == Sort.RECENT or not self.query:
            return found.order_by("-published_at", "-pk")
        return found.order_by("-rank", "-published_at", "-pk")

    def facets(self) -> dict[str, list[dict]]:
        cleaned = self.filterset.form.cleaned_data
        active = [facet for facet in FACETS if cleaned.get(facet.param)]
        groups = [([facet for facet in FACETS if facet not in active], self._subset(self.base))]
        groups += [([facet], self._subset(self.base, exclude=facet.param)) for facet in active]
        counts: dict[str, list[tuple[str, int]]] = {facet.param: [] for facet in FACETS}
        for facets, queryset in groups:
            if facets:
                counts.update(_count(facets, queryset))
        with connection.cursor() as cursor:
            cursor.execute(labels_sql())
            labels = {(param, str(value)): (name, position) for param, value, name, position, _key in cursor.fetchall()}
        return labelled(counts, labels)


def _facet_sql(facet: Facet) -> str:
    distinct = "DISTINCT " if facet.case_field is None else ""
    return (
        f"SELECT '{facet.param}', t.{facet.value_field}, COUNT({distinct}x.case_id) FROM {facet.join_sql}"  # noqa: S608
        f" WHERE x.case_id IN (SELECT id FROM base) GROUP BY t.{facet.value_field}"
    )


def _count(facets: list[Facet], queryset: QuerySet) -> dict[str, list[tuple[str, int]]]:
    rows: dict[str, list[tuple[str, int]]] = {facet.param: [] for facet in facets}
    try:
        ids_sql, params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:  # a query of stop words only matches nothing, and Django knows it
        return rows
    sql = f"WITH base (id) AS ({ids_sql}) " + " UNION ALL ".join(_facet_sql(facet) for facet in facets)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            rows[param].append((str(value), count))
    return rows


def similar_sql(
    case: Case, weights: dict[str, int], per_tag: int, found: list[int], found_weight: int, limit: int
) -> list[int]:
    """`cases.search.similar` by one query over the tag tables (each tag's newest cases, then the sum of
    the weights per case), for the databases without the search's state. The SQL is built from the models'
    own table and column names (hence the `noqa: S608`); every value goes as a parameter."""
    parts, params = [], []
    for field_name, weight in weights.items():
        field = Case._meta.get_field(field_name)
        through = field.remote_field.through._meta
        column = through.get_field(field.m2m_reverse_field_name()).column
        for term in getattr(case, field_name).all():
            parts.append(
                f"SELECT * FROM (SELECT case_id, {int(weight)} AS w FROM {through.db_table} WHERE {column} = %s"  # noqa: S608
                f" ORDER BY case_id DESC LIMIT {int(per_tag)}) AS part"
            )
            params.append(term.pk)
    if found:
        placeholders = ", ".join(["%s"] * len(found))
        table = Case._meta.db_table
        parts.append(f"SELECT id AS case_id, {int(found_weight)} AS w FROM {table} WHERE id IN ({placeholders})")  # noqa: S608
        params += found
    if not parts:
        return []
    table = Case._meta.db_table
    sql = (
        f"SELECT hits.case_id FROM ({' UNION ALL '.join(parts)}) AS hits"  # noqa: S608
        f" JOIN {table} AS c ON c.id = hits.case_id WHERE c.status = %s AND c.id <> %s"
        " GROUP BY hits.case_id ORDER BY SUM(hits.w) DESC, MAX(c.published_at) DESC, hits.case_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Case.Status.PUBLISHED, case.pk, limit])
        return [row[0] for row in cursor.fetchall()]
