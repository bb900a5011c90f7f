"""What several pages count: published cases per region, department or domain, kept in the shared cache until
the content next changes, and the links and maps drawn from those counts.

Every count starts from `Case.objects.published()`, so no draft ever shades the map or swells a number.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from cases.models import Case
from foundation.cache import cached_by_content
from foundation.reference.models import Domain, Region
from observatoire.pages.france_map import regions_map
from observatoire.territories.alliances import count_values


def search_url(**params) -> str:
    return f"{reverse('cases:list')}?{urlencode(params, doseq=True)}"


def case_counts(field_name: str, cases: QuerySet | None = None, scope: str = "all") -> dict[str, int]:
    """Published cases per value of the many-to-many `field_name` (a region code, a domain id, …).

    Counting runs over the whole base, so the result is kept in the shared cache until the content next
    changes; `scope` names the subset of cases in the cache key.
    """
    return cached_by_content(f"counts:{field_name}:{scope}", lambda: _count_values(field_name, cases))


def _count_values(field_name: str, cases: QuerySet | None) -> dict[str, int]:
    return count_values(field_name, Case.objects.published() if cases is None else cases)


def domains_by_group(counts: dict[int, int]) -> list[tuple[str, list[tuple[Domain, int]]]]:
    groups: dict[str, list[tuple[Domain, int]]] = {str(label): [] for _value, label in Domain.Group.choices}
    for domain in Domain.objects.all():
        groups[domain.get_group_display()].append((domain, counts.get(domain.pk, 0)))
    return [(label, domains) for label, domains in groups.items() if domains]


def france_map(counts: dict[str, int]):
    return regions_map(list(Region.objects.all()), counts, lambda code: reverse("pages:territory", args=[code]))
