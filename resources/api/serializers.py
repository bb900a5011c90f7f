"""How resources read in `/api/v1/resources/` (read-only: curators write in the admin)."""

from rest_framework import serializers

from resources.models import Resource


class ResourceSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    audiences = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    domains = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
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
            "url",
            "licence",
            "citation",
            "source_page",
            "page",
        ]
