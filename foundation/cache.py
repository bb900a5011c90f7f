"""Whole-response cache for anonymous visitors, shared by every instance through the cache (Redis).

A response is stored under its full URL, tagged with the content version kept in the shared cache. Any
write to the content (cases, organisations, participations, links, surveys, indicators, vocabularies, territories)
bumps the version once its transaction commits, so that no instance serves a page older than the last
edit, whichever instance saved it: a page tagged with another version than the current one is rendered
again. The version and the page are read in one round trip; the versions the database keeps, which follow
the writes that send no signal too (`QuerySet.update()`, SQL), are read in one query and added to it.

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
import time
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from foundation.languages import api_language

VERSION_KEY = "public-cache:version"
# Apps whose data the public pages and the API show.
CONTENT_APPS = ("cases", "surveys", "indicators", "reference", "resources")
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
        # One round trip for the version and the page: a page stored under another version is stale.
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        if version is None:  # the cache is unreachable (foundation.cache_backend): serve uncached
            return self.get_response(request)
        version = stored_version(version)  # a write that sent no signal makes pages stale too
        stored = found.get(key)
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


# --- the content version -----------------------------------------------------------------------------


def content_version() -> int:
    """The current version, started from the clock when missing, so that an evicted or flushed version
    never brings back pages stored under an earlier one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


# Versions the database keeps, which follow every committed write, including those that send Django no
# signal (`QuerySet.update()`, SQL): an app registers a function that returns its committed version and
# whether the current transaction has changed what it versions since (a value is then computed and not
# kept, so that nothing kept can outlive a rollback). The cases register their search data's version
# (cases.apps).
DATABASE_VERSIONS: list[Callable[[], tuple[int, bool]]] = []


def cached_by_content[T](key: str, compute: Callable[[], T], *, timeout: int = 24 * 3600) -> T:
    """`compute()`, kept in the shared cache until the content next changes.

    For figures that are costly to count and change only with the content, such as the home page's
    totals or the facets of the unfiltered list: any write to the content bumps the version, so a value
    is never older than the last edit; kept under the versions the database keeps too (`DATABASE_VERSIONS`).
    Kept per language, since a value may hold words (a rendered panel, a label). Computed every time when
    `CONTENT_CACHE` is off (the tests).
    """
    if not settings.CONTENT_CACHE:
        return compute()
    database, changed = _database_versions()
    version = content_version()
    if changed or version is None:  # nothing is kept by a transaction that wrote, nor without the cache
        return compute()
    versioned = f"content-cache:{version + database}:{get_language()}:{key}"
    value = cache.get(versioned, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(versioned, value, timeout)
    return value


def _database_versions() -> tuple[int, bool]:
    """The sum of the versions the database keeps, and whether the current transaction has changed what
    one of them versions."""
    read = [version() for version in DATABASE_VERSIONS]
    return sum(number for number, _changed in read), any(changed for _number, changed in read)


def stored_version(version: int | None = None) -> int | None:
    """The version of what is made once per content and stored (the pages of this cache, the open-data
    dump, the reports' PDFs): the content version (`version`, else read) plus the versions the database
    keeps. Each only grows, so their sum moves on whenever one of them does, a write that sends no signal
    included. None when the cache is unreachable. These are made where nothing is written (a GET, a
    background build, a command): PostgreSQL counts only what is committed, SQLite what the transaction
    sees."""
    version = content_version() if version is None else version
    return None if version is None else version + _database_versions()[0]


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def content_changed(sender, **kwargs) -> None:
    """Bump the version when the transaction commits, once per transaction.

    Not before the commit: another instance could otherwise render the old data under the new version
    between the bump and the commit, and keep serving it.
    """
    pending = getattr(connection, "run_on_commit", [])
    if connection.in_atomic_block and any(func is bump_content_version for _sids, func, _robust in pending):
        return
    transaction.on_commit(bump_content_version)


def connect_content_signals() -> None:
    """Watch every model of the content apps, including many-to-many tables and history records."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"public-cache-{model._meta.label_lower}"
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
            if model._meta.auto_created:
                m2m_changed.connect(content_changed, sender=model, dispatch_uid=uid)
