from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)


class VocabularyAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Domain)
class DomainAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "group", "position"]
    list_filter = ["group"]


@admin.register(Impact)
class ImpactAdmin(VocabularyAdmin):
    list_display = ["name", "family", "slug", "position", "source_page"]
    list_filter = ["family"]


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(TranslationAdmin):
    list_display = ["number", "name", "name_en"]
    search_fields = ["name", "name_en"]


admin.site.register([PartnershipType, EngagementPractice, CollectiveDynamic], VocabularyAdmin)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "zone"]
    list_filter = ["zone"]
    search_fields = ["code", "name"]


@admin.register(Department)
class DepartmentAdmin(TranslationAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["code", "name"]
