"""Whole-response cache for anonymous visitors, shared by every instance through the cache (Redis).

A response is stored under its full URL, tagged with the content's version, which the database moves on
with every committed write to the content (cases, organisations, surveys, indicators, vocabularies,
territories, resources), whatever made it: a save, `QuerySet.update()`, `loaddata` or SQL
(foundation.versions). So no instance serves a page older than the last edit, whichever instance saved it:
a page tagged with another version than the current one is rendered again. The version is one query, the
page one round trip to the cache.

Only what is the same for every anonymous visitor is stored: a GET without a session, messages or
`Authorization` credentials, outside the admin, answered 200 without setting a cookie. A page whose
rendering used the CSP nonce (an inline script or style) is not stored either: the policy header is made
afresh for each response by ContentSecurityPolicyMiddleware, outside this one, and a stored page would
replay one visitor's nonce against another header, so the browser would block its inline code. Pages
that load their scripts and stylesheets from /static/ carry no nonce and are cached.

A page's language is in its URL (English under /en/), so the URL keys it. The API's anonymous GETs are
cached too, keyed by `Accept` and by the language asked for as well, since the API negotiates both:
its searches with facets are the costliest requests of the site. A response served from the cache does
not count against the API's rate limit; everything that reaches a view still does.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from foundation import versions
from foundation.languages import api_language

EXCLUDED_PREFIXES = ("/admin/", "/sante/", "/healthz")
# A response may vary on these and still be cached: the key holds the URL (and `Accept` for the API),
# anonymous requests carry no session cookie, a page's language is in its URL and the API's is in its key.
CACHEABLE_VARY = frozenset({"accept", "accept-encoding", "accept-language", "cookie"})
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
HIT_HEADER = "X-Public-Cache"
_MISSING = object()


class PublicPageCacheMiddleware:
    """Serve anonymous GETs from the shared cache; store the responses that are the same for everybody.

    Placed after WhiteNoise and before the session middleware, so that a hit costs no session lookup,
    and so that the cookies set by the session and CSRF middleware are seen before storing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PUBLIC_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        stored = cache.get(key)
        if getattr(cache, "paused", False):  # the cache is unreachable (foundation.cache_backend): serve uncached
            return self.get_response(request)
        version = stored_version()  # the database's: it follows every write, whatever made it
        if stored is not None and stored[0] == version:
            return _rebuilt(request, stored[1:])
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            cache.set(key, (version, response.status_code, list(response.items()), response.content), seconds)
            response.headers[HIT_HEADER] = "miss"
        return response


def is_cacheable_request(request: HttpRequest) -> bool:
    """An anonymous GET of a public URL: nothing in it can identify a user or carry a message."""
    if request.method != "GET" or request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "_csp_nonce", None):  # the nonce was generated: the page carries it
        return False
    control = response.headers.get("Cache-Control", "").lower()
    if any(directive in control for directive in UNCACHEABLE_CONTROL):
        return False
    vary = {header.strip().lower() for header in response.headers.get("Vary", "").split(",") if header.strip()}
    return vary <= CACHEABLE_VARY


def page_key(request: HttpRequest) -> str:
    parts = [request.build_absolute_uri()]
    if request.path.startswith("/api/"):
        parts += [request.headers.get("Accept", ""), api_language(request)]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"public-cache:page:{digest}"


def _rebuilt(request: HttpRequest, stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    """The stored response, or a 304 when it carries validators the client already holds."""
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers[HIT_HEADER] = "hit"
    etag, last_modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    if etag or last_modified:
        modified = parse_http_date_safe(last_modified) if last_modified else None
        return get_conditional_response(request, etag=etag, last_modified=modified, response=response)
    return response


# --- what is kept until the content changes ---------------------------------------------------------


def cached_by_content[T](key: str, compute: Callable[[], T], *, timeout: int = 24 * 3600) -> T:
    """`compute()`, kept in the shared cache until the content next changes.

    For figures that are costly to count and change only with the content, such as the home page's
    totals or the facets of the unfiltered list: kept under the content's version, which the database moves
    on with every committed write (foundation.versions), so a value is never older than the last edit.
    Kept per language, since a value may hold words (a rendered panel, a label). Computed every time when
    `CONTENT_CACHE` is off (the tests), and by a transaction that has written (nothing it computes is kept,
    so that nothing kept can outlive a rollback).
    """
    if not settings.CONTENT_CACHE:
        return compute()
    version, changed = versions.version()
    if changed:
        return compute()
    versioned = f"content-cache:{version}:{get_language()}:{key}"
    value = cache.get(versioned, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(versioned, value, timeout)
    return value


def stored_version() -> int:
    """The version of what is made once per content and stored (the pages of this cache, the open-data
    dump, the reports' PDFs): the content's version as the database keeps it (foundation.versions). These
    are made where nothing is written (a GET, a background build, a command): PostgreSQL counts only what
    is committed, SQLite what the transaction sees."""
    return versions.version()[0]
