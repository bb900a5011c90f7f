"""This app's API resources, registered on the project's router (observatoire/api/urls.py)."""

from rest_framework.routers import BaseRouter

from surveys.api import viewsets


def register(router: BaseRouter) -> None:
    """Register this app's viewsets on the `/api/v1/` router."""
    router.register("programmes", viewsets.ProgrammeViewSet, basename="programme")
    router.register("studies", viewsets.StudyViewSet, basename="study")
    router.register("questions", viewsets.QuestionViewSet, basename="question")
    router.register("figures", viewsets.FigureViewSet, basename="figure")
