from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


def _positive_int(request, param: str) -> int | None:
    """The query parameter as an integer of at least 1, None when absent; anything else is a 400."""
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({param: [_("Nombre entier attendu, reçu « %(raw)s ».") % {"raw": raw}]}) from None
    if value < 1:
        raise ValidationError({param: [_("Un nombre entier d'au moins 1 est attendu.")]})
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pagination; `page_size` above the cap is capped, a malformed one is a 400.

    A page number that is not a positive integer is a 400 too (the request is malformed); a page past
    the last one is a 404 (the request is well formed, the page does not exist).
    """

    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def validate_query(self, request) -> None:
        """Refuse malformed pagination parameters, for responses that do not paginate (CSV)."""
        _positive_int(request, self.page_query_param)
        self.get_page_size(request)

    def get_page_size(self, request) -> int:
        size = _positive_int(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        number = _positive_int(request, self.page_query_param) or 1
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise NotFound(
                _("La page %(number)s n'existe pas (dernière page : %(last)s).")
                % {"number": number, "last": paginator.num_pages}
            ) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("Numéro de page, à partir de 1. Au-delà de la dernière page : 404."),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _(
                    "Nombre de résultats par page (%(default)s par défaut). Une valeur au-delà de %(max)s est "
                    "ramenée à %(max)s."
                )
                % {"default": self.page_size, "max": self.max_page_size},
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
