import json
import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

# PostgreSQL refuses NUL in text, so a NUL reaching a query is a 500; no URL of the site holds any
# control character, so a path with one is simply not found.
NUL = "\x00"
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
# Only a JSON body that writes the escape `\u0000` can hold a NUL: the others are not decoded here.
NUL_ESCAPE = re.compile(rb"\\u0000", re.IGNORECASE)
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RejectControlCharactersMiddleware:
    """Refuse NUL characters before any view or query sees them: 404 in the path, 400 elsewhere.

    Checked: the path (any control character), the query string, a form body's keys and values, a
    JSON body's keys and strings, and the cookies (a session key is looked up in the database).
    Tabs and line breaks stay allowed in values: a text area sends them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROL_IN_PATH.search(request.path):
            if request.path.startswith("/api/"):
                # API clients read every error as JSON (observatoire.api.views.not_found).
                return JsonResponse({"detail": "Cette adresse ne correspond à aucune ressource de l'API."}, status=404)
            raise Http404
        where = self._where_nul(request)
        if where is None:
            return self.get_response(request)
        message = f"Requête refusée : caractère nul (U+0000) dans {where}."
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    def _where_nul(self, request: HttpRequest) -> str | None:
        if _has_nul(request.GET.lists()):
            return "les paramètres de l’adresse"
        if _has_nul(request.COOKIES.items()):
            return "les cookies"
        if request.method == "POST" and request.content_type in FORM_TYPES:
            # The API parses JSON only and answers a form with a 415; reading the form here would
            # consume the body and leave it an empty one.
            if not request.path.startswith("/api/") and _has_nul(request.POST.lists()):
                return "le formulaire"
        elif (
            request.content_type == "application/json"
            # The API's serializers refuse a NUL field by field, after authentication, as its schema says.
            and not request.path.startswith("/api/")
        ):
            return "le corps JSON" if json_body_has_nul(request.body) else None
        return None


def json_body_has_nul(body: bytes) -> bool:
    """Whether a JSON body holds a NUL in a key or a string (a malformed one is left to the parser's 400)."""
    if not NUL_ESCAPE.search(body):
        return False
    try:
        return _has_nul_json(json.loads(body))
    except ValueError:
        return False


def _has_nul(pairs) -> bool:
    for key, values in pairs:
        if NUL in key or any(NUL in value for value in (values if isinstance(values, list) else [values])):
            return True
    return False


def _has_nul_json(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(NUL in key or _has_nul_json(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul_json(item) for item in value)
    return False


class ApiCorsMiddleware:
    """Let any origin read the public API: read-only requests only, without credentials.

    Writes need a token or a session and stay same-origin, so no preflight is answered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and request.method in {"GET", "HEAD"}:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response
