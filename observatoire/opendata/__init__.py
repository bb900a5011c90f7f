"""The whole base as open data: every public table as CSV (the cases also as JSON), described by a
`datapackage.json` (Frictionless Data Package), built once per content version and served from the default
storage. The tables are declared in `observatoire.opendata.tables`; the DCAT catalogue that describes the
package for data portals is `observatoire.opendata.dcat`.

The files of a version live under `opendata/<version>/`, so a built file never changes and any instance
that shares the storage serves it. `datapackage.json` is written last: a version is complete once it
exists. A request never builds: when the dump is older than the content, the first request to notice
starts one build in a background thread, under a lock in the shared cache (one build at a time across
the instances), and every request meanwhile gets the newest complete dump (or, before the first one
exists, a 503 with Retry-After). Never a row withdrawn since, though: each dump keeps the ids of the rows of
its tables that a curator may withdraw (`WITHDRAWABLE`: unpublish or delete), and an older dump is served
only while every one of them is still public; otherwise the files answer 503 until the new dump is built.
`manage.py build_opendata` builds the current version at once, for a release step or cron.

Drafts, studies not published, comments and contacts are never in it: each table reads its app's public rows.
"""

import csv
import hashlib
import io
import json
import logging
import tempfile
import threading
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from django.db.models import Max, Min, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from foundation.cache import stored_version
from foundation.licences import ETALAB, Licence, content_licence
from foundation.reference.models import Domain
from foundation.spreadsheets import neutralise
from indicators.models import IndicatorValue
from observatoire.opendata.table import in_languages
from observatoire.opendata.tables import DATASETS, OBSERVATORY, TABLES, Table
from resources.models import Resource
from surveys.models import Study

logger = logging.getLogger(__name__)

FOLDER = "opendata"
CSV_NAME, JSON_NAME, DESCRIPTOR_NAME = "cas.csv", "cas.json", "datapackage.json"
KEYS_NAME = "withdrawable-ids.json"  # beside the files, never served: not a resource of the package
# The tables whose rows a curator may withdraw (unpublish, or delete), read through each table's own door.
WITHDRAWABLE = ("cas", "organisations", "collections", "etudes", "ressources")
LOCK_KEY = "opendata:building"
LATEST_KEY = "opendata:latest"
# The newest dump and the one before it are kept: a client may still be downloading the older one.
KEPT_VERSIONS = 2
RETRY_AFTER_SECONDS = 60

NAME = "observatoire-des-partenariats"
TITLE = _("Observatoire des partenariats — études de cas, enquêtes, indicateurs et référentiels")
DESCRIPTION = _(
    "Tout ce que la base publie : les études de cas publiées et leurs organisations, les études, questions et "
    "chiffres des enquêtes (avec leur provenance), les indicateurs officiels et leurs valeurs, les vocabulaires "
    "et les territoires, une table par fichier ; les brouillons n'y sont jamais."
)
PUBLISHER = "Observatoire des partenariats"
SOURCES = [
    {
        "title": _(
            "Observatoire des partenariats, « L'observatoire des partenariats — un outil collectif de données » "
            "(2020), d'après la note pour la mission ministérielle sur les alliances stratégiques (mai 2020)"
        )
    },
    {
        "title": _("Code officiel géographique de l'INSEE, paquet @etalab/decoupage-administratif (Licence Ouverte)"),
        "path": "https://github.com/etalab/decoupage-administratif",
    },
    {"title": _("Indicateurs officiels : leur producteur, tableau et licence sont dans la table indicateurs.")},
]
_JSON_VALUE = {
    "integer": lambda cell: int(cell) if cell != "" else None,
    "boolean": lambda cell: cell == "1",
}


def licence_of(table: Table) -> Licence:
    return content_licence() if table.licence == OBSERVATORY else ETALAB


def licence_note() -> str:
    """What the page and the package say of the terms of reuse."""
    own = content_licence()
    if own.is_stated:
        own_text = gettext("sous %(licence)s") % {"licence": own.name}
    else:
        own_text = gettext("licence à préciser par l'Observatoire des partenariats")
    return gettext(
        "Études de cas, chiffres des enquêtes et vocabulaires : %(own)s. Indicateurs officiels et codes des "
        "territoires : %(etalab)s, celle de leurs producteurs (INSEE, DREES…), à citer avec la date de mise à jour."
    ) % {"own": own_text, "etalab": ETALAB.name}


def _path(version: int, name: str) -> str:
    return f"{FOLDER}/{version}/{name}"


# --- building -----------------------------------------------------------------------------------------


