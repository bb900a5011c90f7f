from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from resources.models import Audience, Resource


@admin.register(Audience)
class AudienceAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "date_label", "programme", "source_page", "status"]
    list_filter = ["status", "kind", "programme", "audiences"]
    list_select_related = ["programme"]
    search_fields = ["title", "slug", "quote", "citation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["audiences", "domains", "regions"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status"]}),
        ("Ce que dit la source", {"fields": ["date_label", "year", "place", "quote", "summary", "source_page"]}),
        ("Classement", {"fields": ["programme", "audiences", "domains", "regions"]}),
        ("Accès et citation", {"fields": ["url", "licence", "citation"]}),
    ]
