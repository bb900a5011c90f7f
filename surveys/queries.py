"""What the pages show of the surveys, read in a constant number of queries whatever the number of figures.

The pages above both apps (domain, region and case pages, in observatoire.pages) call three functions here
and render the result with an include, so that `cases` and `surveys` never import each other:

- `figures_for_domain(domain)` → `{% include "surveys/_domain_figures.html" with domain_figures=… %}`
- `figures_for_region(region)` → `{% include "surveys/_region_figures.html" with region_figures=… %}`
- `perception_for_domains(domains)` → `{% include "surveys/_case_perception.html" with perception=… %}`
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString

from foundation.reference.models import Domain, Region
from surveys.models import (
    Answer,
    Figure,
    Programme,
    Question,
    Row,
    Segment,
    Study,
    format_base,
)
from surveys.presentation import (
    Cell,
    QuestionView,
    Table,
    question_chart,
    question_table,
    question_view,
    score_rows,
    waves,
)


def with_figures(questions: QuerySet) -> QuerySet:
    """Questions with everything a chart and a table need, and the same for their previous wave."""
    rows = Row.objects.select_related("domain", "partnership_type")
    related = ["answers__parts", "figures", "study__segments"]
    return questions.select_related("study", "previous_wave__study").prefetch_related(
        Prefetch("rows", queryset=rows),
        Prefetch("previous_wave__rows", queryset=rows),
        *related,
        *[f"previous_wave__{name}" for name in related],
    )


def question_views(questions: QuerySet) -> list[QuestionView]:
    views = []
    for question in with_figures(questions):
        view = question_view(question)
        if question.previous_wave is not None:
            view.previous = question_view(question.previous_wave)
        views.append(view)
    return views


# Pages of this app -------------------------------------------------------------------------------------------


def studies_by_programme(studies: QuerySet) -> list[tuple[Programme, list[Study]]]:
    """Public studies grouped by programme, in the order of the observatory's cycles; announced ones last."""
    studies = list(
        studies.select_related("programme")
        .annotate(question_count=Count("questions"))
        .order_by("programme__position", F("year").desc(nulls_last=True), F("month").desc(nulls_last=True), "name")
    )
    groups: dict[int, tuple[Programme, list[Study]]] = {}
    for study in studies:
        groups.setdefault(study.programme_id, (study.programme, []))[1].append(study)
    return list(groups.values())


@dataclass
class StudyPage:
    study: Study
    charts: list[tuple[QuestionView, str]]
    bases: list[tuple[Segment, str]]
    universe_size: str


def study_page(study: Study) -> StudyPage:
    """A study's questions, each with a small chart of the whole, and its segments with their bases."""
    pairs = []
    for view in question_views(study.questions.all()):
        segment = view.ensemble
        pairs.append((view, question_chart(view, segment, suffix="-apercu") if segment else ""))
    segments = list(study.segments.prefetch_related("regions"))
    bases = [(segment, format_base(segment.base) if segment.base else "") for segment in segments]
    if len(segments) < 2 and not any(base for _segment, base in bases):
        bases = []
    size = format_base(study.universe_size) if study.universe_size else ""
    return StudyPage(study=study, charts=pairs, bases=bases, universe_size=size)


# Pages above both apps -----------------------------------------------------------------------------------------


@dataclass
class DomainFigures:
    view: QuestionView
    rows: list[Row]
    table: Table
    chart: SafeString


def figures_for_domain(domain: Domain) -> list[DomainFigures]:
    """The published figures about one fragility domain, one entry per question, latest study first.

    A question that is only the earlier wave of another one shown here is left out: its values appear
    beside the later wave's, on the same chart.
    """
    questions = (
        Question.objects.published()
        .filter(rows__domain=domain)
        .distinct()
        .order_by("-study__year", "-study__month", "study__name", "position")
    )
    views = question_views(questions)
    earlier = {view.previous.question.pk for view in views if view.previous is not None}
    out = []
    for view in views:
        segment = view.ensemble
        rows = [row for row in view.rows if row.domain_id == domain.pk]
        if view.question.pk in earlier or segment is None or not rows:
            continue
        full = question_table(view, segment)
        table = Table(full.caption, full.columns, [line for line in full.rows if line.label in {r.label for r in rows}])
        chart = question_chart(view, segment, rows=rows, suffix=f"-domaine-{domain.pk}")
        out.append(DomainFigures(view=view, rows=rows, table=table, chart=chart))
    return out


@dataclass
class RegionFigure:
    question: Question
    row: Row | None
    answer: Answer
    cell: Cell
    ensemble: Cell | None


@dataclass
class RegionSegment:
    study: Study
    segment: Segment
    base_text: str
    shared_with: list[Region]
    figures: list[RegionFigure]


