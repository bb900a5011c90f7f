"""How indicators and their values read in `/api/v1/` (read-only: curators write in the admin)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import Indicator, IndicatorValue
from indicators.resources import printed_value


class IndicatorSerializer(serializers.ModelSerializer):
    domains = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "slug",
            "name",
            "definition",
            "unit",
            "producer",
            "table",
            "source_url",
            "licence",
            "domains",
            "direction",
            "caveat",
            "position",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.slug", read_only=True)
    code = serializers.CharField(source="territory_code", read_only=True)
    territory = serializers.SerializerMethodField(
        help_text=_("Nom de la région ou du département, ou « France entière », « France métropolitaine ».")
    )
    value = serializers.SerializerMethodField(
        help_text=_(
            "La valeur telle que la source l'imprime, jamais `null` : un territoire que la source ne couvre "
            "pas n'a pas de ligne."
        )
    )
    unit = serializers.CharField(source="indicator.unit", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "level", "code", "territory", "year", "period", "value", "unit", "source", "note"]

    def get_territory(self, value: IndicatorValue) -> str:
        territory = value.region or value.department
        return territory.name if territory is not None else value.get_level_display()

    @extend_schema_field({"type": "number"})
    def get_value(self, value: IndicatorValue) -> Decimal:
        return Decimal(printed_value(value.value))
