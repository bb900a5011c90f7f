from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from surveys import charts, takeaway
from surveys.filters import StudyFilter
from surveys.models import Question, Study
from surveys.presentation import question_table
from surveys.queries import question_views, studies_by_programme, study_page


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


def _chart_request(request: HttpRequest, slug: str, question_slug: str) -> takeaway.ChartRequest:
    views = question_views(Question.objects.published().filter(study__slug=slug, slug=question_slug))
    if not views:
        raise Http404("Question introuvable.")
    return takeaway.chart_request(views[0], request.GET.get("segment"))


@require_safe
def question_detail(request: HttpRequest, slug: str, question_slug: str) -> HttpResponse:
    chart = _chart_request(request, slug, question_slug)
    view, question, segment = chart.view, chart.question, chart.segment
    drawn = chart.chart()
    # On a page in another language, the question's wording and labels beside the observatory's translation.
    translated = not (get_language() or settings.LANGUAGE_CODE).startswith("fr")
    context = {
        "translated": translated,
        "labels": [*question.rows.all(), *question.answers.all()] if translated else [],
        "view": view,
        "question": question,
        "study": view.study,
        "segment": segment,
        "segment_choices": chart.choices,
        "error": chart.error,
        "chart": drawn,
        "table": question_table(view, segment) if segment else None,
        "base_text": view.base_text(segment) if segment else question.base_label,
        "later_waves": Question.objects.published().filter(previous_wave=question).select_related("study"),
        "csv_url": _figures_csv_url(question=question.pk),
        "takeaway": takeaway.addresses(request, chart) if drawn else None,
        "iframe": takeaway.iframe_snippet(request, chart, charts.chart_height(drawn)) if drawn else "",
    }
    return render(request, "surveys/question_detail.html", context, status=400 if chart.error else 200)


def _refused(chart: takeaway.ChartRequest) -> HttpResponse | None:
    """A chart file for an unknown segment is refused with its reason, never drawn for another segment."""
    if chart.error:
        return HttpResponseBadRequest(chart.error, content_type="text/plain; charset=utf-8")
    if chart.segment is None:
        raise Http404("Cette question n'a pas encore de chiffres.")
    return None


@require_safe
def question_svg(request: HttpRequest, slug: str, question_slug: str) -> HttpResponse:
    """The chart as an SVG file, with its title, source line and licence inside the image."""
    chart = _chart_request(request, slug, question_slug)
    if refused := _refused(chart):
        return refused
    response = HttpResponse(takeaway.svg_file(request, chart), content_type="image/svg+xml; charset=utf-8")
    name = f"observatoire-{slug}-{question_slug}" + (f"-segment-{chart.segment.pk}" if chart.query else "")
    response.headers["Content-Disposition"] = content_disposition_header(True, f"{name}.svg")
    return response


@require_safe
def question_metadata(request: HttpRequest, slug: str, question_slug: str) -> HttpResponse:
    """The chart's metadata: title, source, period, licence, units and the addresses of its files."""
    chart = _chart_request(request, slug, question_slug)
    if chart.error:
        return JsonResponse({"detail": chart.error}, status=400, json_dumps_params={"ensure_ascii": False})
    if chart.segment is None:
        raise Http404("Cette question n'a pas encore de chiffres.")
    return JsonResponse(takeaway.metadata(request, chart), json_dumps_params={"ensure_ascii": False})


@require_safe
@xframe_options_exempt
def question_embed(request: HttpRequest, slug: str, question_slug: str) -> HttpResponse:
    """The chart alone, for an `<iframe>` on another site: no site chrome, the site's policy except that the
    sites of CHART_EMBED_FRAME_ANCESTORS may frame it (no X-Frame-Options, which cannot say so)."""
    chart = _chart_request(request, slug, question_slug)
    if refused := _refused(chart):
        return refused
    context = {
        "chart": chart,
        "drawn": chart.chart(),
        "study": chart.view.study,
        "page_url": takeaway.addresses(request, chart)["page"],
    }
    return takeaway.framable(render(request, "surveys/question_embed.html", context))
