"""What every viewset of `/api/v1/` shares: formats, errors, cache headers, the CSV of lists.

Each app's viewsets derive from `ApiViewSetMixin` (and `CSVListMixin` for lists that offer CSV), so the
cases and the surveys resources behave alike.
"""

from collections.abc import Callable, Iterator, Sequence

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from rest_framework.exceptions import MethodNotAllowed, NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import SimpleRateThrottle

from foundation.api.renderers import CHUNK_SIZE, Columns, CSVRenderer, streaming_csv_response
from foundation.api.schema import ApiAutoSchema
from foundation.middleware import json_body_has_nul


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 naming the formats on offer (DRF answers a bare 404)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            offered = ", ".join(renderer.format for renderer in renderers)
            asked = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            message = f"Format « {asked} » inconnu ici ; formats possibles : {offered}."
            raise ValidationError({"format": [message]}) from None


class ApiViewSetMixin:
    """JSON in and out, errors always in JSON, filters on lists only, and cache headers on reads.

    Anonymous reads are the same for everyone and may be cached by shared caches; anything read with
    credentials may hold drafts, so it is never stored.
    """

    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    content_negotiation_class = FormatNegotiation
    schema = ApiAutoSchema()

    def perform_content_negotiation(self, request, force=False):
        # A method the view does not offer is a 405, whatever format was asked for.
        offered = request.method.upper() in {method.upper() for method in self.allowed_methods}
        return super().perform_content_negotiation(request, force=force or not offered)

    def initial(self, request, *args, **kwargs):
        # A method the address does not offer is a 405 for everyone, before credentials are looked at
        # (DRF checks permissions first): the schema lists no such operation to authenticate for.
        if request.method.upper() not in {method.upper() for method in self.allowed_methods}:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        # After authentication and permissions, as the schema orders the answers: PostgreSQL refuses NUL
        # in text, so a JSON body holding one anywhere (even in an unknown key) is refused as a whole.
        if request.content_type == "application/json" and json_body_has_nul(request.body):
            raise ValidationError({"detail": _("Requête refusée : caractère nul (U+0000) dans le corps JSON.")})

    def filter_queryset(self, queryset):
        # A detail is addressed by its key alone: list filters must not turn it into a 404 or a 400.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_object(self):
        # One message for "does not exist" and "not yours to see": a draft's existence is not revealed.
        try:
            return super().get_object()
        except Http404:
            key = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
            name = self.get_queryset().model._meta.verbose_name
            raise NotFound(f"Introuvable : {name} « {key} ».") from None

    def handle_exception(self, exc):
        renderer = getattr(self.request, "accepted_renderer", None)
        if renderer is not None and not isinstance(renderer, JSONRenderer):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in {"GET", "HEAD"}:
            return response
        # `_user` is set once authentication ran; reading `user` here could raise after a failed one.
        user = getattr(request, "_user", None)
        anonymous = user is not None and not user.is_authenticated
        if anonymous and response.status_code in {200, 304}:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


class CSVExportThrottle(SimpleRateThrottle):
    """The `csv` scope: full exports cost far more than a page, so they have a rate of their own,
    counted per account or per address, on top of the API's general rate. No rate set, no limit."""

    scope = "csv"

    def get_rate(self) -> str | None:
        return self.THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view) -> str:
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def rows_in_chunks(ids: Sequence[int], fetch: Callable[[Sequence[int]], QuerySet]) -> Iterator[Model]:
    """The rows of `ids`, in that order, read CHUNK_SIZE at a time by `fetch(chunk)` with its prefetches.

    An export then costs one query for the ids and the same few queries per chunk, however long it is,
    and holds no database cursor open while a slow client reads the response. A row deleted since the
    ids were read is left out.
    """
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        found = {row.pk: row for row in fetch(chunk)}
        yield from (found[pk] for pk in chunk if pk in found)


class CSVListMixin:
    """`?format=csv` (or `Accept: text/csv`) on the list: every matching row, unpaginated, streamed.

    `csv_columns` maps each column name to a function of the object; the names are the documented,
    stable header (`get_csv_columns` may bind a column to the request, keeping the names). The list's
    queryset is read in chunks, its prefetches included.
    """

    csv_columns: Columns = {}
    csv_filename = "export.csv"

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action == "list":
            renderers.append(CSVRenderer())
        return renderers

    def get_csv_columns(self) -> Columns:
        return self.csv_columns

    def get_throttles(self):
        throttles = super().get_throttles()
        if isinstance(getattr(self.request, "accepted_renderer", None), CSVRenderer):
            throttles.append(CSVExportThrottle())
        return throttles

    def list(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, CSVRenderer):
            if self.paginator is not None:
                self.paginator.validate_query(request)  # ignored by the CSV, but malformed all the same
            return self.csv_response(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def csv_response(self, queryset: QuerySet) -> HttpResponseBase:
        return streaming_csv_response(queryset, self.get_csv_columns(), self.csv_filename)
