"""The language of an answer.

Pages carry theirs in the URL: French at the site's addresses, English under `/en/` (`i18n_patterns` in
observatoire/urls.py, read by Django's LocaleMiddleware), so that a link, a cached page and a search engine
always see one language per address. The API keeps one address per resource and follows the client's
`Accept-Language` (or Django's language cookie), French by default; its field names never change.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def api_language(request: HttpRequest) -> str:
    """The language an API request asks for; the public page cache keys the API's answers by it too."""
    return translation.get_language_from_request(request, check_path=False)


class ApiLanguageMiddleware:
    """Under /api/, answer in the language of `Accept-Language` rather than the URL's (always French there).

    After LocaleMiddleware, which gives every unprefixed address the default language when the site uses
    `i18n_patterns(prefix_default_language=False)`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = api_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        # A view that answers in another language says so itself (the OpenAPI schema, in English).
        response.headers.setdefault("Content-Language", language)
        return response
