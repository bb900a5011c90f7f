"""Cases by country: the published cases outside France have no region or department, so the territory
pages and the map do not show them; these pages list every country's cases (/cas/pays/, /cas/pays/<code>/)."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_countries import countries
from django_countries.fields import Country

from cases.models import Case
from foundation.reference.text import normalize

PAGE_SIZE = 20


@require_safe
def country_list(request: HttpRequest) -> HttpResponse:
    rows = Case.objects.published().values_list("country").annotate(count=Count("pk")).order_by()
    found = [(Country(code), count) for code, count in rows]
    found.sort(key=lambda row: normalize(row[0].name))
    return render(request, "cases/country_list.html", {"countries": found})


@require_safe
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.lower() or code.upper() not in countries:
        raise Http404("Pas de pays sous ce code ISO 3166.")
    country = Country(code.upper())
    cases = Case.objects.published().filter(country=country.code).card_fields().order_by("title", "pk")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/country_detail.html", {"country": country, "page": page})
