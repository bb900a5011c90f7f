"""Pages above both apps: home, territories, domains, about, and what robots read.

Every count here starts from `Case.objects.published()`, so no draft ever shades the map or swells a number.
"""

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from cases.models import Case, Participation
from observatoire.cache import cached_by_content
from observatoire.pages.france_map import region_map, regions_map
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)
from surveys.selectors import figures_for_domain, figures_for_region, perception_for_domains

LATEST = 6
REGION_LATEST = 8


def _search_url(**params) -> str:
    return f"{reverse('cases:list')}?{urlencode(params, doseq=True)}"


def _counts(field_name: str, cases: QuerySet | None = None, scope: str = "all") -> dict[str, int]:
    """Published cases per value of the many-to-many `field_name` (a region code, a domain id, …).

    Counting runs over the whole base, so the result is kept in the shared cache until the content next
    changes; `scope` names the subset of cases in the cache key.
    """
    return cached_by_content(f"counts:{field_name}:{scope}", lambda: _count_values(field_name, cases))


def _count_values(field_name: str, cases: QuerySet | None) -> dict[str, int]:
    field = Case._meta.get_field(field_name)
    column = field.m2m_reverse_field_name()
    cases = Case.objects.published() if cases is None else cases
    rows = (
        field.remote_field.through.objects.filter(case_id__in=cases.values("pk"))
        .values(column)
        .annotate(n=Count("case_id"))
        .values_list(column, "n")
    )
    return dict(rows)


def _domains_by_group(counts: dict[int, int]) -> list[tuple[str, list[tuple[Domain, int]]]]:
    groups: dict[str, list[tuple[Domain, int]]] = {label: [] for _value, label in Domain.Group.choices}
    for domain in Domain.objects.all():
        groups[domain.get_group_display()].append((domain, counts.get(domain.pk, 0)))
    return [(label, domains) for label, domains in groups.items() if domains]


def _france(counts: dict[str, int]):
    return regions_map(list(Region.objects.all()), counts, lambda code: reverse("pages:territory", args=[code]))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    published = Case.objects.published()
    numbers = cached_by_content(
        "numbers", lambda: published.aggregate(cases=Count("pk"), fictitious=Count("pk", filter=Q(is_fictitious=True)))
    )
    region_counts = _counts("regions")
    context = {
        "numbers": {
            **numbers,
            "organizations": cached_by_content(
                "organizations",
                lambda: (
                    Participation.objects.filter(case_id__in=published.values("pk"))
                    .values("organization_id")
                    .distinct()
                    .count()
                ),
            ),
            "departments": len(_counts("departments")),
            "regions": len(region_counts),
        },
        "map": _france(region_counts),
        "latest": published.for_cards().order_by("-published_at", "-pk")[:LATEST],
        "domain_groups": _domains_by_group(_counts("domains")),
    }
    return render(request, "pages/home.html", context)


@require_safe
def territories(request: HttpRequest) -> HttpResponse:
    counts = _counts("regions")
    regions = [(region, counts.get(region.code, 0)) for region in Region.objects.all()]
    return render(request, "pages/territories.html", {"map": _france(counts), "regions": regions})


@require_safe
def territory(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    in_region = Case.objects.published().in_regions([region.code])
    departments = list(region.departments.all())
    department_counts = _counts("departments", in_region, scope=f"region-{region.code}")
    domain_counts = _counts("domains", in_region, scope=f"region-{region.code}")
    domains = [(domain, domain_counts[domain.pk]) for domain in Domain.objects.filter(pk__in=domain_counts)]
    context = {
        "region": region,
        "count": cached_by_content(f"count:region-{region.code}", in_region.count),
        "map": region_map(
            region, departments, department_counts, lambda department: _search_url(department=department)
        ),
        "departments": [(department, department_counts.get(department.code, 0)) for department in departments],
        "domains": sorted(domains, key=lambda item: -item[1]),
        "latest": in_region.for_cards().order_by("-published_at", "-pk")[:REGION_LATEST],
        "search_url": _search_url(region=region.code),
        "region_figures": figures_for_region(region),
    }
    return render(request, "pages/territory.html", context)


@require_safe
def domains(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/domains.html", {"domain_groups": _domains_by_group(_counts("domains"))})


@require_safe
def domain(request: HttpRequest, slug: str) -> HttpResponse:
    domain = get_object_or_404(Domain, slug=slug)
    tagged = Case.objects.published().filter(domains=domain)
    region_counts = _counts("regions", tagged, scope=f"domain-{domain.slug}")
    france = regions_map(
        list(Region.objects.all()),
        region_counts,
        lambda code: _search_url(domain=domain.slug, region=code),
        title=f"Études de cas du domaine « {domain.name} » par région",
    )
    context = {
        "domain": domain,
        "count": cached_by_content(f"count:domain-{domain.slug}", tagged.count),
        "map": france,
        "latest": tagged.for_cards().order_by("-published_at", "-pk")[:LATEST],
        "search_url": _search_url(domain=domain.slug),
        "siblings": Domain.objects.filter(group=domain.group).exclude(pk=domain.pk),
        "domain_figures": figures_for_domain(domain),
    }
    return render(request, "pages/domain.html", context)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    context = {
        "domain_groups": _domains_by_group({}),
        "vocabularies": [
            ("Pratiques partenariales", "partnership", PartnershipType.objects.all()),
            ("Pratiques d'engagement", "engagement", EngagementPractice.objects.all()),
            ("Dynamiques collectives territoriales", "dynamic", CollectiveDynamic.objects.all()),
        ],
        "region_count": Region.objects.count(),
        "department_count": Department.objects.count(),
    }
    return render(request, "pages/about.html", context)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Searches are endless combinations of filters: robots get the sitemap instead."""
    sitemap = request.build_absolute_uri(reverse("pages:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /cas/?", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def case_perception(case: Case) -> SafeString:
    """The case page's panel: how the public perceives the fragility of the case's domains."""
    domains = sorted(domain.pk for domain in case.domains.all())

    def render() -> SafeString:
        perception = perception_for_domains(case.domains.all())
        return render_to_string("surveys/_case_perception.html", {"perception": perception})

    # The panel depends on the domains alone: a few combinations, shared by thousands of cases.
    return cached_by_content(f"case-perception:{','.join(map(str, domains))}", render)
