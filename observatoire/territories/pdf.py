"""The regional report as a PDF, made on the server by WeasyPrint from the same HTML as the printable page.

A PDF takes seconds of CPU: it is made once per language, content version (foundation.cache) and
revision of the report's templates, stylesheets and translations, kept in the default storage like the
open-data dump (so every instance sharing it serves it), and read from there afterwards. At most
REPORT_PDF_CONCURRENCY PDFs are made at once on a machine (slots taken as file locks, shared by its worker
processes); a request that waits longer than REPORT_PDF_WAIT_SECONDS for a slot gets a 503 with
Retry-After rather than stalling the other requests.

The renderer never leaves the machine: its URL fetcher serves the project's own static files (the
stylesheets) and refuses every other address, so a link or an image pointing elsewhere cannot make the
server call out, nor reveal to a third party which report was made. Fonts are the system's own.
"""

import fcntl
import hashlib
import mimetypes
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from foundation.cache import stored_version

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


FOLDER = "rapports"
# What the report is made of besides the data: a change to any of them (a deployment) makes new PDFs.
SOURCES = ("templates/pages", "static/css", "locale")


@lru_cache(maxsize=1)
def revision() -> str:
    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stored_pdf(name: str, make_html: Callable[[], str]) -> bytes | None:
    """The PDF `name` of the current content version: from storage, else made now and stored.

    None when no slot to make it freed up in time (the caller answers 503). Stored under the content's
    version, which the database keeps (foundation.versions): a new version makes it again.
    """
    version = stored_version() if settings.REPORT_PDF_STORED else None
    folder = f"{FOLDER}/{version}-{revision()}"
    path = f"{folder}/{get_language()}-{name}" if version is not None else None
    if path and default_storage.exists(path):
        return _read(path)
    with generation_slot() as slot:
        if slot is None:
            return None
        if path and default_storage.exists(path):  # made by another request while this one waited
            return _read(path)
        data = render_pdf(make_html())
    if path and not default_storage.exists(path):
        default_storage.save(path, ContentFile(data))
        _prune(keep=folder)
    return data


def _prune(keep: str) -> None:
    """Remove the PDFs of other versions: none will be asked for again once the content has changed."""
    folders, _files = default_storage.listdir(FOLDER)
    for other in folders:
        if f"{FOLDER}/{other}" == keep:
            continue
        for name in default_storage.listdir(f"{FOLDER}/{other}")[1]:
            default_storage.delete(f"{FOLDER}/{other}/{name}")


def _read(path: str) -> bytes:
    with default_storage.open(path) as handle:
        return handle.read()


@contextmanager
def generation_slot() -> Iterator[int | None]:
    """One of REPORT_PDF_CONCURRENCY slots of this machine, or None after REPORT_PDF_WAIT_SECONDS."""
    folder = Path(tempfile.gettempdir()) / "observatoire-pdf-slots"
    folder.mkdir(mode=0o700, exist_ok=True)
    deadline = time.monotonic() + settings.REPORT_PDF_WAIT_SECONDS
    while True:
        for number in range(max(1, settings.REPORT_PDF_CONCURRENCY)):
            handle = os.open(folder / f"{number}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                continue
            try:
                yield number
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                os.close(handle)
            return
        if time.monotonic() >= deadline:
            yield None
            return
        time.sleep(0.05)
