"""This app's API resources, registered on the project's router (observatoire/api/urls.py)."""

from rest_framework.routers import BaseRouter

from cases.api import collections, media, viewsets


def register(router: BaseRouter) -> None:
    """Register this app's viewsets on the `/api/v1/` router."""
    router.register("cases", viewsets.CaseViewSet, basename="case")
    router.register(r"cases/(?P<case_slug>[^/]+)/images", media.CaseImageViewSet, basename="case-image")
    router.register(r"cases/(?P<case_slug>[^/]+)/documents", media.CaseDocumentViewSet, basename="case-document")
    router.register("organizations", viewsets.OrganizationViewSet, basename="organization")
    router.register("domains", viewsets.DomainViewSet, basename="domain")
    router.register("partnership-types", viewsets.PartnershipTypeViewSet, basename="partnership-type")
    router.register("engagement-practices", viewsets.EngagementPracticeViewSet, basename="engagement-practice")
    router.register("collective-dynamics", viewsets.CollectiveDynamicViewSet, basename="collective-dynamic")
    router.register("regions", viewsets.RegionViewSet, basename="region")
    router.register("departments", viewsets.DepartmentViewSet, basename="department")
    router.register("collections", collections.CollectionViewSet, basename="collection")
    router.register("impacts", collections.ImpactViewSet, basename="impact")
    router.register("sdgs", collections.SustainableDevelopmentGoalViewSet, basename="sdg")
