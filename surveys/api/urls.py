"""This app's API resources, registered on the project's router (observatoire/api/urls.py)."""

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Register this app's viewsets on the `/api/v1/` router."""
