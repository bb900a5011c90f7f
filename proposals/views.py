from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from rest_framework.throttling import SimpleRateThrottle

from foundation.security import client_address
from proposals.forms import ProposalSubmission, consent_statement
from proposals.models import Proposal
from proposals.services import proposal_submit

RECEIPT_COOKIE = "proposition-recue"
RECEIPT_SECONDS = 3600


class SubmissionThrottle(SimpleRateThrottle):
    """Submissions per client address, counted in the default cache (Redis: shared by the instances)."""

    scope = "proposal"

    def get_rate(self) -> str:
        return settings.PROPOSAL_RATE

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

    def refund(self) -> None:
        """Take back the submission just counted: one refused for its fields stored nothing."""
        if self.now in self.history:
            self.history.remove(self.now)
            self.cache.set(self.key, self.history, self.duration)


def _wait_text(seconds: float | None) -> str:
    minutes = max(1, round((seconds or 60) / 60))
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    """The public form: a valid submission becomes a draft case and its proposal, then the thank-you page.

    A refused submission (rate, honeypot, invalid fields or files) is answered with the form as it was
    typed and the reason; files cannot be kept by a browser, so the page asks for them again.
    """
    if request.method != "POST":
        return _form_page(request, ProposalSubmission.bind())
    throttle = SubmissionThrottle()
    if not throttle.allow_request(request, None):
        submission = ProposalSubmission.bind(request.POST)
        refusal = (
            "Trop de propositions envoyées depuis votre connexion : rien n'a été enregistré. "
            f"Réessayez dans {_wait_text(throttle.wait())}."
        )
        response = _form_page(request, submission, status=429, refusal=refusal)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    submission = ProposalSubmission.bind(request.POST, request.FILES)
    if not submission.is_valid():
        throttle.refund()
        return _form_page(request, submission, status=400)
    proposal = proposal_submit(submission=submission)
    response = redirect("proposals:thanks")
    # The thank-you page shows the reference and what was received to this browser only, for an hour.
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        str(proposal.pk),
        salt=RECEIPT_COOKIE,
        max_age=RECEIPT_SECONDS,
        path=reverse("proposals:thanks"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def propose_after_csrf_failure(request: HttpRequest, reason: str) -> HttpResponse | None:
    """The form again with what was typed (files aside) and a fresh token, when its CSRF check failed
    (an expired or blocked cookie): half an hour of writing is not lost. None for any other address."""
    if request.path != reverse("proposals:propose"):
        return None
    return _form_page(request, ProposalSubmission.bind(request.POST), status=403, refusal=reason)


def _form_page(request, submission: ProposalSubmission, *, status: int = 200, refusal: str = "") -> HttpResponse:
    context = {
        "submission": submission,
        "form": submission.form,
        "refusal": refusal,
        "files_dropped": bool(request.FILES) and status != 200,
        "consent_statement": consent_statement(),
        "retention_days": settings.PROPOSAL_CONTACT_RETENTION_DAYS,
        "files_max": settings.CASE_FILES_MAX,
        "image_max_bytes": settings.CASE_IMAGE_MAX_BYTES,
        "document_max_bytes": settings.CASE_DOCUMENT_MAX_BYTES,
    }
    return render(request, "proposals/propose.html", context, status=status)


@never_cache
@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    proposal = None
    received = request.get_signed_cookie(RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE, max_age=RECEIPT_SECONDS)
    if received and received.isdigit():
        proposal = Proposal.objects.select_related("case").filter(pk=int(received)).first()
    context = {"retention_days": settings.PROPOSAL_CONTACT_RETENTION_DAYS, "proposal": proposal}
    return render(request, "proposals/thanks.html", context)
