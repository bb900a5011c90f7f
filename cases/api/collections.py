"""Collections, the impacts and the SDGs in `/api/v1/`: read-only resources."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from cases.api.serializers import ImpactSerializer, SustainableDevelopmentGoalSerializer
from cases.api.viewsets import ReferenceViewSet, _columns, _documented
from cases.models import Case, Collection, CollectionEntry
from foundation.api.viewsets import ApiViewSetMixin
from foundation.reference.models import Impact, SustainableDevelopmentGoal


class CollectionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Adresse de la page publique de la collection."))
    cases = serializers.SerializerMethodField(help_text=_("Slugs de ses études de cas publiées, dans son ordre."))
    region = serializers.CharField(source="region_id", allow_null=True, read_only=True)
    department = serializers.CharField(source="department_id", allow_null=True, read_only=True)

    class Meta:
        model = Collection
        fields = ["slug", "url", "title", "description", "source", "region", "department", "cases"]

    def get_url(self, collection: Collection) -> str:
        request = self.context.get("request")
        path = collection.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path

    def get_cases(self, collection: Collection) -> list[str]:
        return [entry.case.slug for entry in collection.shown]


@_documented(_("Collections"), _("Des ensembles ordonnés et cités d'études de cas (seules les publiées y figurent)."))
class CollectionViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CollectionSerializer
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        entries = CollectionEntry.objects.filter(case__status=Case.Status.PUBLISHED).select_related("case")
        return (
            Collection.objects.published()
            .order_by("title", "pk")
            .prefetch_related(Prefetch("entries", queryset=entries.order_by("position", "pk"), to_attr="shown"))
        )


class ImpactDetailSerializer(ImpactSerializer):
    class Meta(ImpactSerializer.Meta):
        fields = [*ImpactSerializer.Meta.fields, "description", "position", "source_page"]


@_documented(_("Impacts"), _("Les trois impacts des alliances et leurs déclinaisons (source, p. 24)."))
class ImpactViewSet(ReferenceViewSet):
    queryset = Impact.objects.all()
    serializer_class = ImpactDetailSerializer
    csv_columns = _columns("slug", "name", "family", "description", "position", "source_page")
    csv_filename = "observatoire-impacts.csv"


class GoalSerializer(SustainableDevelopmentGoalSerializer):
    class Meta(SustainableDevelopmentGoalSerializer.Meta):
        fields = ["number", "name", "name_en"]


@_documented(_("Objectifs de développement durable"), _("Les 17 objectifs de développement durable, par numéro."))
class SustainableDevelopmentGoalViewSet(ReferenceViewSet):
    queryset = SustainableDevelopmentGoal.objects.all()
    serializer_class = GoalSerializer
    lookup_field = "number"
    csv_columns = _columns("number", "name", "name_en")
    csv_filename = "observatoire-odd.csv"
