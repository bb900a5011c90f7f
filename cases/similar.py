"""Similar cases: the published cases that share the most with a given one.

A shared domain weighs most, then a shared department, a collective dynamic, a region, a practice; words
of the title found in the other case's text (by the site's search) add to the score. One grouped query
over the tag tables, whatever the size of the base, then the chosen cases in one more. The SQL is built
from the models' own table and column names (hence the `noqa: S608`); every value goes as a parameter.
"""

import re

from django.db import connection

from cases.filters import Sort
from cases.models import Case
from cases.search import search

_WORD = re.compile(r"\w+", re.UNICODE)

WEIGHTS = {
    "domains": 3,
    "departments": 3,
    "dynamics": 2,
    "regions": 1,
    "partnership_types": 1,
    "engagement_practices": 1,
}
TITLE_WORDS_WEIGHT = 2
TITLE_WORDS_MAX = 6
# Each kind of kinship contributes its most recent candidates only, so that the cost of the query stays
# the same whatever the size of the base (a common domain is shared by thousands of cases).
CANDIDATES_PER_PART = 400


def similar_cases(case: Case, limit: int = 4) -> list[Case]:
    """Published cases close to `case`, best first (never `case` itself, never an unpublished one).

    The tags are read from `case` as prefetched by `for_cards()`, so no query is spent on them.
    """
    parts, params = [], []
    for field_name, weight in WEIGHTS.items():
        values = [term.pk for term in getattr(case, field_name).all()]
        if not values:
            continue
        field = Case._meta.get_field(field_name)
        through = field.remote_field.through._meta
        column = through.get_field(field.m2m_reverse_field_name()).column
        placeholders = ", ".join(["%s"] * len(values))
        parts.append(
            f"SELECT * FROM (SELECT case_id, {weight} AS w FROM {through.db_table} WHERE {column} IN ({placeholders})"  # noqa: S608
            f" ORDER BY case_id DESC LIMIT {CANDIDATES_PER_PART}) AS part"
        )
        params += values
    words = _title_words(case)
    if words:
        placeholders = ", ".join(["%s"] * len(words))
        parts.append(
            f"SELECT id AS case_id, {TITLE_WORDS_WEIGHT} AS w FROM {Case._meta.db_table}"  # noqa: S608
            f" WHERE id IN ({placeholders})"
        )
        params += words
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
        ids = [row[0] for row in cursor.fetchall()]
    found = Case.objects.published().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _title_words(case: Case) -> list[int]:
    """The most recent published cases whose text holds any word of this case's title (the search's own
    matching: cases.search)."""
    words = [word for word in _WORD.findall(case.title) if len(word) > 2][:TITLE_WORDS_MAX]
    if not words:
        return []
    query = " ou ".join(word for word in words if word.lower() not in {"or", "ou"})
    return search({"q": query, "sort": Sort.RECENT}, user=None).ids(limit=CANDIDATES_PER_PART)
