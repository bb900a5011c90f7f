"""The error pages: in the page's language (French, or English under /en/), in the site's layout, with a
way back; JSON under /api/ in the language the client asks for (foundation/languages.py).

Django's own pages are bare, and its 500 page is rendered without the request (so without the
site's links). The CSRF failure of the proposal form shows the form again with what was typed.
"""

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from proposals.views import propose_after_csrf_failure

logger = logging.getLogger(__name__)

PAGES = {
    400: (_("Requête incorrecte"), _("La requête envoyée au site n'a pas pu être comprise.")),
    403: (_("Accès refusé"), _("Vous n'avez pas le droit de voir cette page.")),
    404: (_("Page introuvable"), _("Aucune page ne correspond à cette adresse : elle a pu changer ou être retirée.")),
    500: (
        _("Erreur du site"),
        _("Le site a rencontré une erreur en préparant cette page. Elle a été consignée ; réessayez dans un moment."),
    ),
}
API_DETAILS = {
    400: _("Requête incorrecte."),
    403: _("Vous n'avez pas la permission d'effectuer cette action."),
    404: _("Cette adresse ne correspond à aucune ressource de l'API (voir /api/docs/)."),
    500: _("Erreur du serveur : elle a été consignée."),
}
CSRF_REASON = _(
    "Le jeton de sécurité du formulaire a expiré ou le cookie qui le porte a été bloqué : rien n'a été "
    "enregistré. Vérifiez que votre navigateur accepte les cookies de ce site, puis envoyez à nouveau."
)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_page(request: HttpRequest, status: int, *, reason: str = "") -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": reason or API_DETAILS[status]}, status=status)
    title, text = PAGES[status]
    context = {"status": status, "title": title, "text": text, "reason": reason}
    try:
        content = loader.render_to_string("errors/error.html", context, request)
    except Exception:  # the page itself failed (the database, a template): the plainest answer still helps
        logger.exception("Rendering the %s page failed", status)
        back = _("Revenir à l'accueil")
        content = (
            f'<!doctype html><html lang="{get_language()}"><title>{title}</title><h1>{title}</h1><p>{text}</p>'
            f'<p><a href="/">{back}</a></p>'
        )
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the proposal form again with what was typed; elsewhere the 403 page saying why."""
    if request.method == "POST" and (response := propose_after_csrf_failure(request, CSRF_REASON)) is not None:
        return response
    return error_page(
        request, 403, reason=CSRF_REASON if not is_api(request) else _("CSRF : %(reason)s.") % {"reason": reason}
    )
