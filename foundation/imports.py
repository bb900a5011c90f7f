"""What every spreadsheet import and export of the admin shares (django-import-export).

- Limits checked before a file is parsed, so that a large or hostile file fails at once with a message
  for the curator instead of holding a worker: its size (`IMPORT_MAX_BYTES`), its number of data rows
  (`IMPORT_MAX_ROWS`) and, for XLSX, the sheet size the workbook declares and the size its parts take
  once decompressed (openpyxl pads every row to the declared width: a 5 KB file declaring `A1:XFD20000`
  would expand to 327 million cells).
- All or nothing: an import runs in one transaction and a single invalid row writes nothing; a key
  repeated inside one file is an error of the later row, never a silent overwrite of the earlier one.
- Formulas: every export escapes the text cells a spreadsheet would run, every import restores them
  (foundation.spreadsheets), so an exported file imports back unchanged.
- Curators see the row, the column and a French message, never a traceback; uploads kept between the
  preview and the confirmation live in a private folder and are removed when the preview cannot be
  confirmed, when the import is done, or after `IMPORT_TMP_MAX_AGE` seconds otherwise.
"""

import csv
import io
import logging
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from uuid import uuid4
from xml.parsers import expat

import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.tmp_storages import BaseStorage

from foundation.spreadsheets import neutralise, restore
from foundation.text import control_characters_refused

logger = logging.getLogger(__name__)

# No import of ours has more than twenty columns; a wider sheet is a mistake or an attack.
MAX_COLUMNS = 100
# An XLSX is a zip of XML: its parts may take this many times the upload limit once decompressed.
MAX_XLSX_EXPANSION = 10


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


class ImportRefused(ValueError):
    """A file refused as a whole; the message is for the curator."""


# Reading files ----------------------------------------------------------------------------------------


def _check_size(size: int) -> None:
    if size > max_bytes():
        raise ImportRefused(
            f"Le fichier pèse {filesizeformat(size)}, plus que les {filesizeformat(max_bytes())} "
            "permis pour un import : découpez-le en plusieurs fichiers."
        )


def _too_many_rows() -> ImportRefused:
    return ImportRefused(
        f"Le fichier a plus de {max_rows()} lignes de données, la limite d'un import : "
        "découpez-le en plusieurs fichiers."
    )


def _dataset(rows: Iterable[Sequence]) -> tablib.Dataset:
    """A dataset from the file's rows, the first being the header, stopping as soon as a limit is passed.

    Empty cells after the header's last column are dropped (spreadsheets often declare a wider sheet
    than they use); a row with a value beyond the header is refused.
    """
    rows = iter(rows)
    header = list(next(rows, None) or [])
    while header and header[-1] in (None, ""):
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise ImportRefused(f"L'en-tête a {len(header)} colonnes ; un import en accepte au plus {MAX_COLUMNS}.")
    dataset = tablib.Dataset(headers=header)
    width = len(header)
    limit = max_rows()
    for number, row in enumerate(rows, start=1):
        if not row:
            continue
        cells = list(row)
        if any(cell not in (None, "") for cell in cells[width:]):
            raise ImportRefused(f"La ligne {number} a plus de cellules que l'en-tête n'a de colonnes ({width}).")
        if len(dataset) >= limit:
            raise _too_many_rows()
        dataset.append(cells[:width] + [None] * (width - len(cells)))
    return dataset


