import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.models import Organization, Participation
from proposals.models import Proposal
from proposals.services import (
    proposal_accept,
    proposal_decline,
    proposal_request_information,
    proposer_data,
    proposer_erase,
)

# The decisions a proposal's page offers: the list's actions of the same name, on that proposal alone.
DECISIONS = {
    "accept": _("Accepter"),
    "request_information": _("Demander des informations"),
    "decline": _("Refuser"),
}


class DecisionForm(forms.Form):
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 6, "cols": 80}), max_length=5000)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Curators examine the proposals and decide (the buttons of a proposal's page, or the list's actions);
    administrators answer the proposers' requests about their personal data (export, erasure)."""

    list_display = ["created_at", "case_link", "case_status", "state", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["case"]
    search_fields = ["case__title"]
    show_full_result_count = False
    actions = ["request_information", "decline", "accept", "export_proposer_data", "erase_proposer_data"]
    fieldsets = [
        (None, {"fields": ["case_link", "state", "created_at", "organizations_list"]}),
        (_("Décision"), {"fields": ["decision_message", "decided_at", "decided_by"]}),
        (
            _("Proposant (jamais publié)"),
            {
                "fields": [
                    "name",
                    "email",
                    "consent_given",
                    "consent_at",
                    "consent_version",
                    "consent_text",
                    "contact_erased_at",
                ]
            },
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # proposals come from the public form only

    def get_readonly_fields(self, request, obj=None):
        # Decisions are made through the actions, which email the proposer; nothing is edited by hand.
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def get_search_fields(self, request):
        # Administrators find a proposer by name or address, to answer an access or erasure request.
        if self.has_manage_contact_data_permission(request):
            return [*self.search_fields, "name", "email"]
        return self.search_fields

    def has_manage_contact_data_permission(self, request) -> bool:
        return request.user.has_perm("proposals.manage_contact_data")

    @admin.display(description=_("étude de cas"), ordering="case__title")
    def case_link(self, proposal: Proposal) -> str:
        if proposal.case is None:
            return "brouillon supprimé"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:cases_case_change", args=[proposal.case_id]), proposal.case.title
        )

    @admin.display(description=_("statut de l'étude de cas"))
    def case_status(self, proposal: Proposal) -> str:
        return proposal.case.get_status_display() if proposal.case else "—"

    @admin.display(description=_("organisations saisies"))
    def organizations_list(self, proposal: Proposal) -> str:
        kinds, roles = dict(Organization.Kind.choices), dict(Participation.Role.choices)
        return "; ".join(
            f"{row.get('name', '')} ({kinds.get(row.get('kind'), row.get('kind'))}, "
            f"{roles.get(row.get('role'), row.get('role'))})"
            for row in proposal.organizations_typed
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Nothing to save by hand: the page shows the proposal, its decision buttons (or the list's actions)
        # decide.
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False}
        proposal = self.get_object(request, object_id) if object_id else None
        if proposal is not None and proposal.is_open and self.has_change_permission(request, proposal):
            extra_context["decisions"] = [
                (reverse("admin:proposals_proposal_decide", args=[proposal.pk, name]), label)
                for name, label in DECISIONS.items()
            ]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decision_view)
        return [
            path("<int:object_id>/decision/<str:decision>/", decide, name="proposals_proposal_decide"),
            *super().get_urls(),
        ]

    def decision_view(self, request, object_id: int, decision: str):
        """One proposal's decision from its page: the list's action on it alone, then back to the page.

        POST only (the admin's CSRF check applies); the same permission as the action; a decision that
        needs a message for the proposer shows its form first.
        """
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        proposal = self.get_object(request, str(object_id))
        if proposal is None or decision not in DECISIONS:
            raise Http404(_("Cette proposition ou cette décision n'existe pas."))
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        page = reverse("admin:proposals_proposal_change", args=[proposal.pk])
        response = getattr(self, decision)(request, Proposal.objects.filter(pk=proposal.pk), cancel_url=page)
        return response or HttpResponseRedirect(page)

    # Decisions -------------------------------------------------------------------------------------

    def _decide_each(self, request, queryset, decide, done) -> None:
        decided, refused = 0, []
        for proposal in queryset.select_related("case"):
            try:
                decide(proposal)
                decided += 1
            except ValidationError as error:
                refused.append(f"{proposal} : {' '.join(error.messages)}")
        if decided:
            self.message_user(request, done % {"count": decided}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    def _with_message(
        self, request, queryset, *, action: str, title: str, label: str, help_text: str, cancel_url: str = ""
    ):
        """The action's intermediate page: the message for the proposer, then the decision itself."""
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        form.fields["message"].label = label
        form.fields["message"].help_text = help_text
        if form.is_valid():
            return form.cleaned_data["message"]
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "queryset": queryset.select_related("case"),
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "confirm": _("Envoyer et enregistrer la décision"),
            "cancel_url": cancel_url or reverse("admin:proposals_proposal_changelist"),
        }
        return TemplateResponse(request, "admin/proposals/proposal/decision.html", context)

    @admin.action(description=_("Demander des informations au proposant"), permissions=["change"])
    def request_information(self, request, queryset, *, cancel_url: str = ""):
        message = self._with_message(
            request,
            queryset,
            action="request_information",
            title=_("Demander des informations"),
            label=_("Informations demandées"),
            help_text=_("Envoyé tel quel au proposant, qui répondra par courriel."),
            cancel_url=cancel_url,
        )
        if not isinstance(message, str):
            return message
        self._decide_each(
            request,
            queryset,
            lambda proposal: proposal_request_information(proposal, user=request.user, message=message),
            _("%(count)s proposition(s) en attente d'informations ; le proposant est prévenu."),
        )
        return None

    @admin.action(description=_("Refuser (avec une raison)"), permissions=["change"])
    def decline(self, request, queryset, *, cancel_url: str = ""):
        reason = self._with_message(
            request,
            queryset,
            action="decline",
            title=_("Refuser des propositions"),
            label=_("Raison du refus"),
            help_text=_("Envoyée telle quelle au proposant. Le brouillon reste un brouillon, jamais publié."),
            cancel_url=cancel_url,
        )
        if not isinstance(reason, str):
            return reason
        self._decide_each(
            request,
            queryset,
            lambda proposal: proposal_decline(proposal, user=request.user, reason=reason),
            _("%(count)s proposition(s) refusée(s) ; le proposant est prévenu."),
        )
        return None

    @admin.action(description=_("Accepter (l'étude de cas sera publiée après relecture)"), permissions=["change"])
    def accept(self, request, queryset, *, cancel_url: str = ""):
        self._decide_each(
            request,
            queryset,
            lambda proposal: proposal_accept(proposal, user=request.user),
            _("%(count)s proposition(s) acceptée(s) ; le proposant est prévenu."),
        )

    # Personal data ---------------------------------------------------------------------------------

    @admin.action(
        description=_("Exporter les données du proposant (JSON, toutes ses propositions)"),
        permissions=["manage_contact_data"],
    )
    def export_proposer_data(self, request, queryset):
        emails = _emails(queryset)
        if not emails:
            self.message_user(request, _("Ces propositions n'ont plus de coordonnées à exporter."), messages.WARNING)
            return None
        data = {"proposers": [proposer_data(email) for email in emails]}
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
            content_type="application/json; charset=utf-8",
        )
        name = f"proposant-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(
        description=_("Effacer les coordonnées du proposant (toutes ses propositions)"),
        permissions=["manage_contact_data"],
    )
    def erase_proposer_data(self, request, queryset):
        emails = _emails(queryset)
        if "apply" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "title": "Effacer les coordonnées de proposants",
                "opts": self.model._meta,
                "queryset": queryset.select_related("case"),
                "emails": emails,
                "action": "erase_proposer_data",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "confirm": _("Effacer définitivement"),
            }
            return TemplateResponse(request, "admin/proposals/proposal/decision.html", context)
        erased = sum(proposer_erase(email) for email in emails)
        self.message_user(
            request,
            _("Coordonnées effacées de %(count)s proposition(s) (%(addresses)s adresse(s)).")
            % {"count": erased, "addresses": len(emails)},
            messages.SUCCESS,
        )
        return None


def _emails(queryset) -> list[str]:
    return sorted({email.lower() for email in queryset.exclude(email="").values_list("email", flat=True)})
