from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cases.models import Case


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    latest = Case.objects.published().for_cards()[:6]
    return render(request, "pages/home.html", {"latest": latest, "case_count": Case.objects.published().count()})
