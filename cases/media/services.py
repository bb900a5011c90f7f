"""Adding photos and documents to a case: the one path of the admin, the API and the proposals form."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from PIL import Image

from cases.media.checks import document_upload_checked, hashed_content, image_upload_checked
from cases.media.models import CaseDocument, CaseImage, case_file_name

# Widths of the WebP variants offered in `srcset`; an image narrower than one keeps its own width.
VARIANT_WIDTHS = (480, 1200)
WEBP_QUALITY = 80


def case_files_room_check(case, adding: int = 1, *, current: int | None = None) -> None:
    """Refuse more than CASE_FILES_MAX photos and documents on one case. `current` is the count the
    caller already knows (a form about to save several); by default, what the case holds."""
    if current is None:
        current = case.images.count() + case.documents.count()
    if current + adding > settings.CASE_FILES_MAX:
        raise ValidationError(
            _("Une étude de cas compte au plus %(max)d fichiers (photos et documents)."),
            code="too_many_files",
            params={"max": settings.CASE_FILES_MAX},
        )


def _duplicate_check(model, case, checked: ContentFile, label: str) -> None:
    name = case_file_name(model(case=case), checked.name)
    if model.objects.filter(case=case, file=name).exists():
        raise ValidationError(_("%(label)s figure déjà dans cette étude de cas.") % {"label": label}, code="duplicate")


def _next_position(related) -> int:
    return (related.aggregate(last=Max("position"))["last"] or 0) + 1


def image_store(image: CaseImage, checked: ContentFile) -> None:
    """Write a checked image (see image_upload_checked) and its WebP variants, and fill in the
    derived fields of `image`; the caller saves it. On a failure, what was written is deleted."""
    storage = image.file.storage
    checked.seek(0)
    with Image.open(io.BytesIO(checked.read())) as source:
        source.load()
        image.width, image.height = source.size
        variants = []
        written = []
        try:
            image.file.save(checked.name, checked, save=False)
            written.append(image.file.name)
            widths = [width for width in VARIANT_WIDTHS if width < image.width]
            if image.width <= VARIANT_WIDTHS[-1]:
                widths.append(image.width)
            for width in widths:
                height = max(1, round(image.height * width / image.width))
                out = io.BytesIO()
                source.resize((width, height), Image.Resampling.LANCZOS).save(
                    out, "WEBP", quality=WEBP_QUALITY, icc_profile=source.info.get("icc_profile")
                )
                variant = hashed_content(out.getvalue(), "webp")
                name = storage.save(case_file_name(image, variant.name), variant)
                written.append(name)
                variants.append({"name": name, "width": width, "height": height})
        except BaseException:
            for name in written:
                storage.delete(name)
            raise
    image.size = checked.size
    image.variants = variants


def document_store(document: CaseDocument, checked: ContentFile) -> None:
    """Write a checked PDF (see document_upload_checked) and fill in the derived fields; the caller saves."""
    document.file.save(checked.name, checked, save=False)
    document.size = checked.size
    document.content_type = "application/pdf"


def case_image_add(case, upload, *, alt_text: str, credit: str = "", licence: str = "") -> CaseImage:
    """Check `upload` (see image_upload_checked), store it with its variants, and add it last to the
    case's photos. Raises ValidationError, and stores nothing, for a bad file, a missing alternative
    text, a photo already there, or a case that holds CASE_FILES_MAX files already."""
    image = CaseImage(case=case, alt_text=alt_text.strip(), credit=credit.strip(), licence=licence.strip())
    image.full_clean(exclude=["file", "position"], validate_unique=False, validate_constraints=False)
    checked = image_upload_checked(upload)
    case_files_room_check(case)
    _duplicate_check(CaseImage, case, checked, "Cette photo")
    image.position = _next_position(case.images)
    image_store(image, checked)
    try:
        image.save()
    except BaseException:
        for name in image.stored_names():
            image.file.storage.delete(name)
        raise
    return image


def case_document_add(case, upload, *, title: str) -> CaseDocument:
    """Check `upload` (see document_upload_checked), store it, and add it last to the case's documents.
    Raises ValidationError, and stores nothing, for a file that is not a PDF or is too big, a missing
    title, a document already there, or a case that holds CASE_FILES_MAX files already."""
    document = CaseDocument(case=case, title=title.strip())
    document.full_clean(exclude=["file", "position"], validate_unique=False, validate_constraints=False)
    checked = document_upload_checked(upload)
    case_files_room_check(case)
    _duplicate_check(CaseDocument, case, checked, "Ce document")
    document.position = _next_position(case.documents)
    document_store(document, checked)
    try:
        document.save()
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise
    return document
