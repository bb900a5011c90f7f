"""The desk's additions to the cases' admin: who is in charge of a case, internal comments, filters that
match the desk's lists, and a readable history from which a curator restores an earlier version."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from cases.admin import CaseAdmin
from cases.models import Case
from cases.services import case_relations_saved, case_version_record
from desk.history import CaseHistoryDiffer
from desk.models import CaseComment
from desk.sections import assigned_to, published_this_month, stale_drafts

# Kept as they are when an earlier version is restored: the publication workflow is not content, and the
# status moves only through Case.move_to. (The assignment is offered as it is now, see _restoring_form.)
WORKFLOW_FIELDS = ["status", "published_at"]


class AssignmentFilter(admin.SimpleListFilter):
    title = _("assignation")
    parameter_name = "assignation"

    def lookups(self, request, model_admin):
        return [("moi", _("Assignées à moi")), ("personne", _("Assignées à personne"))]

    def queryset(self, request, queryset):
        if self.value() == "moi":
            return assigned_to(queryset, request.user)
        if self.value() == "personne":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class FollowUpFilter(admin.SimpleListFilter):
    title = _("à suivre")
    parameter_name = "suivi"

    def lookups(self, request, model_admin):
        return [
            ("dormants", _("Brouillons non modifiés depuis %(days)s jours") % {"days": settings.DESK_STALE_DRAFT_DAYS}),
            ("ce-mois", _("Publiées ce mois-ci")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "dormants":
            return stale_drafts(queryset)
        if self.value() == "ce-mois":
            return published_this_month(queryset)
        return queryset


class CaseCommentInline(admin.TabularInline):
    """The comments already written, read-only: a comment is a record of what was said."""

    model = CaseComment
    fields = ["created_at", "author", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("commentaires internes (jamais publiés)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class NewCaseCommentInline(admin.StackedInline):
    """One empty comment to write; its author is the curator who saves it."""

    model = CaseComment
    fields = ["text"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "nouveau commentaire interne (visible des seuls curateurs)"
    formfield_overrides = {CaseComment._meta.get_field("text").__class__: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(Case)


@admin.register(Case)
class DeskCaseAdmin(CaseAdmin):
    inlines = [*CaseAdmin.inlines, CaseCommentInline, NewCaseCommentInline]
    list_display = [*CaseAdmin.list_display, "assigned_to"]
    list_select_related = ["assigned_to"]
    list_filter = [AssignmentFilter, FollowUpFilter, *CaseAdmin.list_filter]
    fieldsets = [*CaseAdmin.fieldsets, (_("Suivi éditorial"), {"fields": ["assigned_to"]})]
    object_history_list_template = "desk/case_history_list.html"
    object_history_form_template = "desk/case_history_form.html"
    history_list_per_page = 30

    def save_formset(self, request, form, formset, change):
        if formset.model is not CaseComment:
            return super().save_formset(request, form, formset, change)
        for comment in formset.save(commit=False):
            comment.author = request.user
            comment.save()
        return None

    # History: a readable diff of each version, and restoring one -----------------------------------

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        CaseHistoryDiffer(Case).annotate(historical_records)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The library's view saves a POST for whoever may only view the history.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        version_date = (
            Case.history.filter(id=object_id, history_id=version_id).values_list("history_date", flat=True).first()
            if str(object_id).isdigit() and str(version_id).isdigit()
            else None
        )
        context = {"version_date": version_date, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is None:
            return form
        return _restoring_form(form, record)

    def save_model(self, request, obj, form, change):
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is not None:
            # Restoring a version: its content, the case's current workflow state.
            for name, value in Case.objects.filter(pk=obj.pk).values(*WORKFLOW_FIELDS).get().items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)
        if record is not None:
            # The library's view saves the relations after this method and never calls save_related: they are
            # saved here, so that the restored version is recorded once, with them (saving them again is a no-op).
            form.save_m2m()
            case_relations_saved(obj)
            reason = f"Version du {timezone.localtime(record.history_date):%d/%m/%Y %H:%M} restaurée"
            case_version_record(obj, reason=reason)


def _restoring_form(form_class, record):
    """The change form filled with an earlier version: its vocabularies and territories as they were then
    (a form reads the current ones from the case), and the case's current assignment."""
    m2m = {
        field.name: [getattr(row, field.m2m_reverse_field_name() + "_id") for row in getattr(record, field.name).all()]
        for field in record._history_m2m_fields
        if field.name in form_class.base_fields
    }

    class RestoringForm(form_class):
        def __init__(self, *args, **kwargs):
            initial = {**m2m, **(kwargs.pop("initial", None) or {})}
            if "assigned_to" in self.base_fields:
                initial["assigned_to"] = Case.objects.filter(pk=record.id).values_list("assigned_to", flat=True).first()
            super().__init__(*args, initial=initial, **kwargs)

    return RestoringForm
