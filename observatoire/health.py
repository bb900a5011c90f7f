"""The health check for load balancers and monitoring: is the database reachable, is the cache, does every
case have its search data, does every content table move the content's version on?"""

import secrets
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cases.search import unsearchable
from cases.search.schema import missing_triggers
from foundation import versions


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    if getattr(cache, "paused", False):  # the site is serving without it after a recent failure
        raise RuntimeError("injoignable depuis moins de quelques secondes")
    # A key of its own per call: instances checking at once never read each other's value.
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("la valeur écrite n’a pas été relue")
    cache.delete(key)


def _search() -> None:
    missing = unsearchable()
    if missing:
        raise RuntimeError(f"{missing} étude(s) de cas sans données de recherche à jour (manage.py reindex_cases)")
    if triggers := missing_triggers():
        raise RuntimeError(f"{triggers} déclencheur(s) de recherche absent(s) ou désactivé(s) (manage.py migrate)")


def _content() -> None:
    if tables := versions.missing_triggers():
        raise RuntimeError(
            f"{tables} déclencheur(s) de version du contenu absent(s) ou désactivé(s) : les pages et fichiers "
            "gardés ne suivraient plus leurs écritures (manage.py migrate)"
        )


CHECKS = {"database": _database, "cache": _cache, "search": _search, "content": _content}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 `{"status": "ok"}` when every check passes, else 503 `{"status": "erreur"}`.

    Anonymous callers learn nothing more, since an error's text may name hosts; staff members and
    requests carrying settings.HEALTH_TOKEN in the X-Health-Token header also get each check's result.
    """
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 -- any failure of a dependency is the answer, not a 500
            results[name] = f"erreur : {type(error).__name__}: {error}"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    body = {"status": "ok" if healthy else "erreur"}
    if _may_see_details(request):
        body["checks"] = results
    return JsonResponse(body, status=200 if healthy else 503)


def _may_see_details(request: HttpRequest) -> bool:
    token = request.headers.get("X-Health-Token", "")
    if settings.HEALTH_TOKEN and secrets.compare_digest(token.encode(), settings.HEALTH_TOKEN.encode()):
        return True
    # Only a request that sent a session cookie is looked up: the check itself opens no session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    try:
        return request.user.is_staff
    except Exception:  # noqa: BLE001 -- the session lives in the database and cache being checked
        return False
