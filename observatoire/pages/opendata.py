"""`/donnees/`: the open-data dump of the whole base (observatoire.opendata), a page and its files.

Both read the newest complete dump from storage and, when the content has changed since, let a build
start in the background: no request waits for one.
"""

from datetime import datetime

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from observatoire import opendata

DOWNLOAD_NAMES = {opendata.CSV_NAME: "observatoire-cas.csv", opendata.JSON_NAME: "observatoire-cas.json"}
CONTENT_TYPES = {
    opendata.CSV_NAME: "text/csv; charset=utf-8",
    opendata.JSON_NAME: "application/json",
    opendata.DESCRIPTOR_NAME: "application/json",
}


def _current() -> dict | None:
    package = opendata.latest()
    opendata.refresh(package)
    return package


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    package = _current()
    files = []
    if package is not None:
        files = [(resource["path"], resource["format"].upper(), resource["bytes"]) for resource in package["resources"]]
    context = {
        "package": package,
        "files": files,
        "fields": opendata.schema_fields(),
        "created": datetime.fromisoformat(package["created"]) if package else None,
        "licence_note": opendata.LICENCE_NOTE,
        "sources": opendata.SOURCES,
        "max_rows": settings.API_CSV_ANON_MAX_ROWS,
    }
    response = render(request, "pages/opendata.html", context)
    if package is None:  # "in preparation" must not outlive the first build in a cache
        patch_cache_control(response, no_store=True)
    return response


@require_safe
def download(request: HttpRequest, name: str) -> HttpResponse:
    """A file of the newest dump, with validators from its content, or a 503 before the first build."""
    if name not in CONTENT_TYPES:
        raise Http404
    package = _current()
    if package is None:
        response = HttpResponse(
            "Les données ouvertes sont en préparation ; réessayez dans une minute.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response.headers["Retry-After"] = str(opendata.RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        return response
    hashes = {resource["path"]: resource["hash"].removeprefix("sha256:") for resource in package["resources"]}
    etag = quote_etag(hashes.get(name, f"{package['version']}-{name}"))
    last_modified = int(datetime.fromisoformat(package["created"]).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            opendata.open_file(package, name),
            content_type=CONTENT_TYPES[name],
            as_attachment=name in DOWNLOAD_NAMES,
            filename=DOWNLOAD_NAMES.get(name, name),
        )
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    response.headers["X-Content-Version"] = package["version"]
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response
