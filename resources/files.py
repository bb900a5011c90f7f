"""A resource's file: a PDF or an office document (OpenDocument or Office Open XML), checked by its content,
never by its name, as the documents of cases and proposals are (cases.media.checks).

The checked content is stored under `ressources/` named by its hash, so that a name never changes its
content; the public reaches it only through `resources.views.resource_file`, which checks that the
resource is published, and downloads it under a name made from the resource's title.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from cases.media.checks import PDF_HEADER, document_upload_checked, hashed_content, size_label

PDF = "application/pdf"
# ODF files name their type in their first member, `mimetype`; OOXML files by their main part.
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_PARTS = {
    "word/document.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/presentation.xml": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
EXTENSIONS = {PDF: "pdf", **ODF_TYPES, **dict(OOXML_PARTS.values())}
TYPES_LABEL = "PDF, OpenDocument (odt, ods, odp) ou Office (docx, xlsx, pptx)"
LABELS = {
    "pdf": "PDF",
    "odt": "texte OpenDocument",
    "ods": "tableur OpenDocument",
    "odp": "présentation OpenDocument",
    "docx": "document Word",
    "xlsx": "classeur Excel",
    "pptx": "présentation PowerPoint",
}
ACCEPT = ",".join([".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", *EXTENSIONS])


def max_bytes() -> int:
    return settings.CASE_DOCUMENT_MAX_BYTES


def _name(upload) -> str:
    return getattr(upload, "name", None) or "le fichier"


def _read(upload) -> bytes:
    limit = max_bytes()
    too_big = ValidationError(
        "« %(name)s » dépasse la taille permise (%(limit)s au plus).",
        code="too_big",
        params={"name": _name(upload), "limit": size_label(limit)},
    )
    if (getattr(upload, "size", None) or 0) > limit:
        raise too_big
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise too_big
    return data


def _office_type(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of an OpenDocument or Office Open XML file, None for anything else; a
    document that carries macros is none of them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith(("vbaproject.bin", ".bas")) or name.startswith("Basic/") for name in names):
                return None
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return (declared, ODF_TYPES[declared]) if declared in ODF_TYPES else None
            if "[Content_Types].xml" in names:
                return next((found for part, found in OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError):
        return None
    return None


def resource_upload_checked(upload) -> tuple[ContentFile, str]:
    """(the content to store, named by its hash; its content type) of an upload that is a PDF (checked as
    the documents of cases are) or an office document, at most CASE_DOCUMENT_MAX_BYTES; a ValidationError
    that says what to do otherwise."""
    data = _read(upload)
    if PDF_HEADER.match(data):
        return document_upload_checked(upload), PDF
    found = _office_type(data)
    if found is None:
        raise ValidationError(
            "« %(name)s » n'est pas un document accepté (formats : %(types)s, sans macros).",
            code="not_a_document",
            params={"name": _name(upload), "types": TYPES_LABEL},
        )
    content_type, extension = found
    return hashed_content(data, extension), content_type


def resource_file_name(instance, filename: str) -> str:
    """`ressources/<content hash>.<ext>`: the checked upload already carries its hashed name."""
    return f"ressources/{filename}"
