"""The sitemap's sections: the site's pages, regions and departments, domains, published cases, studies and
questions, each page in French and in English with its alternates (`hreflang`, and x-default: French)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cases.sitemaps import CaseSitemap, CollectionSitemap, OrganizationSitemap, SustainableDevelopmentGoalSitemap
from foundation.reference.models import Department, Domain, Region
from resources.models import Resource
from surveys.models import Programme, Question, Study


class PageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "pages:home",
            "cases:list",
            "cases:news",
            "pages:territories",
            "pages:france",
            "pages:domains",
            "organizations:list",
            "collections:list",
            "pages:about",
            "notions:index",
            "programmes:list",
            "resources:list",
            "audiences:detail:organisations",
            "audiences:detail:collectivites",
            "audiences:detail:institutions",
            "audiences:detail:territoires",
            "audiences:researchers",
        ]

    def location(self, item: str) -> str:
        # "audiences:detail:<slug>" names a page of the audience route with its slug.
        name, _, slug = item.partition(":detail:")
        return reverse(f"{name}:detail", args=[slug]) if slug else reverse(item)


class RegionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Region.objects.order_by("code")

    def location(self, region: Region) -> str:
        return reverse("pages:territory", args=[region.code])


class DepartmentSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Department.objects.order_by("code")

    def location(self, department: Department) -> str:
        return reverse("pages:department", args=[department.code])


class DomainSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Domain.objects.all()

    def location(self, domain: Domain) -> str:
        return reverse("pages:domain", args=[domain.slug])


class StudySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Study.objects.published().order_by("pk")


class QuestionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Question.objects.published().select_related("study").order_by("pk")


class ProgrammeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Programme.objects.order_by("position")


class ResourceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Resource.objects.published().order_by("pk")

    def lastmod(self, resource: Resource):
        return resource.updated_at


def bilingual(sitemap: type[Sitemap]) -> type[Sitemap]:
    """The section listing each page in every language of LANGUAGES, with the other languages as alternates."""
    return type(sitemap.__name__, (sitemap,), {"i18n": True, "alternates": True, "x_default": True})


SITEMAPS = {
    name: bilingual(sitemap)
    for name, sitemap in {
        "pages": PageSitemap,
        "territoires": RegionSitemap,
        "departements": DepartmentSitemap,
        "domaines": DomainSitemap,
        "cas": CaseSitemap,
        "organisations": OrganizationSitemap,
        "collections": CollectionSitemap,
        "odd": SustainableDevelopmentGoalSitemap,
        "enquetes": StudySitemap,
        "questions": QuestionSitemap,
        "programmes": ProgrammeSitemap,
        "ressources": ResourceSitemap,
    }.items()
}
