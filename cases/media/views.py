"""Serving a case's files: the published cases' to everybody, the others' to curators only.

Files are never reachable straight from the storage (MEDIA_URL is not routed, and the S3 bucket stays
private): each request names the case, and a case the visitor may not see answers 404, as its page does,
whatever file name is guessed. A public file is cached for good (its name is its content's hash); a
draft's file seen by a curator is not cached at all.
"""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.csp import CSP
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from cases.media.models import CaseDocument, CaseImage
from cases.models import Case

NAME = re.compile(r"^[\w-]+\.(jpg|png|webp|pdf)$")
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"
# A file needs no script, style or frame of the site; the object source lets browsers show a PDF inline.
FILE_CSP = {"default-src": [CSP.NONE], "object-src": [CSP.SELF], "frame-ancestors": [CSP.NONE]}


def _found(case: Case, name: str) -> tuple[str, str | None]:
    """(content type, download name) of the case's file stored as `name`, or 404."""
    extension = name.rsplit(".", 1)[1]
    if extension == "pdf":
        document = CaseDocument.objects.filter(case=case, file=name).first()
        if document is not None:
            return document.content_type, f"{slugify(document.title)[:80] or 'document'}.pdf"
    elif extension == "webp":
        if any(variant["name"] == name for image in case.images.all() for variant in image.variants):
            return IMAGE_TYPES[extension], None
    elif CaseImage.objects.filter(case=case, file=name).exists():
        return IMAGE_TYPES[extension], None
    raise Http404("Pas de tel fichier.")


@require_safe
def case_file(request: HttpRequest, case_id: int, filename: str) -> HttpResponseBase:
    if not NAME.match(filename):
        raise Http404("Pas de tel fichier.")
    case = get_object_or_404(Case.objects.visible_to(request.user).only("pk", "status"), pk=case_id)
    name = f"cas/{case.pk}/{filename}"
    content_type, download_name = _found(case, name)
    cache_control = PUBLIC_CACHE if case.is_public else PRIVATE_CACHE
    disposition = content_disposition_header(False, download_name) if download_name else None
    if settings.CASE_FILES_SIGNED_URLS:
        response = _redirect_to_signed_url(name, content_type, disposition, cache_control, case.is_public)
    else:
        try:
            stream = default_storage.open(name)
        except FileNotFoundError:
            raise Http404("Pas de tel fichier.") from None
        response = FileResponse(stream, content_type=content_type)
        if disposition:
            response.headers["Content-Disposition"] = disposition
        response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    response._csp_config = FILE_CSP
    return response


def _redirect_to_signed_url(
    name: str, content_type: str, disposition: str | None, cache_control: str, public: bool
) -> HttpResponseRedirect:
    """A redirect to a short-lived signed address of the private bucket, which answers with our headers.

    The redirect of a public file may be kept by caches for half the signature's life, never longer.
    """
    parameters = {"ResponseContentType": content_type, "ResponseCacheControl": cache_control}
    if disposition:
        parameters["ResponseContentDisposition"] = disposition
    seconds = settings.CASE_FILES_SIGNED_URL_SECONDS
    response = HttpResponseRedirect(default_storage.url(name, parameters=parameters, expire=seconds))
    response.headers["Cache-Control"] = f"public, max-age={seconds // 2}" if public else PRIVATE_CACHE
    return response
