"""`/donnees/`: the open-data dump of the whole base (observatoire.opendata), a page and its files.

Both read the newest complete dump from storage and, when the content has changed since, let a build
start in the background: no request waits for one. An older dump is served meanwhile unless it holds a row
withdrawn since: then "in preparation", as before the first build.
"""

import re
from datetime import datetime

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from foundation.licences import content_licence
from observatoire import opendata
from observatoire.opendata import dcat
from observatoire.opendata.tables import DATASETS, TABLES

SAFE_NAME = re.compile(r"[a-z0-9-]+\.[a-z]+")

CONTENT_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}


def _in_language(resource: dict) -> dict:
    """A resource of the package with its title in the page's language: the package's own (`title_en`), or,
    in a package built before it had one, its table's declaration, translated."""
    declared = next((table.title for table in TABLES if resource["name"] in {table.name, f"{table.name}-json"}), None)
    title = resource.get(f"title_{get_language()}") or declared or resource["title"]
    return {**resource, "title": title}


def _datasets(package: dict) -> list[tuple[str, list[dict]]]:
    """The package's files grouped by dataset, in the order of the declarations."""
    return [
        (title, [_in_language(resource) for resource in package["resources"] if resource.get("dataset") == key])
        for key, (title, _description) in DATASETS.items()
    ]


def _current() -> dict | None:
    """The newest dump that may be served (`opendata.current`), after starting a build when it is older."""
    return opendata.current()[1]


def _in_preparation() -> HttpResponse:
    response = HttpResponse(
        gettext("Les données ouvertes sont en préparation ; réessayez dans une minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response.headers["Retry-After"] = str(opendata.RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    latest, package = opendata.current()
    context = {
        "package": package,
        "first": latest is None,
        "datasets": _datasets(package) if package else [],
        "tables": TABLES,
        "created": datetime.fromisoformat(package["created"]) if package else None,
        "licence_note": opendata.licence_note(),
        "licence": content_licence(),
        "sources": opendata.SOURCES,
        "max_rows": settings.API_CSV_ANON_MAX_ROWS,
    }
    response = render(request, "pages/opendata.html", context)
    if package is None:  # "in preparation" must not outlive the build in a cache
        patch_cache_control(response, no_store=True)
    return response


@require_safe
def download(request: HttpRequest, name: str) -> HttpResponse:
    """A file of the newest dump, with validators from its content, or a 503 before the first build."""
    if name != opendata.DESCRIPTOR_NAME and not (name.endswith(tuple(CONTENT_TYPES)) and SAFE_NAME.fullmatch(name)):
        raise Http404
    package = _current()
    if package is None:
        return _in_preparation()
    hashes = {resource["path"]: resource["hash"].removeprefix("sha256:") for resource in package["resources"]}
    if name not in hashes and name != opendata.DESCRIPTOR_NAME:
        raise Http404
    etag = quote_etag(hashes.get(name, f"{package['version']}-{name}"))
    last_modified = int(datetime.fromisoformat(package["created"]).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            opendata.open_file(package, name),
            content_type=CONTENT_TYPES[name[name.rindex(".") :]],
            as_attachment=name in hashes,
            filename=f"observatoire-{name}" if name in hashes else name,
        )
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    response.headers["X-Content-Version"] = package["version"]
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response


@require_safe
def catalogue(request: HttpRequest, ext: str) -> HttpResponse:
    """The DCAT-AP catalogue of the newest dump, in JSON-LD or Turtle (observatoire.opendata.dcat)."""
    package = _current()
    if package is None:
        return _in_preparation()
    base = request.build_absolute_uri(reverse("pages:opendata"))
    response = HttpResponse(dcat.serialise(dcat.catalogue(package, base), ext), content_type=dcat.CONTENT_TYPES[ext])
    response.headers["X-Content-Version"] = package["version"]
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response
