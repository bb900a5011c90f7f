"""Small files made on the fly for the media tests: images with or without EXIF, PDFs, impostors."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# A minimal PDF that readers open: header, one empty page, cross-reference table, trailer.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)


def image_bytes(
    size: tuple[int, int] = (1600, 900), fmt: str = "JPEG", *, exif: bool = False, mode: str = "RGB"
) -> bytes:
    """An image; with `exif`, an Orientation tag (6: to be turned 90° clockwise), a camera and GPS data."""
    image = Image.new(mode, size, (200, 80, 40, 255) if mode == "RGBA" else (200, 80, 40))
    for x in range(0, size[0], 50):  # some detail, so that encoders do not make it trivially small
        image.paste((20, 120, 200), (x, 0, x + 10, size[1]))
    out = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x0112] = 6  # Orientation
        tags[0x010F] = "Appareil fictif"  # Make
        tags[0x8825] = {1: "N", 2: (45.0, 45.0, 0.0)}  # GPSInfo: latitude
        image.save(out, fmt, exif=tags.tobytes())
    else:
        image.save(out, fmt)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_upload(name: str = "photo.jpg", **kwargs) -> SimpleUploadedFile:
    return upload(name, image_bytes(**kwargs), "image/jpeg")


def pdf_upload(name: str = "fiche.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return upload(name, content, "application/pdf")
