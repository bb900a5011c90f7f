from django.contrib.sitemaps import Sitemap

from cases.models import Case


class CaseSitemap(Sitemap):
    """Every published case; nothing else of the app is worth indexing (searches are not pages)."""

    changefreq = "monthly"
    limit = 10000

    def items(self):
        return Case.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, case: Case):
        return case.updated_at
