"""`/api/v1/resources/`: the published resources, filterable like `/ressources/`, with the same facets."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from foundation.api.viewsets import ApiViewSetMixin
from resources.api.serializers import ResourceSerializer
from resources.filters import ResourceFilter, resource_facets
from resources.models import Resource


@extend_schema_view(
    list=extend_schema(
        summary=_("Ressources"),
        description=_(
            "Les rapports, kits, outils, guides, lettres, articles, expositions et événements de "
            "l'Observatoire, avec la date telle qu'imprimée, la page de la source qui les cite et `facets` : pour "
            "chaque filtre, le nombre de ressources par valeur, les autres filtres appliqués."
        ),
    ),
    retrieve=extend_schema(summary=_("Une ressource")),
)
class ResourceViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet:
        return (
            Resource.objects.published()
            .select_related("programme")
            .prefetch_related("audiences", "domains", "regions", "sdgs")
            .order_by("-year", "title", "pk")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["facets"] = resource_facets(request.query_params, Resource.objects.published())
        return response
