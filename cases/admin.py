from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import CheckboxSelectMultiple
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from cases.media.admin import CaseDocumentInline, CaseFilesFormSet, CaseImageInline
from cases.media.models import file_changes_gathered, file_changes_reason
from cases.models import (
    RESERVED_SLUGS,
    Case,
    CaseImpact,
    Collection,
    CollectionEntry,
    EquivalentSpelling,
    Link,
    Organization,
    Participation,
)
from cases.resources import CaseResource
from cases.search import reindex_deferred, search
from cases.services import case_relations_saved, case_version_record
from cases.views import case_detail_context
from foundation.imports import ImportExportAdminMixin

VOCABULARY_FIELDS = {"domains", "partnership_types", "engagement_practices", "dynamics", "sdgs"}


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ["organization"]
    extra = 1


class LinkInline(admin.TabularInline):
    model = Link
    extra = 1


# The model's own help text holds "<slug>", which the admin renders as HTML (an empty tag).
SLUG_HELP = _("Adresse de la page : /cas/{slug}/. Ne plus la changer une fois publiée.")


class CaseAdminForm(forms.ModelForm):
    """The slug's help names the real address; while the case was never published, an address that no
    longer matches the title (a retitled proposal) is offered for update."""

    slug_from_title = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].help_text = SLUG_HELP.format(slug=self.instance.slug or "adresse-de-la-page")
        suggested = title_slug(self.instance)
        if suggested:
            self.fields["slug_from_title"].label = _("Mettre l'adresse à jour d'après le titre : /cas/%(slug)s/") % {
                "slug": suggested
            }
            self.fields["slug_from_title"].help_text = _("Possible tant que l'étude de cas n'a jamais été publiée.")

    def clean(self):
        data = super().clean()
        if data.get("slug_from_title") and data.get("title"):
            self.instance.title = data["title"]
            data["slug"] = self.instance.slug = title_slug(self.instance, current=data.get("slug")) or data["slug"]
        return data


