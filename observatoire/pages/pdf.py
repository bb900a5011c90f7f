"""A report's PDF as a response: made once per content version and served from storage, or a 503 that says
when to come back while every slot to make one is taken (observatoire.territories.pdf)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from observatoire.territories.pdf import stored_pdf

PDF_BUSY = {
    "status": 503,
    "title": gettext_lazy("Rapport en cours de préparation"),
    "text": gettext_lazy(
        "Le site prépare déjà d'autres rapports PDF. Réessayez dans une minute, ou lisez la version "
        "imprimable du rapport, qui s'affiche tout de suite."
    ),
}


def pdf_response(request: HttpRequest, filename: str, template: str, context: dict) -> HttpResponse:
    data = stored_pdf(filename, lambda: render_to_string(template, context, request=request))
    if data is None:
        response = render(request, "errors/error.html", PDF_BUSY, status=503)
        response.headers["Retry-After"] = "30"
        return response
    response = HttpResponse(data, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
