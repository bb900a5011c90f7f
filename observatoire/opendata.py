"""The whole base as open data: every published case as CSV and as JSON, described by a `datapackage.json`
(Frictionless Data Package), built once per content version and served from the default storage.

The files of a version live under `opendata/<version>/`, so a built file never changes and any instance
that shares the storage serves it. `datapackage.json` is written last: a version is complete once it
exists. A request never builds: when the dump is older than the content, the first request to notice
starts one build in a background thread, under a lock in the shared cache (one build at a time across
the instances), and every request meanwhile gets the newest complete dump (or, before the first one
exists, a 503 with Retry-After). `manage.py build_opendata` builds the current version at once, for a
release step or cron.

The columns are the API's CSV columns (the admin's import file's, then what only an export has), so
the dump reads back in the import; drafts, cases in review and archived cases are never in it.
"""

import csv
import hashlib
import io
import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

from cases.api.export import CASE_COLUMNS, cases_for_export
from cases.models import Case
from observatoire.api.renderers import TAG_SEPARATOR, neutralise
from observatoire.api.viewsets import rows_in_chunks
from observatoire.cache import content_version

logger = logging.getLogger(__name__)

FOLDER = "opendata"
CSV_NAME, JSON_NAME, DESCRIPTOR_NAME = "cas.csv", "cas.json", "datapackage.json"
MEDIA_TYPES = {CSV_NAME: "text/csv", JSON_NAME: "application/json", DESCRIPTOR_NAME: "application/json"}
LOCK_KEY = "opendata:building"
LATEST_KEY = "opendata:latest"
# The newest dump and the one before it are kept: a client may still be downloading the older one.
KEPT_VERSIONS = 2
RETRY_AFTER_SECONDS = 60

NAME = "observatoire-des-partenariats-etudes-de-cas"
TITLE = "Observatoire des partenariats — études de cas (IMPACT-Pratiques innovantes)"
LICENCE_NOTE = (
    "Licence des études de cas : à préciser par l'Observatoire des partenariats. Les codes des territoires "
    "viennent du code officiel géographique de l'INSEE (Licence Ouverte d'Etalab)."
)
SOURCES = [
    {
        "title": "Observatoire des partenariats, « L'observatoire des partenariats — un outil collectif de "
        "données » (2020), d'après la note pour la mission ministérielle sur les alliances stratégiques (mai 2020)"
    },
    {
        "title": "Code officiel géographique de l'INSEE, paquet @etalab/decoupage-administratif (Licence Ouverte)",
        "path": "https://github.com/etalab/decoupage-administratif",
    },
]

_TAGS = f"séparés par « {TAG_SEPARATOR} »"
# The schema of both resources: (name, Table Schema type, description, extra properties). Every column of
# CASE_COLUMNS must be here, and only those (checked by `schema_fields`).
FIELDS: list[tuple[str, str, str, dict]] = [
    ("slug", "string", "Identifiant de la fiche dans son adresse (/cas/<slug>/).", {"constraints": {"unique": True}}),
    ("title", "string", "Titre.", {}),
    ("summary", "string", "Résumé : ce que fait l'alliance, où, avec qui.", {}),
    ("body", "string", "Description, en Markdown.", {}),
    ("outcomes", "string", "Résultats : effets observés, chiffres cités par la source.", {}),
    ("start_year", "integer", "Année de début ; vide quand la source ne la donne pas.", {}),
    ("end_year", "integer", "Année de fin ; vide quand l'action continue ou que la source ne la donne pas.", {}),
    ("scale", "string", "Échelle.", {"constraints": {"enum": Case.Scale.values}}),
    ("place", "string", "Lieu : commune, quartier, site (texte libre).", {}),
    ("status", "string", "Statut : toujours « published » (publiée) ici.", {}),
    (
        "is_fictitious",
        "boolean",
        "1 pour un cas de démonstration inventé.",
        {"trueValues": ["1"], "falseValues": ["0"]},
    ),
    ("source", "string", "D'où viennent les faits de la fiche.", {}),
    ("citation", "string", "Comment citer la fiche (vide : composée par le site).", {}),
    ("domains", "string", f"Domaines de fragilité, slugs {_TAGS} (voir /api/v1/domains/).", {}),
    ("partnership_types", "string", f"Pratiques partenariales, slugs {_TAGS}.", {}),
    ("engagement_practices", "string", f"Pratiques d'engagement, slugs {_TAGS}.", {}),
    ("dynamics", "string", f"Dynamiques collectives territoriales, slugs {_TAGS}.", {}),
    ("regions", "string", f"Régions, codes INSEE {_TAGS}.", {}),
    ("departments", "string", f"Départements, codes INSEE {_TAGS}.", {}),
    ("sdgs", "string", f"Objectifs de développement durable, numéros {_TAGS} (voir /api/v1/sdgs/).", {}),
    (
        "impacts",
        "string",
        "Impacts observés, en JSON : liste d'objets (impact, evidence, evidence_url, evidence_document, "
        "formal_evaluation, evaluation_url, evaluation_document) ; voir /api/v1/impacts/.",
        {},
    ),
    ("organizations", "string", f"Organisations, « nom (rôle) » {_TAGS}.", {}),
    ("url", "string", "Chemin de la fiche sur le site.", {}),
    ("published_at", "datetime", "Date de première publication (ISO 8601).", {"format": "any"}),
    ("updated_at", "datetime", "Date de dernière modification (ISO 8601).", {"format": "any"}),
    ("images", "string", f"Photos de la fiche, chemins sur le site {_TAGS}, dans l'ordre de la page.", {}),
    ("documents", "string", f"Documents PDF de la fiche, chemins sur le site {_TAGS}.", {}),
]
_JSON_VALUE: dict[str, Callable[[str], object]] = {
    "integer": lambda cell: int(cell) if cell != "" else None,
    "boolean": lambda cell: cell == "1",
}


