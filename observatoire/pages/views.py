"""Pages above both apps: home, territories, domains, about, and what robots read.

Every count here starts from `Case.objects.published()`, so no draft ever shades the map or swells a number.
"""

import re

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from cases.models import Case, Participation
from indicators.models import Indicator
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
from observatoire.territories.charts import priority_chart
from observatoire.territories.pdf import render_pdf
from observatoire.territories.profile import GAP, Territory, count_values, territory_profile
from surveys.selectors import figures_for_domain, figures_for_region, perception_for_domains

LATEST = 6
REGION_LATEST = 8
TERRITORY_CODE = re.compile(r"[0-9][0-9ABab][0-9]?")


def _search_url(**params) -> str:
    return f"{reverse('cases:list')}?{urlencode(params, doseq=True)}"


def _counts(field_name: str, cases: QuerySet | None = None, scope: str = "all") -> dict[str, int]:
    """Published cases per value of the many-to-many `field_name` (a region code, a domain id, …).

    Counting runs over the whole base, so the result is kept in the shared cache until the content next
    changes; `scope` names the subset of cases in the cache key.
    """
    return cached_by_content(f"counts:{field_name}:{scope}", lambda: _count_values(field_name, cases))


def _count_values(field_name: str, cases: QuerySet | None) -> dict[str, int]:
    return count_values(field_name, Case.objects.published() if cases is None else cases)


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


def _territory_or_404(model, code: str) -> Territory:
    """A region or a department by its INSEE code; anything that cannot be one is a 404, not a query."""
    if not TERRITORY_CODE.fullmatch(code):
        raise Http404("Code de territoire inconnu.")
    if model is Region:
        return Territory.of_region(get_object_or_404(Region, code=code.upper()))
    return Territory.of_department(get_object_or_404(Department.objects.select_related("region"), code=code.upper()))


def _profile_context(territory: Territory) -> dict:
    profile = territory_profile(territory)
    return {
        "territory": territory,
        "profile": profile,
        "priority_chart": priority_chart(profile),
        "gap": GAP,
    }


def _profile_page(request: HttpRequest, territory: Territory) -> HttpResponse:
    context = _profile_context(territory)
    cases = territory.cases()
    scope = f"{territory.level}-{territory.code}"
    domain_counts = _counts("domains", cases, scope=scope)
    context |= {
        "count": context["profile"].case_count,
        "domains": sorted(
            ((domain, domain_counts[domain.pk]) for domain in Domain.objects.filter(pk__in=domain_counts)),
            key=lambda item: -item[1],
        ),
        "latest": cases.for_cards().order_by("-published_at", "-pk")[:REGION_LATEST],
        "search_url": territory.search_url(),
        "region_figures": figures_for_region(territory.region),
    }
    if territory.is_region:
        region = territory.region
        departments = list(region.departments.all())
        department_counts = _counts("departments", cases, scope=scope)
        context |= {
            "region": region,
            "map": region_map(
                region, departments, department_counts, lambda department: _search_url(department=department)
            ),
            "departments": [(department, department_counts.get(department.code, 0)) for department in departments],
        }
    return render(request, "pages/territory.html", context)


@require_safe
def territory(request: HttpRequest, code: str) -> HttpResponse:
    """A region's profile: its indicators, its fragilities objective and perceived, its alliances."""
    return _profile_page(request, _territory_or_404(Region, code))


@require_safe
def department(request: HttpRequest, code: str) -> HttpResponse:
    """A department's profile, the same as a region's, among the departments."""
    return _profile_page(request, _territory_or_404(Department, code))


def _report(request: HttpRequest, territory: Territory, *, pdf: bool) -> HttpResponse:
    context = _profile_context(territory) | {
        "pdf": pdf,
        "base_template": "pages/report_pdf_base.html" if pdf else "base.html",
    }
    if not pdf:
        return render(request, "pages/territory_report.html", context)
    html = render_to_string("pages/territory_report.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    filename = f"rapport-{territory.kind_label.replace('é', 'e')}-{territory.code}.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def territory_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Region, code), pdf=False)


@require_safe
def territory_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Region, code), pdf=True)


@require_safe
def department_report(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Department, code), pdf=False)


@require_safe
def department_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, _territory_or_404(Department, code), pdf=True)


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
def about_indicators(request: HttpRequest) -> HttpResponse:
    """The method of the territorial profiles, and the indicators with their definitions and sources."""
    context = {
        "indicators": Indicator.objects.prefetch_related("domains"),
        "domains_without": Domain.objects.filter(indicators__isnull=True),
        "gap": GAP,
    }
    return render(request, "pages/about_indicators.html", context)


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
