"""`/api/v1/` resources of the indicators app: indicators and their values, read-only and public."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from foundation.api.renderers import joined, resource_columns
from foundation.api.viewsets import ApiViewSetMixin, CSVListMixin
from indicators.api.serializers import IndicatorSerializer, IndicatorValueSerializer
from indicators.filters import IndicatorFilter, IndicatorValueFilter
from indicators.models import Indicator, IndicatorValue
from indicators.resources import COLUMNS, IndicatorValueResource


@extend_schema_view(
    list=extend_schema(
        summary=_("Indicateurs"),
        description=_(
            "Les indicateurs officiels par région et département (INSEE, DREES, SSMSI) : définition telle "
            "que le producteur l'imprime, unité, source, licence, domaines de fragilité éclairés, sens "
            "(`plus-fragile` : plus la valeur est élevée, plus le territoire est fragile ; `moins-fragile` ; "
            "`contexte`) et précautions de lecture."
        ),
    ),
    retrieve=extend_schema(summary=_("Un indicateur")),
)
class IndicatorViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    csv_columns = {
        name: (lambda indicator, name=name: getattr(indicator, name))
        for name in ["slug", "name", "definition", "unit", "producer", "table", "source_url", "licence"]
    } | {
        "domains": lambda indicator: joined(domain.slug for domain in indicator.domains.all()),
        "direction": lambda indicator: indicator.direction,
        "caveat": lambda indicator: indicator.caveat,
    }
    csv_filename = "observatoire-indicateurs.csv"

    def get_queryset(self) -> QuerySet:
        return Indicator.objects.prefetch_related("domains").order_by("position", "slug")


@extend_schema_view(
    list=extend_schema(
        summary=_("Valeurs des indicateurs"),
        description=_(
            "Une valeur par indicateur, territoire et période de référence, telle que la source l'imprime. "
            "Un territoire que la source ne couvre pas n'a pas de valeur (jamais 0). `code` est le code INSEE de la "
            "région ou du département, `FR` pour la France entière, `FM` pour la France métropolitaine (valeurs de "
            "référence). `?format=csv` donne exactement le format long de l'import des curateurs : un fichier "
            "téléchargé se réimporte tel quel."
        ),
    ),
    retrieve=extend_schema(summary=_("Une valeur")),
)
class IndicatorValueViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    csv_columns = resource_columns(IndicatorValueResource(), COLUMNS)
    csv_filename = "observatoire-valeurs-indicateurs.csv"

    def get_queryset(self) -> QuerySet:
        return IndicatorValue.objects.select_related("indicator", "region", "department").order_by(
            "indicator__position", "indicator__slug", "level", "region_id", "department_id", "period", "pk"
        )
