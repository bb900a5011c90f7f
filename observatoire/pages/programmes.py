"""The observatory's programmes: each with its phases and volets, and what the base holds for each volet.

A volet leads to its studies (announced ones as such), to the territorial indicators and reports, or to the
case base; the programme's resources close the page. The counts start from the public querysets only.
"""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from cases.models import Case
from indicators.models import Indicator
from resources.models import Resource
from surveys.models import Programme, Study, Volet


@require_safe
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.annotate(
        study_count=Count("studies", filter=Q(studies__is_published=True)),
    ).prefetch_related("phases", "volets")
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@require_safe
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    studies = list(
        Study.objects.published()
        .filter(programme=programme)
        .select_related("phase", "volet")
        .order_by("year", "month", "name")
    )
    volets = list(programme.volets.all())
    holds = {volet.holds for volet in volets}
    context = {
        "programme": programme,
        "phases": [(phase, [s for s in studies if s.phase_id == phase.pk]) for phase in programme.phases.all()],
        "volets": [(volet, [s for s in studies if s.volet_id == volet.pk]) for volet in volets],
        "other_studies": [s for s in studies if s.phase_id is None and s.volet_id is None],
        "case_count": Case.objects.published().count() if Volet.Holds.CASES in holds else None,
        "indicator_count": Indicator.objects.count() if Volet.Holds.INDICATORS in holds else None,
        "resources": Resource.objects.published().filter(programme=programme).order_by("-year", "title"),
    }
    return render(request, "programmes/programme_detail.html", context)


app_name = "programmes"

# /programmes/
urlpatterns = [
    path("", programme_list, name="list"),
    path("<slug:slug>/", programme_detail, name="detail"),
]
