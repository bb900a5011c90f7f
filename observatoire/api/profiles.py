"""`/api/v1/profiles/regions/<code>/` and `/api/v1/profiles/departments/<code>/`: a territory's report as JSON.

The same `Profile` as the profile page and the report (observatoire.territories.profile), so the three
never disagree. Values are strings as the source prints them (decimals), positions and percentile ranks
numbers from 0 to 100; a value the source does not give is null, never 0.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from foundation.api.viewsets import ApiViewSetMixin
from foundation.reference.models import Department, Region
from indicators.method import IndicatorPosition
from indicators.models import Indicator
from observatoire.territories.profile import GAP, Priority, Profile, territory_profile
from observatoire.territories.territory import Territory
from surveys.presentation import Cell

CODE = "[0-9][0-9ABab][0-9]?"


class ProfileReferenceSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("« France entière » ou « France métropolitaine »."))
    value = serializers.DecimalField(max_digits=18, decimal_places=7, coerce_to_string=True)
    period = serializers.CharField()


class ProfileIndicatorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=Indicator.Direction.choices)
    producer = serializers.CharField()
    table = serializers.CharField()
    source_url = serializers.URLField()
    licence = serializers.CharField()
    caveat = serializers.CharField(help_text=_("Précautions de lecture (indicateur approché, lacunes de la source)."))
    value = serializers.DecimalField(
        max_digits=18,
        decimal_places=7,
        allow_null=True,
        help_text=_("Null : non disponible dans la source pour ce territoire."),
    )
    period = serializers.CharField(allow_null=True, help_text=_("Période de référence, comme la source la donne."))
    source = serializers.CharField(allow_null=True)
    percentile = serializers.FloatField(
        allow_null=True, help_text=_("Rang en centile parmi les pairs qui ont une valeur : 100 = le plus fragile.")
    )
    rank = serializers.IntegerField(allow_null=True, help_text=_("1 = le plus fragile parmi les pairs."))
    peers = serializers.IntegerField(help_text=_("Nombre de pairs (même niveau) qui ont une valeur."))
    references = ProfileReferenceSerializer(many=True)


class ProfilePerceivedSerializer(serializers.Serializer):
    value = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text=_("Note moyenne sur 10 ; null : non lisible.")
    )
    scope = serializers.CharField(help_text=_("« national », ou le libellé du segment régional."))
    is_national = serializers.BooleanField()
    previous_value = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text=_("La vague précédente, même portée.")
    )


class ProfileDomainSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    has_indicators = serializers.BooleanField(help_text=_("Faux : aucun indicateur officiel, rien n'est déduit."))
    score = serializers.FloatField(
        allow_null=True, help_text=_("Position objective de 0 à 100 (100 = le plus fragile).")
    )
    rank = serializers.IntegerField(allow_null=True)
    peers = serializers.IntegerField(help_text=_("Nombre de pairs qui ont une position dans ce domaine."))
    indicators = serializers.ListField(child=serializers.CharField(), help_text=_("Slugs des indicateurs du domaine."))
    perceived = ProfilePerceivedSerializer(allow_null=True)
    objective_order = serializers.IntegerField(allow_null=True)
    perceived_order = serializers.IntegerField(allow_null=True)
    gap = serializers.ChoiceField(
        choices=[
            ("", _("aucun")),
            ("objective", _("forte mais peu perçue")),
            ("perceived", _("perçue plus que mesurée")),
        ],
        allow_blank=True,
    )


class ProfileTermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    search_url = serializers.CharField()


class ProfileAllianceGroupSerializer(serializers.Serializer):
    heading = serializers.CharField()
    terms = ProfileTermSerializer(many=True)


class ProfileStudySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    fieldwork = serializers.CharField()
    citation = serializers.CharField()


class ProfileTerritorySerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=[("region", _("Région")), ("department", _("Département"))])
    code = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField(help_text=_("Code INSEE de la région (la sienne pour une région)."))


class ProfileSerializer(serializers.Serializer):
    territory = ProfileTerritorySerializer()
    indicators = ProfileIndicatorSerializer(many=True)
    domains = ProfileDomainSerializer(many=True)
    perception_study = ProfileStudySerializer(allow_null=True)
    alliances = ProfileAllianceGroupSerializer(many=True)
    case_count = serializers.IntegerField()
    gap_rule = serializers.CharField()
    html_url = serializers.CharField()
    report_pdf_url = serializers.CharField()


def _indicator(item: IndicatorPosition) -> dict:
    indicator, reading = item.indicator, item.reading
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "producer": indicator.producer,
        "table": indicator.table,
        "source_url": indicator.source_url,
        "licence": indicator.licence,
        "caveat": indicator.caveat,
        "value": reading.value if reading else None,
        "period": reading.period if reading else None,
        "source": reading.source if reading else None,
        "percentile": None if item.percentile is None else round(float(item.percentile), 4),
        "rank": item.rank,
        "peers": item.peers,
        "references": [
            {"label": ref.label, "value": ref.reading.value, "period": ref.reading.period} for ref in item.references
        ],
    }


def _value(cell: Cell | None):
    return None if cell is None or cell.missing else cell.value


def _domain(priority: Priority) -> dict:
    position, perceived = priority.position, priority.perceived
    return {
        "slug": position.domain.slug,
        "name": position.domain.name,
        "has_indicators": position.has_indicators,
        "score": None if position.score is None else round(float(position.score), 4),
        "rank": position.rank,
        "peers": position.peers,
        "indicators": [item.indicator.slug for item in position.indicators],
        "perceived": None
        if perceived is None
        else {
            "value": _value(perceived.cell),
            "scope": perceived.scope,
            "is_national": perceived.is_national,
            "previous_value": _value(perceived.previous),
        },
        "objective_order": priority.objective_order,
        "perceived_order": priority.perceived_order,
        "gap": priority.gap,
    }


def profile_data(profile: Profile, request: Request) -> dict:
    territory = profile.territory
    study = profile.perceived.study if profile.perceived else None
    return {
        "territory": {
            "level": territory.level,
            "code": territory.code,
            "name": territory.name,
            "region": territory.region.code,
        },
        "indicators": [_indicator(item) for item in profile.indicators],
        "domains": [_domain(priority) for priority in profile.priorities],
        "perception_study": None
        if study is None
        else {"slug": study.slug, "name": study.name, "fieldwork": study.fieldwork_label, "citation": study.citation},
        "alliances": [
            {
                "heading": heading,
                "terms": [
                    {
                        "slug": item.term.slug,
                        "name": item.term.name,
                        "count": item.count,
                        "search_url": request.build_absolute_uri(item.url),
                    }
                    for item in terms
                ],
            }
            for heading, terms in profile.alliances
        ],
        "case_count": profile.case_count,
        "gap_rule": (
            "Écart quand l'ordre d'un domaine selon sa position objective et son ordre selon la note perçue "
            f"diffèrent d'au moins {GAP} places, parmi les domaines qui ont les deux."
        ),
        "html_url": request.build_absolute_uri(territory.profile_url),
        "report_pdf_url": request.build_absolute_uri(territory.pdf_url),
    }


class ProfileLinkSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Code INSEE."))
    name = serializers.CharField()
    url = serializers.URLField(help_text=_("Le profil de ce territoire dans l'API."))


class _ProfileViewSet(ApiViewSetMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProfileSerializer
    lookup_field = "code"
    lookup_value_regex = CODE
    pagination_class = None
    filter_backends = []

    def territory(self, obj) -> Territory:
        raise NotImplementedError

    def list(self, request: Request, *args, **kwargs) -> Response:
        """Every territory of the kind with the address of its profile: the API root can link here."""
        territories = self.get_queryset().order_by("code")
        links = [
            {"code": item.code, "name": item.name, "url": self.reverse_action("detail", args=[item.code])}
            for item in territories
        ]
        return Response(ProfileLinkSerializer(links, many=True).data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        self.kwargs["code"] = self.kwargs["code"].upper()
        profile = territory_profile(self.territory(self.get_object()))
        return Response(ProfileSerializer(profile_data(profile, request)).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Profils des régions : la liste"),
        description=_("Chaque région, avec l'adresse de son profil."),
        responses=ProfileLinkSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary=_("Profil d'une région"),
        description=_(
            "Le rapport régional en JSON : les indicateurs officiels de la région (valeur, période, source, "
            "licence, rang parmi les régions), sa position objective par domaine de fragilité comparée à la fragilité "
            "perçue (segment régional, sinon national), les écarts, et ses études de cas par dynamique et pratique."
        ),
    ),
)
class RegionProfileViewSet(_ProfileViewSet):
    def get_queryset(self) -> QuerySet:
        return Region.objects.all()

    def territory(self, obj: Region) -> Territory:
        return Territory.of_region(obj)


@extend_schema_view(
    list=extend_schema(
        summary=_("Profils des départements : la liste"),
        description=_("Chaque département, avec l'adresse de son profil."),
        responses=ProfileLinkSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary=_("Profil d'un département"),
        description=_("Le même profil pour un département, comparé aux autres départements."),
    ),
)
class DepartmentProfileViewSet(_ProfileViewSet):
    def get_queryset(self) -> QuerySet:
        return Department.objects.select_related("region")

    def territory(self, obj: Department) -> Territory:
        return Territory.of_department(obj)
