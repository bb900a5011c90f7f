"""The project's URLs plus `/bench/bare/`: the smallest response, through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from observatoire.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """The baseline: what a request costs before any view work (middleware, WSGI, the server)."""
    return HttpResponse("ok", content_type="text/plain")


# The project's patterns are added as they are, not through `include()`: they hold `i18n_patterns`, which
# Django accepts only in the root URLconf.
urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
