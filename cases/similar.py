"""Similar cases: the published cases that share the most with a given one.

A shared domain weighs most, then a shared department, a collective dynamic, a region, a practice; words
of the title found in the other case's text (by the site's search) add to the score. The search engine
computes it (`cases.search.similar`): on PostgreSQL from the state it holds, whatever the size of the base.
"""

import re

from cases.models import Case
from cases.search import similar

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
    """Published cases close to `case`, best first (never `case` itself, never an unpublished one).

    Away from PostgreSQL, the tags are read from `case` as prefetched by `for_cards()`.
    """
    ids = similar(
        case,
        weights=WEIGHTS,
        per_tag=CANDIDATES_PER_PART,
        words=title_query(case),
        words_weight=TITLE_WORDS_WEIGHT,
        limit=limit,
    )
    found = Case.objects.published().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def title_query(case: Case) -> str:
    """A search for any word of the case's title (at most TITLE_WORDS_MAX words of three letters or more)."""
    words = [word for word in _WORD.findall(case.title) if len(word) > 2][:TITLE_WORDS_MAX]
    return " ou ".join(word for word in words if word.lower() not in {"or", "ou"})
