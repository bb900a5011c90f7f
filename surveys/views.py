from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from surveys.filters import StudyFilter
from surveys.models import Question, Study
from surveys.selectors import (
    question_chart,
    question_table,
    question_views,
    segment_choices,
    studies_by_programme,
    study_page,
)


def _figures_csv_url(**params) -> str:
    """The API's CSV of figures: the same long format as the curators' import."""
    return f"{reverse('figure-list')}?{urlencode({**params, 'format': 'csv'})}"


@require_safe
def study_list(request: HttpRequest) -> HttpResponse:
    base = Study.objects.published()
    filterset = StudyFilter(request.GET, queryset=base)
    valid = filterset.is_valid()
    context = {
        "filterset": filterset,
        "groups": studies_by_programme(filterset.qs if valid else base.none()),
        "filtered": any(request.GET.getlist(name) for name in filterset.filters),
    }
    return render(request, "surveys/study_list.html", context, status=200 if valid else 400)


@require_safe
def study_detail(request: HttpRequest, slug: str) -> HttpResponse:
    study = get_object_or_404(Study.objects.published().select_related("programme", "phase", "volet"), slug=slug)
    # An announced study, or one in the field, shows what is planned and never a figure.
    page = study_page(study) if study.stage == Study.Stage.PUBLISHED else None
    context = {"page": page, "study": study, "csv_url": _figures_csv_url(study=study.slug)}
    return render(request, "surveys/study_detail.html", context)


@require_safe
def question_detail(request: HttpRequest, slug: str, question_slug: str) -> HttpResponse:
    views = question_views(Question.objects.published().filter(study__slug=slug, slug=question_slug))
    if not views:
        raise Http404("Question introuvable.")
    view = views[0]
    question = view.question
    choices = segment_choices(view)
    segment = view.ensemble
    error = ""
    wanted = request.GET.get("segment")
    if wanted:
        segment = next((choice for choice in choices if str(choice.pk) == wanted), None)
        if segment is None:
            error = f"Segment inconnu pour cette question : « {wanted} »."
            segment = view.ensemble
    context = {
        "view": view,
        "question": question,
        "study": view.study,
        "segment": segment,
        "segment_choices": choices,
        "error": error,
        "chart": question_chart(view, segment) if segment else "",
        "table": question_table(view, segment) if segment else None,
        "base_text": view.base_text(segment) if segment else question.base_label,
        "later_waves": Question.objects.published().filter(previous_wave=question).select_related("study"),
        "csv_url": _figures_csv_url(question=question.pk),
    }
    return render(request, "surveys/question_detail.html", context, status=400 if error else 200)