def _write_table(table: Table, csv_file: IO[bytes], json_file: IO[bytes] | None) -> int:
    """A table's CSV (and its JSON) in one pass over its rows, so they hold the same rows; returns their number.

    The CSV's cells are neutralised against spreadsheet formulas as the API's are; the JSON's are the
    values themselves, typed as the schema says (integers, booleans, null for a missing year).
    """
    names = [column.name for column in table.columns]
    kinds = [column.type for column in table.columns]
    text = io.TextIOWrapper(csv_file, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(names)
    if json_file is not None:
        json_file.write(b"[")
    count = 0
    for row in table.read():
        writer.writerow([neutralise(cell) for cell in row])
        if json_file is not None:
            item = {
                name: _JSON_VALUE.get(kind, str)("" if cell is None else str(cell))
                for name, kind, cell in zip(names, kinds, row, strict=True)
            }
            json_file.write((b",\n" if count else b"\n") + json.dumps(item, ensure_ascii=False).encode())
        count += 1
    if json_file is not None:
        json_file.write(b"\n]\n")
    text.detach()
    return count


def _digest(handle: IO[bytes]) -> tuple[int, str]:
    handle.seek(0)
    sha = hashlib.file_digest(handle, "sha256")
    return handle.tell(), sha.hexdigest()


def _save(name: str, handle: IO[bytes]) -> None:
    if default_storage.exists(name):  # a forced rebuild of the same version
        default_storage.delete(name)
    handle.seek(0)
    saved = default_storage.save(name, File(handle))
    if saved != name:
        raise RuntimeError(f"The storage saved {name} as {saved}.")


KEYWORDS = {"referentiels": ["territoires", "vocabulaires"], "ressources": ["programmes", "publications", "outils"]}


def _coverage() -> dict[str, dict]:
    """What each dataset covers in time, and the domains it speaks of, for the DCAT catalogue."""
    cases = Case.objects.published().aggregate(start=Min("start_year"), end=Max(Coalesce("end_year", "start_year")))
    studies = Study.objects.published().aggregate(start=Min("year"), end=Max("year"))
    values = IndicatorValue.objects.aggregate(start=Min("year"), end=Max("year"))
    domains = list(Domain.objects.order_by("position", "name").values_list("name", flat=True))
    resources = Resource.objects.published().aggregate(start=Min("year"), end=Max("year"))
    years = {
        "etudes-de-cas": cases,
        "enquetes": studies,
        "indicateurs": values,
        "ressources": resources,
        "referentiels": {},
    }
    return {
        key: {
            **in_languages("title", title),
            **in_languages("description", description),
            "temporal": [years[key].get("start"), years[key].get("end")] if years[key].get("start") else None,
            "keywords": KEYWORDS.get(key, domains),
        }
        for key, (title, description) in DATASETS.items()
    }


def _licences(licence: Licence) -> list[dict]:
    return [{"title": licence.name, "path": licence.url}] if licence.is_stated else []


def descriptor(version: int, counts: dict[str, int], built_at: str, files: dict[str, tuple[int, str]]) -> dict:
    """The Data Package: what the files hold, where they come from, under which terms."""
    resources = []
    for table in TABLES:
        formats = ["csv", "json"] if table.json else ["csv"]
        for file_format in formats:
            path = f"{table.name}.{file_format}"
            size, sha = files[path]
            resource = {
                "name": table.name if file_format == "csv" else f"{table.name}-json",
                "path": path,
                # A JSON array of objects is tabular for the standard, but frictionless then checks neither
                # its size nor its hash: as a plain data resource, both are checked.
                "profile": "tabular-data-resource" if file_format == "csv" else "data-resource",
                **in_languages("title", table.title),
                **in_languages("description", table.description),
                "format": file_format,
                "mediatype": "text/csv" if file_format == "csv" else "application/json",
                "encoding": "utf-8",
                "bytes": size,
                "hash": f"sha256:{sha}",
                "count": counts[table.name],
                "dataset": table.dataset,
                "schema": table.schema(),
            }
            licences = _licences(licence_of(table))
            if licences:
                resource["licenses"] = licences
            resources.append(resource)
    package = {
        "profile": "data-package",
        "name": NAME,
        **in_languages("title", TITLE),
        **in_languages("description", format_lazy("{} {}", DESCRIPTION, lazy(licence_note, str)())),
        "version": str(version),
        "created": built_at,
        "count": counts["cas"],
        "publisher": PUBLISHER,
        "sources": [{**source, **in_languages("title", source["title"])} for source in SOURCES],
        "datasets": _coverage(),
        "resources": resources,
    }
    licences = _licences(content_licence())
    if licences:
        package["licenses"] = licences
    return package


def build(version: int | None = None) -> dict:
    """Build the dump of `version` (the current one by default) and make it the newest; returns its
    descriptor. The version is read before the rows, so the files are at least as recent as it says. On
    PostgreSQL outside a transaction, the rows and the withdrawable ids are read in one snapshot."""
    outermost = not connection.in_atomic_block  # else the caller's transaction, whose isolation is set
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        version = stored_version() if version is None else version
        built_at = timezone.now().isoformat(timespec="seconds")
        files: dict[str, tuple[int, str]] = {}
        counts: dict[str, int] = {}
        for table in TABLES:
            with tempfile.TemporaryFile() as csv_file, tempfile.TemporaryFile() as json_file:
                counts[table.name] = _write_table(table, csv_file, json_file if table.json else None)
                handles = {f"{table.name}.csv": csv_file} | ({f"{table.name}.json": json_file} if table.json else {})
                for name, handle in handles.items():
                    files[name] = _digest(handle)
                    _save(_path(version, name), handle)
        keys = {name: list(_door(name).values_list("pk", flat=True)) for name in WITHDRAWABLE}
        package = descriptor(version, counts, built_at, files)
    with tempfile.TemporaryFile() as handle:
        handle.write(json.dumps(keys).encode())
        _save(_path(version, KEYS_NAME), handle)
    with tempfile.TemporaryFile() as handle:
        handle.write(json.dumps(package, ensure_ascii=False, indent=2).encode())
        _save(_path(version, DESCRIPTOR_NAME), handle)
    if (cache.get(LATEST_KEY) or 0) < version:  # a forced rebuild of an older version is not the newest
        cache.set(LATEST_KEY, version, timeout=None)
    _prune()
    return package


def _door(name: str) -> QuerySet:
    """The rows of the table `name` that the public sees, as the table reads them."""
    return next(table for table in TABLES if table.name == name).rows()


def _versions_in_storage() -> list[int]:
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    return sorted((int(folder) for folder in folders if folder.isdigit()), reverse=True)


def _complete_versions() -> list[int]:
    """The versions whose dump is whole in storage, newest first."""
    return [version for version in _versions_in_storage() if default_storage.exists(_path(version, DESCRIPTOR_NAME))]


def _prune() -> None:
    for version in _complete_versions()[KEPT_VERSIONS:]:
        # The descriptor first: a version without it is incomplete, and never served.
        default_storage.delete(_path(version, DESCRIPTOR_NAME))
        _folders, names = default_storage.listdir(f"{FOLDER}/{version}")
        for name in names:
            default_storage.delete(_path(version, name))


# --- reading ------------------------------------------------------------------------------------------


def latest() -> dict | None:
    """The descriptor of the newest complete dump in storage, None before the first build."""
    version = cache.get(LATEST_KEY)
    if version is None or not default_storage.exists(_path(version, DESCRIPTOR_NAME)):
        complete = _complete_versions()
        if not complete:
            return None
        version = complete[0]
        cache.set(LATEST_KEY, version, timeout=None)
    with default_storage.open(_path(version, DESCRIPTOR_NAME)) as handle:
        return json.load(handle)


def open_file(package: dict, name: str) -> File:
    return default_storage.open(_path(int(package["version"]), name))


def refresh(package: dict | None, version: int | None = None) -> threading.Thread | None:
    """Start building the current version (`version`, else read) in the background when `package` is older,
    unless a build is already running somewhere; returns the thread started, if any."""
    version = stored_version() if version is None else version
    if package is not None and int(package["version"]) == version:
        return None
    if not cache.add(LOCK_KEY, version, timeout=settings.OPENDATA_BUILD_TIMEOUT):
        return None
    return _start_build(version)


def current() -> tuple[dict | None, dict | None]:
    """(the newest complete dump, that dump if its files may be served), after starting a build when the
    content is newer. It may be served when it is the current version's, or when every withdrawable row it
    holds is still public (checked once per content version); never before the first build."""
    package, version = latest(), stored_version()
    refresh(package, version)
    if package is None or int(package["version"]) == version:
        return package, package
    key = f"opendata:withdrawn:{package['version']}:{version}"
    withdrawn = cache.get(key)
    if withdrawn is None:
        withdrawn = _withdrawn(int(package["version"]))
        cache.set(key, withdrawn, timeout=settings.OPENDATA_BUILD_TIMEOUT)
    return package, None if withdrawn else package


def _withdrawn(version: int) -> bool:
    """Whether a withdrawable row of that dump is no longer public (unpublished or deleted since); True when
    the dump kept no ids (built before they were kept), since nothing then tells."""
    try:
        with default_storage.open(_path(version, KEYS_NAME)) as handle:
            keys = json.load(handle)
    except (FileNotFoundError, ValueError):
        return True
    return any(not set(keys.get(name, [])) <= set(_door(name).values_list("pk", flat=True)) for name in WITHDRAWABLE)


def _start_build(version: int) -> threading.Thread:
    thread = threading.Thread(target=_build_in_background, args=[version], name="opendata-build", daemon=True)
    thread.start()
    return thread


def _build_in_background(version: int) -> None:
    try:
        build(version)
    except Exception:
        logger.exception("Building the open-data dump of version %s failed", version)
    finally:
        cache.delete(LOCK_KEY)
        connections.close_all()  # this thread's own connections
