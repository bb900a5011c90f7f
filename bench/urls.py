"""The project's URLs plus `/bench/bare/`: the smallest response, through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    """The baseline: what a request costs before any view work (middleware, WSGI, the server)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("observatoire.urls")),
]
