"""This app's API resources, registered on the project's router (observatoire/api/urls.py)."""

from rest_framework.routers import BaseRouter

from resources.api import viewsets


def register(router: BaseRouter) -> None:
    router.register("resources", viewsets.ResourceViewSet, basename="resource")
