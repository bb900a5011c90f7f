"""The admin site, whose home page is the editorial desk: what is waiting for the curators, then every app."""

from django.contrib import admin

from desk.sections import desk_sections
from proposals.models import Proposal


class DeskAdminSite(admin.AdminSite):
    index_template = "desk/index.html"

    def index(self, request, extra_context=None):
        sections = desk_sections(request.user)
        context = {"desk_sections": sections, "proposal_admin": self.is_registered(Proposal)}
        if sections:
            context["title"] = "Bureau éditorial"
        return super().index(request, extra_context={**context, **(extra_context or {})})
