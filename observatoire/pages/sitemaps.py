"""The sitemap's sections: the site's own pages, the territories, the domains and every published case."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cases.sitemaps import CaseSitemap
from observatoire.reference.models import Domain, Region


class PageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["pages:home", "cases:list", "pages:territories", "pages:domains", "pages:about"]

    def location(self, item: str) -> str:
        return reverse(item)


class RegionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Region.objects.order_by("code")

    def location(self, region: Region) -> str:
        return reverse("pages:territory", args=[region.code])


class DomainSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Domain.objects.all()

    def location(self, domain: Domain) -> str:
        return reverse("pages:domain", args=[domain.slug])


SITEMAPS = {"pages": PageSitemap, "territoires": RegionSitemap, "domaines": DomainSitemap, "cas": CaseSitemap}