class CSV(base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        _check_size(len(in_stream))
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return _dataset(csv.reader(io.StringIO(in_stream)))


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        import openpyxl

        _check_size(len(in_stream))
        stream = io.BytesIO(in_stream)
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
            if unpacked > MAX_XLSX_EXPANSION * max_bytes():
                raise ImportRefused(
                    f"Une fois décompressé, ce classeur occupe {filesizeformat(unpacked)}, plus que les "
                    f"{filesizeformat(MAX_XLSX_EXPANSION * max_bytes())} permis pour un import."
                )
            _check_cells(archive)
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        try:
            sheet = book.active
            if sheet is None or not hasattr(sheet, "iter_rows"):
                raise ImportRefused("Le classeur n'a pas de feuille de données à lire.")
            # Read-only worksheets take their size from the <dimension> element, before any cell.
            declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
            if declared_rows > max_rows() + 1 or declared_columns > MAX_COLUMNS:
                raise ImportRefused(
                    f"La feuille déclare {declared_rows} lignes et {declared_columns} colonnes ; un import en "
                    f"accepte au plus {max_rows()} lignes de données et {MAX_COLUMNS} colonnes. Copiez les "
                    "seules cellules utiles dans un classeur neuf."
                )
            return _dataset(sheet.iter_rows(values_only=True))
        finally:
            book.close()


def _check_cells(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook holding a text longer than IMPORT_MAX_CELL_CHARS, read as a stream of its XML
    before openpyxl loads any cell: one huge cell compresses to a few kilobytes but costs seconds and
    hundreds of megabytes once loaded. Counted per element, so a text is refused as soon as it is too long."""
    limit = settings.IMPORT_MAX_CELL_CHARS
    too_long = ImportRefused(
        f"Une cellule du classeur dépasse {limit} caractères, la limite d'une cellule pour un import."
    )
    for part in archive.infolist():
        if part.filename != "xl/sharedStrings.xml" and not part.filename.startswith("xl/worksheets/"):
            continue
        parser = expat.ParserCreate()
        length = 0

        def element(*_args) -> None:
            nonlocal length
            length = 0

        def text(data: str) -> None:
            nonlocal length
            length += len(data)
            if length > limit:
                raise too_long

        def declaration(*_args) -> None:
            raise ImportRefused("Le classeur déclare des entités XML : il ne vient pas d'un tableur.")

        parser.StartElementHandler = parser.EndElementHandler = element
        parser.CharacterDataHandler = text
        parser.EntityDeclHandler = declaration
        try:
            with archive.open(part) as handle:
                while chunk := handle.read(64 * 1024):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except expat.ExpatError:
            raise ImportRefused("Ce classeur est endommagé : une de ses feuilles ne se lit pas.") from None


# Keeping the upload between the preview and the confirmation --------------------------------------------

UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")


class ExpiringTempFolderStorage(BaseStorage):
    """Uploads kept in a private folder of the system's temporary directory, removed after a while.

    import-export's own TempFolderStorage leaves a file in /tmp for every preview that is never
    confirmed. Here each upload gets a random name, and every new upload first removes the ones older
    than `IMPORT_TMP_MAX_AGE` seconds. A folder (rather than the cache) works with several worker
    processes on one machine whatever the cache; instances on several machines need sticky sessions
    for the admin, or a shared temporary folder.
    """

    def _path(self) -> str:
        if not self.name or not UPLOAD_NAME.fullmatch(self.name):
            raise FileNotFoundError("no such upload")
        return os.path.join(_upload_folder(), self.name)

    def save(self, data) -> None:
        folder = _upload_folder()
        os.makedirs(folder, mode=0o700, exist_ok=True)
        _remove_expired(folder)
        self.name = self.name or uuid4().hex
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        with open(self._path(), "wb") as file:
            file.write(data)

    def read(self):
        binary = "b" in self.read_mode
        with open(self._path(), self.read_mode, encoding=None if binary else self.encoding) as file:
            return file.read()

    def remove(self) -> None:
        with suppress(FileNotFoundError):
            os.remove(self._path())


def _upload_folder() -> str:
    return os.path.join(tempfile.gettempdir(), "observatoire-imports")


def _remove_expired(folder: str) -> None:
    deadline = time.time() - settings.IMPORT_TMP_MAX_AGE
    for entry in os.scandir(folder):
        with suppress(OSError):
            if entry.is_file() and entry.stat().st_mtime < deadline:
                os.remove(entry.path)


def cell_text(value) -> str:
    """A cell as text: spreadsheets give None for empty cells and numbers for numeric ones."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# Resources ----------------------------------------------------------------------------------------------


class StrictImportMixin:
    """For a ModelResource: all or nothing, formulas restored, keys unique within the file, clear errors."""

    def import_data(self, dataset, **kwargs):
        """All or nothing: a single invalid row rolls back the whole file."""
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        self._first_line_of: dict = {}
        self._line = 0
        columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        missing = [column for column in columns if column not in (dataset.headers or [])]
        if missing:
            # Without its key columns no row can be read: one message, rather than one per row.
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            refusal = ImportRefused(f"Colonne(s) absente(s) de l'en-tête : {', '.join(missing)}.")
            self.handle_import_error(result, refusal, kwargs.get("raise_errors", False))
            return result
        return super().import_data(dataset, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        self._line = kwargs.get("row_number", 0)
        row = type(row)((column, restore(value)) for column, value in row.items())
        return super().import_row(row, instance_loader, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A cell holding a control character is an error of its row and column, like a bad value."""
        try:
            control_characters_refused(row.get(field.column_name))
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        return super().import_field(field, instance, row, is_m2m, **kwargs)

    def claim_key(self, key, *, column: str = NON_FIELD_ERRORS, what: str = "Cette clé") -> None:
        """Refuse the current row if an earlier row of the file had the same key."""
        first = self._first_line_of.setdefault(key, self._line)
        if first != self._line:
            raise ValidationError({column: f"{what} figure déjà à la ligne {first} du fichier."})

    def handle_import_error(self, result, error, raise_errors=False):
        """A file-wide error reaches the curator as one French sentence; anything unforeseen is logged."""
        if not isinstance(error, ImportRefused):
            logger.error("Import failed", exc_info=error)
            if result is not None and result.base_errors:
                return  # the cause was already reported, in words
            error = ImportRefused("Le fichier n'a pas pu être importé ; l'erreur a été consignée.")
        super().handle_import_error(result, error, raise_errors)


# Admin --------------------------------------------------------------------------------------------------


class LimitedImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            _check_size(upload.size)
        except ImportRefused as refusal:
            raise ValidationError(str(refusal)) from None
        return upload


class ImportExportAdminMixin:
    """For an ImportExportModelAdmin: the file formats, limits, escapes and error pages above."""

    formats = [CSV, XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = LimitedImportForm
    import_template_name = "admin/observatoire/import.html"
    import_error_display = ("message",)

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        escaped = tablib.Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            escaped.append([neutralise(cell) for cell in row])
        return escaped

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, ImportRefused):
            form.add_error("import_file", str(error))
            return
        logger.info("Unreadable import file", exc_info=error)
        form.add_error(
            "import_file",
            "Ce fichier ne se lit pas dans le format choisi : vérifiez le format (CSV en UTF-8, ou XLSX).",
        )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        # The uploaded file itself: a file refused while read was taken out of the form's cleaned data.
        upload = request.FILES.get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name and "confirm_form" not in context:
            # A preview with errors cannot be confirmed: nothing will read its upload again.
            self.get_tmp_storage_class()(name=name).remove()
        return response

    def process_import(self, request, **kwargs):
        try:
            response = super().process_import(request, **kwargs)
        except FileNotFoundError:
            self.message_user(
                request, "Le fichier de cet aperçu n'est plus disponible : chargez-le de nouveau.", messages.ERROR
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return response

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed since the preview: the transaction was rolled back.
            self.message_user(
                request,
                "L'import n'a rien écrit : le fichier ne passe plus la validation. Chargez-le de nouveau pour "
                "voir les lignes en cause.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)
