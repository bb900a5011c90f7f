"""Read a page as it is served in English: the view answers inside `translation.override("en")`.

The request goes to the view itself (no middleware), so what decides the language is the override alone, as
it will be for the pages under /en/."""

from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from tests.html import Element, parse


def english_response(path: str, *, method: str = "get", data: dict | None = None):
    factory = RequestFactory()
    request = getattr(factory, method)(path, data or {})
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._dont_enforce_csrf_checks = True
    match = resolve(urlsplit(path).path)
    with translation.override("en"):
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return response


def english_page(path: str) -> Element:
    response = english_response(path)
    assert response.status_code == 200, response.status_code
    return parse(response.content)
