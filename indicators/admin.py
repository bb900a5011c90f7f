from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin

from foundation.imports import ImportExportAdminMixin
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "slug", "producer", "direction", "position", "value_count"]
    list_filter = ["domains", "direction", "producer"]
    search_fields = ["name", "slug", "definition", "producer", "table"]
    filter_horizontal = ["domains"]
    readonly_fields = ["values_link"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "definition", "unit", "position"]}),
        (_("Source"), {"fields": ["producer", "table", "source_url", "licence"]}),
        (_("Lecture"), {"fields": ["domains", "direction", "caveat"]}),
        (_("Valeurs"), {"fields": ["values_link"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(value_count=Count("values"))

    @admin.display(description=_("valeurs"), ordering="value_count")
    def value_count(self, indicator: Indicator) -> int:
        return indicator.value_count

    @admin.display(description=_("valeurs par territoire"))
    def values_link(self, indicator: Indicator) -> str:
        if indicator.pk is None:
            return "Enregistrez d'abord l'indicateur, puis importez ses valeurs."
        url = reverse("admin:indicators_indicatorvalue_changelist")
        return format_html(
            '<a href="{}?indicator__id__exact={}">{} valeur(s)</a>', url, indicator.pk, indicator.value_count
        )


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ImportExportAdminMixin, ImportExportModelAdmin):
    """Values are imported in the long format (the shipped file's); here they are listed, corrected, exported."""

    resource_classes = [IndicatorValueResource]
    list_display = ["indicator", "level", "territory", "period", "value", "source"]
    list_filter = ["indicator", "level"]
    list_select_related = ["indicator", "region", "department"]
    search_fields = ["region__code", "department__code", "region__name", "department__name"]
    readonly_fields = ["indicator", "level", "region", "department"]
    fields = ["indicator", "level", "region", "department", "year", "period", "value", "source", "note"]
    show_full_result_count = False
    list_per_page = 100

    @admin.display(description=_("territoire"))
    def territory(self, value: IndicatorValue) -> str:
        territory = value.region or value.department
        return f"{territory} ({value.territory_code})" if territory else value.get_level_display()

    def has_add_permission(self, request) -> bool:
        # A value is identified by its indicator, territory and period: it comes in by an import, which checks
        # the three against the indicators and territories that exist.
        return False

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(["indicators.add_indicatorvalue", "indicators.change_indicatorvalue"])

    def has_export_permission(self, request) -> bool:
        return request.user.has_perm("indicators.view_indicatorvalue")
