"""The API's documentation page, and JSON answers for addresses under /api/ that name nothing."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import APIRootView

# The language of the OpenAPI schema's descriptions, and of the documentation page that reads it: its
# readers are developers, anywhere. `?lang=fr` gives the French (drf-spectacular's own parameter).
SCHEMA_LANGUAGE = "en"


def schema_language(request: HttpRequest) -> str:
    """The schema's language: `?lang=` when it names a language of the site, English otherwise."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else SCHEMA_LANGUAGE


class ApiSchemaView(SpectacularAPIView):
    """The OpenAPI schema, in English whatever the client's Accept-Language (the field names never change);
    the API's answers themselves follow Accept-Language."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        # drf-spectacular's own `?lang=` still takes precedence, inside this default.
        with translation.override(SCHEMA_LANGUAGE):
            response = super().get(request, *args, **kwargs)
        response.headers["Content-Language"] = schema_language(request)
        return response


class ApiDocsView(SpectacularSwaggerView):
    """Swagger UI served from the project's static files (drf-spectacular-sidecar), under the site's CSP.

    The template (templates/drf_spectacular/swagger_ui.html) puts the request's CSP nonce on its inline
    style and script. The online validator is turned off: it would load a badge from validator.swagger.io,
    which the CSP forbids and which would tell a third party what the page shows.
    """

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["settings"] = self._dump({**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None})
        # The page shows the schema, in the schema's language.
        language = schema_language(request)
        response.data["language"] = language
        response.headers["Content-Language"] = language
        return response


class ApiRootView(APIRootView):
    """The resources, then the whole base as open data: a client that wants every case reads the
    pre-built dump (its `datapackage.json` names the files) rather than exporting the list."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["opendata"] = request.build_absolute_uri(
            reverse("pages:opendata-file", args=["datapackage.json"])
        )
        return response


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """API clients read errors as JSON, even for an address that names no resource.

    The catch-all hides the addresses from CommonMiddleware's APPEND_SLASH, so the redirect to the
    address with its slash is made here.
    """
    if request.method in {"GET", "HEAD"} and not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return JsonResponse(
        {"detail": _("Cette adresse ne correspond à aucune ressource de l'API (voir /api/docs/).")}, status=404
    )
