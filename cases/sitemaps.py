from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cases.models import Case, Collection, Organization
from foundation.reference.models import SustainableDevelopmentGoal


class CaseSitemap(Sitemap):
    """Every published case; nothing else of the app is worth indexing (searches are not pages)."""

    changefreq = "monthly"
    limit = 10000

    def items(self):
        return Case.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, case: Case):
        return case.updated_at


class OrganizationSitemap(Sitemap):
    """The organisations of published cases: those that have a page."""

    changefreq = "monthly"

    def items(self):
        return Organization.objects.public().only("slug").order_by("pk")


class CollectionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Collection.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, collection: Collection):
        return collection.updated_at


class SustainableDevelopmentGoalSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return SustainableDevelopmentGoal.objects.all()

    def location(self, goal: SustainableDevelopmentGoal) -> str:
        return reverse("sdgs:detail", args=[goal.number])
