"""What a photo or a document must be before it is stored: checked by its content, never its name.

Each check returns the content to store, named by its hash, or raises a ValidationError whose message
a visitor or a curator can act on (in French).
"""

import hashlib
import io
import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

# What Pillow may open an upload as; anything else is refused before it is decoded.
IMAGE_FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]
IMAGE_FORMATS_LABEL = "JPEG, PNG, WebP ou GIF"
# The stored image is at most this many pixels on its longer side: the page never shows more.
IMAGE_MAX_SIDE = 2400
JPEG_QUALITY = 85
PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def size_label(size: int) -> str:
    """A weight as French readers write it, in decimal units: "850 ko", "1,2 Mo" (non-breaking space)."""
    if size < 1000:
        return f"{size}\xa0octet{'s' if size > 1 else ''}"
    value, unit = (size / 1000, "ko") if size < 1_000_000 else (size / 1_000_000, "Mo")
    number = f"{value:.0f}" if unit == "ko" or value >= 100 else f"{value:.1f}".removesuffix(".0")
    return f"{number.replace('.', ',')}\xa0{unit}"


def _name(upload) -> str:
    return getattr(upload, "name", None) or "le fichier"


def _too_big(upload, limit: int) -> ValidationError:
    return ValidationError(
        _("« %(name)s » dépasse la taille permise (%(limit)s au plus)."),
        code="too_big",
        params={"name": _name(upload), "limit": size_label(limit)},
    )


def _read(upload, limit: int) -> bytes:
    """The upload's bytes, refused as soon as it is known to pass `limit` (read at most one byte more)."""
    if (getattr(upload, "size", None) or 0) > limit:
        raise _too_big(upload, limit)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    if len(data) > limit:
        raise _too_big(upload, limit)
    return data


def hashed_content(data: bytes, extension: str) -> ContentFile:
    """`data` named by its hash: the name of a stored file never changes its content."""
    return ContentFile(data, name=f"{hashlib.sha256(data).hexdigest()[:32]}.{extension}")


def _load_whole(image: Image.Image) -> None:
    """Decode `image`, failing on a truncated file. WeasyPrint, once imported, tells Pillow to accept
    truncated files (filling the missing part with grey) for the whole process: not for an upload."""
    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting


def image_upload_checked(upload) -> ContentFile:
    """See `_image_checked`. An upload checked once (a form's validation) is not decoded and re-encoded
    again when it is stored: the result is kept on the upload, which lives as long as its request."""
    checked = getattr(upload, "_image_checked", None)
    if checked is None:
        checked = upload._image_checked = _image_checked(upload)
    return checked


def _image_checked(upload) -> ContentFile:
    """The upload re-encoded as a clean image: JPEG (PNG when it has transparency), turned upright as
    its EXIF orientation says, at most IMAGE_MAX_SIDE pixels wide or high, without EXIF, XMP, comments
    or colour profile (its colours are converted to sRGB first, so they do not shift; a profile's text
    may name a person or a device). Refused when it is not a JPEG, PNG, WebP or GIF
    image by content, when it weighs more than CASE_IMAGE_MAX_BYTES, or when it has more than
    CASE_IMAGE_MAX_PIXELS pixels (checked from its header, before decoding)."""
    data = _read(upload, settings.CASE_IMAGE_MAX_BYTES)
    unreadable = ValidationError(
        _("« %(name)s » n'est pas une image lisible (formats acceptés : %(formats)s)."),
        code="not_an_image",
        params={"name": _name(upload), "formats": IMAGE_FORMATS_LABEL},
    )
    too_large = ValidationError(
        _("« %(name)s » compte trop de pixels (%(max)s millions au plus)."),
        code="too_many_pixels",
        params={"name": _name(upload), "max": f"{settings.CASE_IMAGE_MAX_PIXELS / 1_000_000:g}".replace(".", ",")},
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
            width, height = image.size
            if width * height > settings.CASE_IMAGE_MAX_PIXELS:
                raise too_large
            image.draft(None, (IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))  # JPEG: decode straight at a reduced scale
            _load_whole(image)
            icc_profile = image.info.get("icc_profile")
            image = ImageOps.exif_transpose(image)
            image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
            transparent = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
            image = _in_srgb(image, icc_profile, "RGBA" if transparent else "RGB")
            image.info.clear()  # Pillow writes back the comment and XMP it read
            out = io.BytesIO()
            if transparent:
                image.save(out, "PNG", optimize=True)
            else:
                image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise unreadable from None
    return hashed_content(out.getvalue(), "png" if transparent else "jpg")


def _in_srgb(image: Image.Image, icc_profile: bytes | None, mode: str) -> Image.Image:
    """The image in `mode`, its colours converted from its own profile to sRGB (as they are when the
    profile is missing or unreadable)."""
    if icc_profile:
        try:
            return ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)), SRGB, outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image.convert(mode)


def document_upload_checked(upload) -> ContentFile:
    """The upload as it is, when it is a PDF by content: the `%PDF-1.x` header at its start and the
    cross-reference pointer and end marker (`startxref`, `%%EOF`) at its end, as a reader needs them.
    Refused beyond CASE_DOCUMENT_MAX_BYTES."""
    data = _read(upload, settings.CASE_DOCUMENT_MAX_BYTES)
    if not PDF_HEADER.match(data):
        raise ValidationError(
            _("« %(name)s » n'est pas un document PDF (seuls les PDF sont acceptés)."),
            code="not_a_pdf",
            params={"name": _name(upload)},
        )
    if b"%%EOF" not in data[-2048:] or b"startxref" not in data[-4096:]:
        raise ValidationError(
            _("« %(name)s » est un PDF incomplet ou endommagé : il ne s'ouvrirait pas."),
            code="broken_pdf",
            params={"name": _name(upload)},
        )
    return hashed_content(data, "pdf")
