"""How resources read in `/api/v1/resources/` (read-only: curators write in the admin)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from resources.models import Resource


class ResourceSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    audiences = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    domains = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text=_("Numéros des ODD (1 à 17)."))
    file = serializers.SerializerMethodField(help_text=_("Adresse du fichier, vide quand la ressource n'en a pas."))
    page = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Resource
        fields = [
            "slug",
            "title",
            "kind",
            "date_label",
            "year",
            "place",
            "quote",
            "summary",
            "programme",
            "audiences",
            "domains",
            "regions",
            "sdgs",
            "url",
            "file",
            "file_type",
            "file_size",
            "licence",
            "citation",
            "source_page",
            "page",
        ]

    def get_file(self, resource: Resource) -> str:
        return self.context["request"].build_absolute_uri(resource.file_url) if resource.file else ""
