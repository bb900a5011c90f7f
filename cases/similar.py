"""Similar cases: the published cases that share the most with a given one.

A shared domain weighs most, then a shared department, a collective dynamic, a region, a practice; words
of the title found in the other case's text (by the site's search) add to the score. One query over the tag
tables, on either database: each tag's newest cases, plus the cases the search for the title's words
found, the weights summed per case.
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
# Each tag contributes its most recent candidates only, so that the cost stays the same whatever the size
# of the base (a common domain is shared by thousands of cases).
CANDIDATES_PER_PART = 400


def similar_cases(case: Case, limit: int = 4) -> list[Case]:
    """Published cases close to `case`, best first (never `case` itself, never an unpublished one); its
    tags are read from `case` (as prefetched by `for_cards()`)."""
    words = title_query(case)
    found = search({"q": words, "sort": Sort.RECENT}, user=None).ids(limit=CANDIDATES_PER_PART) if words else []
    ids = _closest(case, found, limit)
    cases = Case.objects.published().in_bulk(ids)
    return [cases[pk] for pk in ids if pk in cases]


def title_query(case: Case) -> str:
    """A search for any word of the case's title (at most TITLE_WORDS_MAX words of three letters or more)."""
    words = [word for word in _WORD.findall(case.title) if len(word) > 2][:TITLE_WORDS_MAX]
    return " ou ".join(word for word in words if word.lower() not in {"or", "ou"})


def _closest(case: Case, found: list[int], limit: int) -> list[int]:
    """The ids of the `limit` published cases with the highest sum of weights, then the most recently
    published: each tag of `case` gives its weight to the `CANDIDATES_PER_PART` newest cases holding it,
    the search gives `TITLE_WORDS_WEIGHT` to the cases it `found`. The SQL is built from the models' own
    table and column names (hence the `noqa: S608`); every value goes as a parameter."""
    parts, params = [], []
    for field_name, weight in WEIGHTS.items():
        field = Case._meta.get_field(field_name)
        through = field.remote_field.through._meta
        column = through.get_field(field.m2m_reverse_field_name()).column
        for term in getattr(case, field_name).all():
            parts.append(
                f"SELECT * FROM (SELECT case_id, {int(weight)} AS w FROM {through.db_table} WHERE {column} = %s"  # noqa: S608
                f" ORDER BY case_id DESC LIMIT {CANDIDATES_PER_PART}) AS part"
            )
            params.append(term.pk)
    table = Case._meta.db_table
    if found:
        placeholders = ", ".join(["%s"] * len(found))
        parts.append(f"SELECT id AS case_id, {TITLE_WORDS_WEIGHT} AS w FROM {table} WHERE id IN ({placeholders})")  # noqa: S608
        params += found
    if not parts:
        return []
    sql = (
        f"SELECT hits.case_id FROM ({' UNION ALL '.join(parts)}) AS hits"  # noqa: S608
        f" JOIN {table} AS c ON c.id = hits.case_id WHERE c.status = %s AND c.id <> %s"
        " GROUP BY hits.case_id ORDER BY SUM(hits.w) DESC, MAX(c.published_at) DESC, hits.case_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Case.Status.PUBLISHED, case.pk, limit])
        return [row[0] for row in cursor.fetchall()]
