"""The case list's pagination: the shared page-number pagination plus the facets of the search."""

from django.utils.translation import gettext_lazy as _

from cases.facets import FACETS
from foundation.api.pagination import PageNumberPagination

FACET_VALUE = {
    "type": "object",
    "properties": {
        "value": {"type": "string", "description": _("Ce que porte le paramètre de filtre (slug, code INSEE, type).")},
        "label": {"type": "string", "description": _("Le libellé à afficher.")},
        "count": {"type": "integer", "minimum": 1, "description": _("Études de cas qui ont cette valeur.")},
    },
    "required": ["value", "label", "count"],
}


class CasePagination(PageNumberPagination):
    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["facets"] = {
            "type": "object",
            "description": _(
                "Pour chaque filtre, le nombre d'études de cas par valeur, calculé avec tous les autres filtres "
                "mais pas le sien (les valeurs d'un filtre s'additionnent, les filtres se combinent)."
            ),
            "properties": {
                facet.param: {"type": "array", "items": FACET_VALUE, "description": facet.label} for facet in FACETS
            },
            "required": [facet.param for facet in FACETS],
        }
        paginated["required"] = [*paginated["required"], "facets"]
        return paginated