def title_slug(case: Case, *, current: str | None = None) -> str:
    """The free slug of the case's title when it differs from its slug and the case was never published."""
    if case.pk is None or case.published_at is not None or not case.title:
        return ""
    base = slugify(case.title)[:134].strip("-")
    if not base or base == (current or case.slug):
        return ""
    taken = set(Case.objects.exclude(pk=case.pk).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken | RESERVED_SLUGS:
        slug, number = f"{base}-{number}", number + 1
    return slug


class CaseImpactInline(admin.StackedInline):
    model = CaseImpact
    extra = 0
    fields = [
        "impact",
        "evidence",
        ("evidence_url", "evidence_document"),
        "formal_evaluation",
        ("evaluation_url", "evaluation_document"),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The evidence and the report are among this case's own documents.
        if db_field.name in {"evidence_document", "evaluation_document"}:
            case_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = db_field.related_model.objects.filter(case_id=case_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Case)
class CaseAdmin(ImportExportAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [CaseResource]
    list_display = ["title", "status", "region_names", "domain_names", "is_fictitious", "updated_at"]
    list_filter = [
        "status",
        "is_fictitious",
        "domains",
        "partnership_types",
        "engagement_practices",
        "dynamics",
        "regions",
        "country",
    ]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["departments"]
    filter_horizontal = ["regions"]
    inlines = [ParticipationInline, CaseImpactInline, LinkInline, CaseImageInline, CaseDocumentInline]
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    date_hierarchy = None
    show_full_result_count = False
    list_per_page = 50
    actions = ["publish_selected", "unpublish_selected", "archive_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "outcomes"]}),
        (_("En anglais"), {"fields": ["title_en", "summary_en"]}),
        (
            _("Territoire et période"),
            {"fields": ["country", "departments", "regions", "place", "scale", "start_year", "end_year"]},
        ),
        (_("Classement"), {"fields": ["domains", "partnership_types", "engagement_practices", "dynamics", "sdgs"]}),
        (
            _("Source et statut"),
            {"fields": ["source", "citation", "is_fictitious", "status", "published_at", "created_at", "updated_at"]},
        ),
    ]

    form = CaseAdminForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not title_slug(obj):
            return fieldsets
        (name, options), *rest = fieldsets
        fields = [field for field in options["fields"]]
        fields.insert(fields.index("slug") + 1, "slug_from_title")
        return [(name, {**options, "fields": fields}), *rest]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.formset, CaseFilesFormSet):
            # The photos and the documents share one limit (CASE_FILES_MAX): their formsets of this request
            # share one list, each checking them all.
            kwargs["file_formsets"] = vars(request).setdefault("case_file_formsets", [])
        return kwargs

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # The vocabularies are short lists: checkboxes; territories are many: search boxes.
        if db_field.name in VOCABULARY_FIELDS:
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions", "domains")

    def get_search_results(self, request, queryset, search_term):
        """The search box runs the site's search (every status, for those who see this list)."""
        if not search_term:
            return queryset, False
        result = search({"q": search_term}, user=request.user)
        return queryset.filter(pk__in=result.ids()), False

    def changeform_view(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().changeform_view(request, *args, **kwargs)
        # A save writes the case, then each of its relations: its search row is written once, at the end.
        with transaction.atomic(), reindex_deferred():
            return super().changeform_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        # One save of the page is one version of the case, recorded by save_related once the relations
        # and the files are saved too (each would otherwise record a version of its own).
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        case = form.instance
        with file_changes_gathered(case) as files:
            super().save_related(request, form, formsets, change)
            case_relations_saved(case)
        case_version_record(case, reason=file_changes_reason(files), created=not change)

    @admin.display(description=_("régions"))
    def region_names(self, case: Case) -> str:
        return ", ".join(region.name for region in case.regions.all())

    @admin.display(description=_("domaines"))
    def domain_names(self, case: Case) -> str:
        return ", ".join(domain.name for domain in case.domains.all())

    def get_view_on_site_url(self, obj=None):
        if obj is None or obj.pk is None:
            return None
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:cases_case_preview", args=[obj.pk])

    # Publication workflow -------------------------------------------------------------------------

    def has_publish_permission(self, request) -> bool:
        return Case.may_change_status(request.user)

    def _move_selected(self, request, queryset, status: str, done) -> None:
        moved, refused = 0, []
        for case in queryset:
            try:
                case.move_to(status, user=request.user)
                moved += 1
            except ValidationError as error:
                refused.append(f"{case.title} : {' '.join(error.messages)}")
        if moved:
            self.message_user(request, done % {"count": moved}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Publier les études de cas sélectionnées"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._move_selected(request, queryset, Case.Status.PUBLISHED, _("%(count)s étude(s) de cas publiée(s)."))

    @admin.action(description=_("Dépublier (repasser en brouillon)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._move_selected(
            request, queryset, Case.Status.DRAFT, _("%(count)s étude(s) de cas repassée(s) en brouillon.")
        )

    @admin.action(description=_("Archiver les études de cas sélectionnées"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._move_selected(request, queryset, Case.Status.ARCHIVED, _("%(count)s étude(s) de cas archivée(s)."))

    # Status changes from the change form, and a preview of what the public will see ---------------

    def get_urls(self):
        return [
            path("<int:pk>/apercu/", self.admin_site.admin_view(self.preview_view), name="cases_case_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int):
        case = get_object_or_404(Case, pk=pk)
        if not self.has_view_or_change_permission(request, case):
            raise PermissionDenied
        context = case_detail_context(request, case)
        context["preview"] = True
        return TemplateResponse(request, "cases/case_detail.html", context)

    def response_change(self, request, obj):
        target = request.POST.get("_move_to")
        if target:
            try:
                obj.move_to(target, user=request.user)
            except ValidationError as error:
                if error.code == "permission":
                    raise PermissionDenied from None
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _("Statut : %(status)s.") % {"status": obj.get_status_display()}, messages.SUCCESS
                )
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["status_moves"] = (
            [(status, Case.Status(status).label) for status in Case.Status if obj.can_move_to(status)]
            if obj is not None and self.has_publish_permission(request)
            else []
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .prefetch_related("partnership_types", "engagement_practices", "dynamics", "departments")
        )


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "department", "country", "is_fictitious"]
    list_filter = ["kind", "country", "is_fictitious"]
    list_select_related = ["department"]
    search_fields = ["name"]
    autocomplete_fields = ["department"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(EquivalentSpelling)
class EquivalentSpellingAdmin(admin.ModelAdmin):
    """Curators' equivalent spellings, applied to the words of every search (« ESS » finds « économie
    sociale et solidaire » and the other way round)."""

    list_display = ["spelling", "equivalent"]
    search_fields = ["spelling", "equivalent"]


class CollectionEntryInline(admin.TabularInline):
    model = CollectionEntry
    autocomplete_fields = ["case"]
    fields = ["position", "case"]
    extra = 1


@admin.register(Collection)
class CollectionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "is_published", "department", "region", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["department", "region"]
    inlines = [CollectionEntryInline]