def figures_for_region(region: Region) -> list[RegionSegment]:
    """Every published segment that covers a region — its base, and its figures beside the whole's."""
    segments = list(
        Segment.objects.filter(regions=region, study__is_published=True, study__stage=Study.Stage.PUBLISHED)
        .select_related("study")
        .prefetch_related(
            "regions",
            Prefetch(
                "figures",
                queryset=Figure.objects.select_related("question__study", "row", "answer").order_by(
                    "question__position", "row__position", "answer__position"
                ),
            ),
        )
        .order_by("-study__year", "-study__month", "study__name")
    )
    questions = {figure.question_id for segment in segments for figure in segment.figures.all()}
    whole = {
        (figure.question_id, figure.row_id, figure.answer_id): figure
        for figure in Figure.objects.filter(question__in=questions, segment__kind=Segment.Kind.ENSEMBLE)
    }
    out = []
    for segment in segments:
        figures = []
        for figure in segment.figures.all():
            unit = figure.question.unit
            reference = whole.get((figure.question_id, figure.row_id, figure.answer_id))
            figures.append(
                RegionFigure(
                    question=figure.question,
                    row=figure.row,
                    answer=figure.answer,
                    cell=Cell(figure.value, figure.provenance, figure.significance, unit),
                    ensemble=Cell(reference.value, reference.provenance, reference.significance, unit)
                    if reference
                    else None,
                )
            )
        base = f"{format_base(segment.base)} — {segment.study.universe}" if segment.base else ""
        others = [other for other in segment.regions.all() if other.pk != region.pk]
        out.append(RegionSegment(segment.study, segment, base, others, figures))
    return out


@dataclass
class Perception:
    view: QuestionView
    rows: list[tuple[Row, list[Cell]]]
    waves: list[str]
    chart: SafeString


def perception_for_domains(domains: Iterable[Domain]) -> Perception | None:
    """How the public rates the fragility of these domains on its territory, in the latest citizens' survey
    that asks it, beside the previous wave (IMPACT-Citoyens Q1: 2019 against 2015)."""
    ids = [domain.pk for domain in domains]
    if not ids:
        return None
    question = (
        Question.objects.published()
        .filter(kind=Question.Kind.SCORE, study__population=Study.Population.CITIZENS, rows__domain__in=ids)
        .order_by("-study__year", "-study__month")
        .first()
    )
    if question is None:
        return None
    view = question_views(Question.objects.filter(pk=question.pk))[0]
    segment = view.ensemble
    rows = [row for row in view.rows if row.domain_id in ids]
    if segment is None or not rows:
        return None
    chart = question_chart(view, segment, rows=rows, suffix="-perception")
    return Perception(view=view, rows=score_rows(view, segment, rows), waves=waves(view), chart=chart)


@dataclass(frozen=True)
class PerceivedDomain:
    """How fragile one domain is perceived, from the territory's own segment or, failing that, the whole."""

    domain_id: int
    label: str
    cell: Cell
    segment: Segment
    previous: Cell | None = None  # the same domain, same scope, in the previous wave

    @property
    def is_national(self) -> bool:
        return self.segment.kind == Segment.Kind.ENSEMBLE

    @property
    def scope(self) -> str:
        return "national" if self.is_national else self.segment.label


@dataclass
class PerceivedFragility:
    question: Question
    domains: dict[int, PerceivedDomain]
    previous_study: Study | None = None

    @property
    def study(self) -> Study:
        return self.question.study

    @property
    def regional_segments(self) -> list[Segment]:
        return sorted({d.segment for d in self.domains.values() if not d.is_national}, key=lambda s: s.position)


def perceived_fragility(region: Region | None) -> PerceivedFragility | None:
    """The perceived fragility of every domain, as the latest citizens' survey that rates the domains on
    their territory gives it (IMPACT-Citoyens Q1), in two queries.

    A domain's figure comes from a segment that covers the region when that segment has a value for it
    (a curator adding a regional segment and its figures is picked up with no other change); otherwise
    from the whole ("Ensemble"), which the pages label « national ». A value the source lost stays
    missing. The previous wave's figure of the same scope is given beside it, for reading only.
    """
    question = (
        Question.objects.published()
        .filter(kind=Question.Kind.SCORE, study__population=Study.Population.CITIZENS, rows__domain__isnull=False)
        .select_related("study", "previous_wave__study")
        .order_by("-study__year", "-study__month", "pk")
        .first()
    )
    if question is None:
        return None
    questions = [question.pk] + ([question.previous_wave_id] if question.previous_wave_id else [])
    covering = Segment.objects.filter(kind=Segment.Kind.ENSEMBLE)
    if region is not None:
        covering = Segment.objects.filter(Q(kind=Segment.Kind.ENSEMBLE) | Q(regions=region))
    figures = (
        Figure.objects.filter(question__in=questions, row__domain__isnull=False, segment__in=covering.values("pk"))
        .select_related("row", "segment")
        .order_by("segment__position", "pk")
    )
    found: dict[tuple[int, int], dict[str, tuple[Cell, Row, Segment]]] = {}
    for figure in figures:
        cell = Cell(figure.value, figure.provenance, figure.significance, Question.Unit.MEAN)
        slot = found.setdefault((figure.question_id, figure.row.domain_id), {})
        if figure.segment.kind == Segment.Kind.ENSEMBLE:
            slot.setdefault("national", (cell, figure.row, figure.segment))
        elif not cell.missing:
            # The first covering segment with a value wins; a lost regional value does not hide the whole's.
            slot.setdefault("regional", (cell, figure.row, figure.segment))

    domains = {}
    for (question_id, domain_id), slot in found.items():
        if question_id != question.pk:
            continue
        scope = "regional" if "regional" in slot else "national"
        cell, row, segment = slot[scope]
        earlier = found.get((question.previous_wave_id, domain_id), {}).get(scope)
        domains[domain_id] = PerceivedDomain(domain_id, row.label, cell, segment, earlier[0] if earlier else None)
    previous_study = question.previous_wave.study if question.previous_wave_id else None
    return PerceivedFragility(question=question, domains=domains, previous_study=previous_study)
