"""The regional report as a PDF, made on the server by WeasyPrint from the same HTML as the printable page.

The renderer never leaves the machine: its URL fetcher serves the project's own static files (the
stylesheets) and refuses every other address, so a link or an image pointing elsewhere cannot make the
server call out, nor reveal to a third party which report was made. Fonts are the system's own.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The base every relative address of the report resolves against; it names no real host.
BASE_URL = "https://rapport.invalid/"


class RefusedFetch(ValueError):
    """An address outside the project's static files: WeasyPrint skips the resource."""


class StaticOnlyFetcher(URLFetcher):
    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = static_path(url)
        if path is None:
            raise RefusedFetch(f"Adresse refusée pour le rapport : {url}")
        mime_type, _encoding = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"})


def static_path(url: str) -> Path | None:
    """The local file behind a static address of the report, or None for anything else."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path.removeprefix(prefix))
    if not name or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    return collected if collected.is_file() else None


def render_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()
