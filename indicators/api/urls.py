"""This app's API resources, registered on the project's router (observatoire/api/urls.py)."""

from rest_framework.routers import BaseRouter

from indicators.api import viewsets


def register(router: BaseRouter) -> None:
    """Register this app's viewsets on the `/api/v1/` router."""
    router.register("indicators", viewsets.IndicatorViewSet, basename="indicator")
    router.register("indicator-values", viewsets.IndicatorValueViewSet, basename="indicator-value")
