"""`/a-propos/notions/`: the reference text of the deck that the rest of the site quotes only in part —
fragility, the whole definition of an alliance, the steering committee, the associations' socio-economic
model and the sector's key figures — printed as the deck prints it, with its page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe


@require_safe
def notions(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/notions.html")


app_name = "notions"

# /a-propos/notions/
urlpatterns = [path("", notions, name="index")]
