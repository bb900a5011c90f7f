"""The home page, the domain pages, what robots read, and the case page's perception panel."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cases.models import Case, Participation
from foundation.cache import cached_by_content
from foundation.reference.models import Domain, Region
from observatoire.pages.counts import case_counts, domains_by_group, france_map, search_url
from observatoire.pages.france_map import regions_map
from surveys.queries import figures_for_domain, perception_for_domains

LATEST = 6


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    published = Case.objects.published()
    numbers = cached_by_content(
        "numbers", lambda: published.aggregate(cases=Count("pk"), fictitious=Count("pk", filter=Q(is_fictitious=True)))
    )
    region_counts = case_counts("regions")
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
            "departments": len(case_counts("departments")),
            "regions": len(region_counts),
        },
        "map": france_map(region_counts),
        "latest": published.for_cards().order_by("-published_at", "-pk")[:LATEST],
        "domain_groups": domains_by_group(case_counts("domains")),
    }
    return render(request, "pages/home.html", context)


@require_safe
def domains(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/domains.html", {"domain_groups": domains_by_group(case_counts("domains"))})


@require_safe
def domain(request: HttpRequest, slug: str) -> HttpResponse:
    domain = get_object_or_404(Domain, slug=slug)
    tagged = Case.objects.published().filter(domains=domain)
    region_counts = case_counts("regions", tagged, scope=f"domain-{domain.slug}")
    france = regions_map(
        list(Region.objects.all()),
        region_counts,
        lambda code: search_url(domain=domain.slug, region=code),
        title=_("Études de cas du domaine « %(domain)s » par région") % {"domain": domain.name},
    )
    context = {
        "domain": domain,
        "count": cached_by_content(f"count:domain-{domain.slug}", tagged.count),
        "map": france,
        "latest": tagged.for_cards().order_by("-published_at", "-pk")[:LATEST],
        "search_url": search_url(domain=domain.slug),
        "siblings": Domain.objects.filter(group=domain.group).exclude(pk=domain.pk),
        "domain_figures": figures_for_domain(domain),
    }
    return render(request, "pages/domain.html", context)


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
        # A chart without a single readable value would draw an empty 1–10 scale: one sentence says so instead.
        readable = perception is not None and any(not cell.missing for _row, cells in perception.rows for cell in cells)
        return render_to_string("surveys/_case_perception.html", {"perception": perception, "readable": readable})

    # The panel depends on the domains alone: a few combinations, shared by thousands of cases.
    return cached_by_content(f"case-perception:{','.join(map(str, domains))}", render)
