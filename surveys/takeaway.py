"""A question's chart as people take it away: an SVG file that carries its title, source line and licence,
the CSV of its figures, an embed page, and the chart's metadata as JSON (in the spirit of Our World in
Data's chart endpoints). The pages (surveys.views) serve them; this module says what each one holds.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.csp import CSP, build_policy
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from foundation.licences import content_licence
from surveys import charts
from surveys.models import Question, Segment
from surveys.presentation import QuestionView, question_chart, segment_choices

EMBED_EXTRA_HEIGHT = 240  # the embed page's heading, source line and link around the chart


@dataclass(frozen=True)
class ChartRequest:
    """The chart a reader asked for: a question, and the segment drawn (`?segment=<id>`)."""

    view: QuestionView
    segment: Segment | None
    choices: list[Segment]
    error: str = ""

    @property
    def question(self) -> Question:
        return self.view.question

    @property
    def query(self) -> str:
        """The query string that keeps the segment, for every address of this chart."""
        if self.segment is None or not self.choices or self.segment.pk == self.view.ensemble.pk:
            return ""
        return "?" + urlencode({"segment": self.segment.pk})

    @property
    def title(self) -> str:
        study = self.view.study
        drawn = self.segment
        segment = f" — {drawn.label}" if drawn is not None and drawn.kind != Segment.Kind.ENSEMBLE else ""
        return f"{self.question.heading}{segment} ({study.name}, {study.fieldwork_label})"

    def chart(self) -> str:
        return question_chart(self.view, self.segment) if self.segment else ""


def chart_request(view: QuestionView, wanted: str | None) -> ChartRequest:
    """The segment of `?segment=`, or the whole sample; an unknown one is said, and the whole is drawn."""
    choices = segment_choices(view)
    if not wanted:
        return ChartRequest(view, view.ensemble, choices)
    segment = next((choice for choice in choices if str(choice.pk) == wanted), None)
    if segment is None:
        return ChartRequest(view, view.ensemble, choices, f"Segment inconnu pour cette question : « {wanted} ».")
    return ChartRequest(view, segment, choices)


def _address(request: HttpRequest, name: str, chart: ChartRequest, *, with_segment: bool = True) -> str:
    path = reverse(f"surveys:{name}", args=[chart.view.study.slug, chart.question.slug])
    return request.build_absolute_uri(path + (chart.query if with_segment else ""))


def csv_address(request: HttpRequest, chart: ChartRequest) -> str:
    """The API's CSV of the figures drawn: the question's, in the segment drawn when it draws one."""
    params: dict[str, object] = {"question": chart.question.pk}
    if chart.choices and chart.segment is not None:
        params["segment"] = chart.segment.label
    params["format"] = "csv"
    return request.build_absolute_uri(f"{reverse('figure-list')}?{urlencode(params)}")


def addresses(request: HttpRequest, chart: ChartRequest) -> dict[str, str]:
    return {
        "page": _address(request, "question", chart),
        "svg": _address(request, "question-svg", chart),
        "csv": csv_address(request, chart),
        "metadata": _address(request, "question-metadata", chart),
        "embed": _address(request, "question-embed", chart),
    }


def licence_line() -> str:
    licence = content_licence()
    return f"{_('Licence :')} {licence.name} ({licence.url})" if licence.url else f"{_('Licence :')} {licence.text}"


def svg_file(request: HttpRequest, chart: ChartRequest) -> str:
    notes = [chart.view.study.citation, licence_line(), addresses(request, chart)["page"]]
    return charts.standalone(chart.chart(), title=chart.title, notes=notes)


def metadata(request: HttpRequest, chart: ChartRequest) -> dict:
    study = chart.view.study
    licence = content_licence()
    return {
        "title": chart.title,
        "question": chart.question.wording,
        "base": chart.view.base_text(chart.segment) if chart.segment else chart.question.base_label,
        "segment": chart.segment.label if chart.segment else None,
        "source": study.citation,
        "period": study.fieldwork_label,
        "study": {"slug": study.slug, "name": study.name, "institute": study.institute},
        "licence": {"name": licence.name or None, "url": licence.url or None, "text": licence.text},
        "units": chart.question.get_unit_display(),
        "note": "Une valeur non lisible dans la source reste vide (provenance « missing ») : ni 0, ni estimation.",
        **{f"{name}_url": address for name, address in addresses(request, chart).items()},
    }


def iframe(source: str, title: str, chart_height: float) -> str:
    """The `<iframe>` to paste in another site: an embed page at `source`, at the chart's height."""
    height = int(chart_height) + EMBED_EXTRA_HEIGHT
    return (
        f'<iframe src="{escape(source)}" title="{escape(title)}" width="100%" height="{height}" loading="lazy">'
        "</iframe>"
    )


def iframe_snippet(request: HttpRequest, chart: ChartRequest, chart_height: float) -> str:
    return iframe(_address(request, "question-embed", chart), chart.title, chart_height)


def framable(response: HttpResponse) -> HttpResponse:
    """An embed page's response: the site's Content-Security-Policy, except that the sites of
    CHART_EMBED_FRAME_ANCESTORS may frame it. Its view is also `xframe_options_exempt` (X-Frame-Options
    cannot name several sites). Written on the response rather than by csp_override: the public page cache
    keeps headers, not response attributes."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": settings.CHART_EMBED_FRAME_ANCESTORS}
    response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy)
    return response