def schema_fields() -> list[dict]:
    if [name for name, *_rest in FIELDS] != list(CASE_COLUMNS):
        raise RuntimeError("The open-data schema no longer matches CASE_COLUMNS.")
    return [{"name": name, "type": kind, "description": text, **extra} for name, kind, text, extra in FIELDS]


def _path(version: int, name: str) -> str:
    return f"{FOLDER}/{version}/{name}"


# --- building -----------------------------------------------------------------------------------------


def _published_rows() -> Iterator[dict]:
    """Every published case as its export cells, read by chunks (see rows_in_chunks)."""
    ids = list(Case.objects.published().order_by("pk").values_list("pk", flat=True))
    for case in rows_in_chunks(ids, cases_for_export):
        yield {name: cell(case) for name, cell in CASE_COLUMNS.items()}


def _json_row(row: dict, kinds: dict[str, str]) -> dict:
    return {name: _JSON_VALUE.get(kinds[name], str)("" if cell is None else str(cell)) for name, cell in row.items()}


def _write_files(csv_file: IO[bytes], json_file: IO[bytes]) -> int:
    """Both files in one pass over the cases, so they hold the same rows; returns the number of rows.

    The CSV's cells are neutralised against spreadsheet formulas as the API's are; the JSON's are the
    values themselves, typed as the schema says (integers, booleans, null for a missing year).
    """
    kinds = {name: kind for name, kind, *_rest in FIELDS}
    text = io.TextIOWrapper(csv_file, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(CASE_COLUMNS)
    json_file.write(b"[")
    count = 0
    for row in _published_rows():
        writer.writerow([neutralise(cell) for cell in row.values()])
        json_file.write((b",\n" if count else b"\n") + json.dumps(_json_row(row, kinds), ensure_ascii=False).encode())
        count += 1
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


def descriptor(version: int, count: int, built_at: str, files: dict[str, tuple[int, str]]) -> dict:
    """The Data Package: what the files hold, where they come from, under which terms."""
    fields = schema_fields()

    def resource(name: str, file_format: str) -> dict:
        size, sha = files[name]
        return {
            "name": f"cas-{file_format}",
            "path": name,
            "profile": "tabular-data-resource",
            "title": f"Études de cas publiées ({file_format.upper()})",
            "format": file_format,
            "mediatype": MEDIA_TYPES[name],
            "encoding": "utf-8",
            "bytes": size,
            "hash": f"sha256:{sha}",
            "schema": {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]},
        }

    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": (
            "Toutes les études de cas publiées de la base, une ligne par fiche, avec les colonnes du fichier "
            "d'import de l'administration ; les brouillons n'y sont jamais. Les cas fictifs (is_fictitious) sont "
            "des cas de démonstration inventés. " + LICENCE_NOTE
        ),
        "version": str(version),
        "created": built_at,
        "count": count,
        "sources": SOURCES,
        "resources": [resource(CSV_NAME, "csv"), resource(JSON_NAME, "json")],
    }


def build(version: int | None = None) -> dict:
    """Build the dump of `version` (the current one by default) and make it the newest; returns its
    descriptor. The version is read before the cases, so the files are at least as recent as it says."""
    version = content_version() if version is None else version
    built_at = timezone.now().isoformat(timespec="seconds")
    with tempfile.TemporaryFile() as csv_file, tempfile.TemporaryFile() as json_file:
        count = _write_files(csv_file, json_file)
        files = {CSV_NAME: _digest(csv_file), JSON_NAME: _digest(json_file)}
        _save(_path(version, CSV_NAME), csv_file)
        _save(_path(version, JSON_NAME), json_file)
    package = descriptor(version, count, built_at, files)
    with tempfile.TemporaryFile() as handle:
        handle.write(json.dumps(package, ensure_ascii=False, indent=2).encode())
        _save(_path(version, DESCRIPTOR_NAME), handle)
    if (cache.get(LATEST_KEY) or 0) < version:  # a forced rebuild of an older version is not the newest
        cache.set(LATEST_KEY, version, timeout=None)
    _prune()
    return package


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
        for name in (DESCRIPTOR_NAME, CSV_NAME, JSON_NAME):
            if default_storage.exists(_path(version, name)):
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


def refresh(package: dict | None) -> threading.Thread | None:
    """Start building the current version in the background when `package` is older, unless a build is
    already running somewhere; returns the thread started, if any."""
    version = content_version()
    if package is not None and int(package["version"]) == version:
        return None
    if not cache.add(LOCK_KEY, version, timeout=settings.OPENDATA_BUILD_TIMEOUT):
        return None
    return _start_build(version)


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
