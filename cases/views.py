from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from cases.filters import FACETS, CaseFilter, case_facets
from cases.models import Case
from cases.search import highlight_summaries, suggest_titles

PAGE_SIZE = 20


@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    base = Case.objects.published()
    filterset = CaseFilter(request.GET, queryset=base)
    if filterset.is_valid():
        results = filterset.qs
    else:
        results = base.none()
    paginator = Paginator(results.for_cards(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = filterset.form.cleaned_data.get("q", "") if filterset.is_valid() else ""
    excerpts = highlight_summaries(page.object_list, query)
    facets = case_facets(request.GET, base) if filterset.is_valid() else {}
    context = {
        "filterset": filterset,
        "page": page,
        "query": query,
        "excerpts": excerpts,
        "facets": [(facet, facets.get(facet.param, []), request.GET.getlist(facet.param)) for facet in FACETS],
        "suggestions": suggest_titles(base, query) if query and not paginator.count else [],
    }
    return render(request, "cases/case_list.html", context)


def case_detail_context(request: HttpRequest, case: Case) -> dict:
    """What the case page shows; also used by the curators' preview of an unpublished case."""
    return {
        "case": case,
        "participations": case.participations.select_related("organization").all(),
        "links": case.links.all(),
        "preview": False,
    }


@require_safe
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.published().for_cards(), slug=slug)
    return render(request, "cases/case_detail.html", case_detail_context(request, case))
