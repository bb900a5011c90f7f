"""The admin site, whose home page is the editorial desk: what is waiting for the curators, then every app."""

from django.contrib import admin

from desk.sections import desk_sections
from foundation.text import guard_text_fields
from proposals.models import Proposal


class ControlCharactersRefused:
    """Every text field of an admin's forms (the change form, its inlines, the list's editable columns)
    refuses C0 control characters other than tab and line breaks, as the public forms, the API and the
    imports do (foundation.text)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        guard_text_fields(form.base_fields)
        return form

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            guard_text_fields(formset.form.base_fields)
            yield formset, inline

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        guard_text_fields(form.base_fields)
        return form


class DeskAdminSite(admin.AdminSite):
    index_template = "desk/index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Each model admin, whichever app registers it, gets the text guard above.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ControlCharactersRefused):
            name = admin_class.__name__
            admin_class = type(name, (ControlCharactersRefused, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        sections = desk_sections(request.user)
        context = {"desk_sections": sections, "proposal_admin": self.is_registered(Proposal)}
        if sections:
            context["title"] = "Bureau éditorial"
        return super().index(request, extra_context={**context, **(extra_context or {})})
