"""CSV for API lists: every matching row, streamed, with cells a spreadsheet would run neutralised.

The renderer exists so that content negotiation (`?format=csv`, `Accept: text/csv`) and the schema know
the format; the rows themselves never go through it: `streaming_csv_response` writes them as the
queryset is read, so a list of 100,000 cases is never held in memory.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from foundation.spreadsheets import neutralise

TAG_SEPARATOR = "|"
CHUNK_SIZE = 500

Columns = dict[str, Callable[[Any], object]]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        """Data already in memory (a dict or a list of flat dicts): one row per dict, keys as header."""
        rows = data if isinstance(data, list) else [data] if data else []
        columns: Columns = {key: _getter(key) for key in (rows[0] if rows else {})}
        return "".join(csv_lines(rows, columns)).encode(self.charset)


def _getter(key: str) -> Callable[[dict], object]:
    return lambda row: row.get(key)


def joined(values: Iterable[object]) -> str:
    return TAG_SEPARATOR.join(str(value) for value in values)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Any], columns: Columns) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(list(columns))
    for row in rows:
        yield writer.writerow([neutralise(cell(row)) for cell in columns.values()])


def streaming_csv_response(rows: Iterable[Any], columns: Columns, filename: str) -> StreamingHttpResponse:
    """A CSV download of `rows` (a queryset is read in chunks, keeping its prefetches)."""
    if hasattr(rows, "iterator"):
        rows = rows.iterator(chunk_size=CHUNK_SIZE)
    response = StreamingHttpResponse(csv_lines(rows, columns), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def resource_columns(resource, names: Iterable[str]) -> Columns:
    """Columns written by a django-import-export resource, so that an export reads back in its import."""
    return {name: (lambda row, field=resource.fields[name]: resource.export_field(field, row)) for name in names}


def describe_columns(columns: Columns) -> str:
    return ", ".join(f"`{name}`" for name in columns)
