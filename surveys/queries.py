"""What the pages show of the surveys, read in a constant number of queries whatever the number of figures.

The pages above both apps (domain, region and case pages, in observatoire.pages) call three functions here
and render the result with an include, so that `cases` and `surveys` never import each other:

- `figures_for_domain(domain)` → `{% include "surveys/_domain_figures.html" with domain_figures=… %}`
- `figures_for_region(region)` → `{% include "surveys/_region_figures.html" with region_figures=… %}`
- `perception_for_domains(domains)` → `{% include "surveys/_case_perception.html" with perception=… %}`
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString

from foundation.reference.models import Domain, Region
from surveys import charts
from surveys.models import (
    Answer,
    Figure,
    Programme,
    Provenance,
    Question,
    Row,
    Segment,
    Significance,
    Study,
    canonical_value,
    display_value,
    format_base,
)


@dataclass(frozen=True)
class Cell:
    """One figure as the pages show it."""

    value: Decimal | None
    provenance: str
    significance: str
    unit: str
    derivation: str = ""

    @property
    def missing(self) -> bool:
        return self.provenance == Provenance.MISSING

    @property
    def derived(self) -> bool:
        return self.provenance == Provenance.DERIVED

    @property
    def text(self) -> str:
        return display_value(self.value, self.unit)

    @property
    def significance_text(self) -> str:
        return Significance(self.significance).label if self.significance else ""

    def mark(self, label: str, *, net: bool = False) -> charts.Mark:
        return charts.Mark(label=label, value=self.value, text=self.text, derived=self.derived, net=net)


EMPTY = Cell(value=None, provenance=Provenance.MISSING, significance="", unit="")


def _number(cell: Cell) -> str:
    return str(canonical_value(cell.value, cell.unit)).replace(".", ",")


@dataclass
class TableRow:
    label: str
    cells: list[Cell | None]
    is_net: bool = False


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[TableRow]


@dataclass
class QuestionView:
    """A question with its rows, answers, segments and figures, ready for a chart and a table."""

    question: Question
    rows: list[Row]
    parts: list[Answer]
    nets: list[Answer]
    segments: list[Segment]
    cells: dict[tuple[int | None, int, int], Cell]
    bases: dict[int, set[int]]
    previous: "QuestionView | None" = None
    _net_parts: dict[int, list[int]] = field(default_factory=dict)

    @property
    def study(self) -> Study:
        return self.question.study

    @property
    def answers(self) -> list[Answer]:
        return self.parts + self.nets

    @property
    def ensemble(self) -> Segment | None:
        return next((s for s in self.segments if s.kind == Segment.Kind.ENSEMBLE), None) or (
            self.segments[0] if self.segments else None
        )

    def cell(self, row: Row | None, answer: Answer, segment: Segment) -> Cell | None:
        return self.cells.get((row.pk if row else None, answer.pk, segment.pk))

    def base_text(self, segment: Segment) -> str:
        """What the source prints after "Base :": who answered and, where known, how many they represent."""
        bases = self.bases.get(segment.pk, set())
        size = next(iter(bases)) if len(bases) == 1 else segment.base
        label = self.question.base_label or segment.label
        if segment.kind != Segment.Kind.ENSEMBLE and label != segment.label:
            label = f"{label} — {segment.label}"
        return f"{label} — {format_base(size)}" if size else label

    @property
    def has_derived(self) -> bool:
        return any(cell.derived for cell in self.cells.values())

    @property
    def has_missing(self) -> bool:
        return any(cell.missing for cell in self.cells.values())


def _derivation(view: QuestionView, row_id: int | None, answer: Answer, segment_id: int) -> str:
    """How a derived value follows from printed ones: "87 − 42" for a part, "24 + 57" for a net."""

    def printed(answer_id: int) -> Cell | None:
        found = view.cells.get((row_id, answer_id, segment_id))
        return found if found is not None and found.value is not None and not found.derived else None

    if answer.is_net:
        parts = [printed(part_id) for part_id in view._net_parts.get(answer.pk, [])]
        if parts and all(parts):
            return " + ".join(_number(part) for part in parts)
        return ""
    for net_id, part_ids in view._net_parts.items():
        if answer.pk not in part_ids:
            continue
        total = printed(net_id)
        others = [printed(part_id) for part_id in part_ids if part_id != answer.pk]
        if total and all(others):
            return " − ".join(_number(value) for value in [total, *others])
    return ""


def _view(question: Question) -> QuestionView:
    """Build from a question fetched with `with_figures()` (no query of its own)."""
    answers = list(question.answers.all())
    figures = list(question.figures.all())
    used_segments = {figure.segment_id for figure in figures}
    view = QuestionView(
        question=question,
        rows=list(question.rows.all()),
        parts=[answer for answer in answers if not answer.is_net],
        nets=[answer for answer in answers if answer.is_net],
        segments=[segment for segment in question.study.segments.all() if segment.pk in used_segments],
        cells={},
        bases={},
        _net_parts={answer.pk: [part.pk for part in answer.parts.all()] for answer in answers if answer.is_net},
    )
    for figure in figures:
        view.cells[(figure.row_id, figure.answer_id, figure.segment_id)] = Cell(
            value=figure.value, provenance=figure.provenance, significance=figure.significance, unit=question.unit
        )
        if figure.base:
            view.bases.setdefault(figure.segment_id, set()).add(figure.base)
    by_id = {answer.pk: answer for answer in answers}
    for key, cell in list(view.cells.items()):
        if cell.derived:
            row_id, answer_id, segment_id = key
            how = _derivation(view, row_id, by_id[answer_id], segment_id)
            view.cells[key] = Cell(cell.value, cell.provenance, cell.significance, cell.unit, how)
    return view


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
        view = _view(question)
        if question.previous_wave is not None:
            view.previous = _view(question.previous_wave)
        views.append(view)
    return views


# Charts and tables -------------------------------------------------------------------------------------------


def _matching_row(view: QuestionView, row: Row) -> Row | None:
    """The same item in another wave: by domain (or practice) when linked, by label otherwise."""
    for other in view.rows:
        if row.domain_id and other.domain_id == row.domain_id:
            return other
        if row.partnership_type_id and other.partnership_type_id == row.partnership_type_id:
            return other
    return next((other for other in view.rows if other.label == row.label), None)


def _matching_segment(view: QuestionView, segment: Segment) -> Segment | None:
    if segment.kind == Segment.Kind.ENSEMBLE:
        return view.ensemble
    return next((other for other in view.segments if other.label == segment.label), None)


def _wave_label(study: Study, other: Study) -> str:
    return str(study.year) if study.year != other.year else study.name


def _waves(view: QuestionView) -> list[str]:
    if view.previous is None:
        return [str(view.study.year)]
    return [_wave_label(view.study, view.previous.study), _wave_label(view.previous.study, view.study)]


def _score_rows(view: QuestionView, segment: Segment, rows: list[Row]) -> list[tuple[Row, list[Cell]]]:
    """For each row, the mean of this wave then of the previous one (EMPTY where there is none)."""
    answer = view.parts[0] if view.parts else view.nets[0]
    previous = view.previous
    previous_segment = _matching_segment(previous, segment) if previous else None
    out = []
    for row in rows:
        cells = [view.cell(row, answer, segment) or EMPTY]
        if previous is not None:
            other_row = _matching_row(previous, row)
            other_answer = previous.answers[0] if previous.answers else None
            found = None
            if other_row and other_answer and previous_segment:
                found = previous.cell(other_row, other_answer, previous_segment)
            cells.append(found or EMPTY)
        out.append((row, cells))
    return out


def question_chart(view: QuestionView, segment: Segment, *, rows: list[Row] | None = None, suffix: str = "") -> str:
    """The chart that suits the question: dots across waves for means, stacked bars for grids, bars for the
    rest. `rows` restricts a grid to some of its rows (a domain page shows one)."""
    question = view.question
    chart_id = f"graphique-{question.pk}-{segment.pk}{suffix}"
    source = f"({view.study.name}, {view.study.fieldwork_label})"
    title = f"{question.heading} {source}"
    if segment.kind != Segment.Kind.ENSEMBLE:
        title = f"{question.heading} — {segment.label} {source}"
    rows = view.rows if rows is None else rows
    if question.kind == Question.Kind.SCORE:
        dot_rows = [
            charts.DotRow(label=row.label, marks=[cell.mark(row.label) for cell in cells])
            for row, cells in _score_rows(view, segment, rows)
        ]
        return charts.dot_chart(chart_id=chart_id, title=title, waves=_waves(view), rows=dot_rows)
    maximum = Decimal(100) if question.unit == Question.Unit.PERCENT else Decimal(10)
    if not question.has_rows:
        marks = [
            (view.cell(None, answer, segment) or EMPTY).mark(answer.label, net=answer.is_net)
            for answer in view.answers
            if view.cell(None, answer, segment) is not None
        ]
        return charts.bar_chart(chart_id=chart_id, title=title, groups=[("", marks)], maximum=maximum)
    if len(view.parts) > 1:
        stack_rows = [
            charts.StackRow(
                label=row.label,
                parts=[(view.cell(row, answer, segment) or EMPTY).mark(answer.label) for answer in view.parts],
                nets=[(view.cell(row, net, segment) or EMPTY).mark(net.label, net=True) for net in view.nets],
            )
            for row in rows
        ]
        return charts.stacked_chart(
            chart_id=chart_id, title=title, answers=[answer.label for answer in view.parts], rows=stack_rows
        )
    answer = view.answers[0]
    if len(view.segments) > 1:
        # One answer, several segments: each row's value in every segment, side by side.
        groups = [
            (row.label, [(view.cell(row, answer, other) or EMPTY).mark(other.label) for other in view.segments])
            for row in rows
        ]
        title = f"{question.heading} {source}"
        return charts.bar_chart(chart_id=chart_id, title=title, groups=groups, maximum=maximum)
    marks = [(view.cell(row, answer, segment) or EMPTY).mark(row.label) for row in rows]
    return charts.bar_chart(chart_id=chart_id, title=title, groups=[(answer.label, marks)], maximum=maximum)


def question_table(view: QuestionView, segment: Segment) -> Table:
    question = view.question
    caption = f"{question.heading} — {view.study.name}, {view.study.fieldwork_label}"
    if question.kind == Question.Kind.SCORE:
        return Table(
            caption=f"{caption} ({question.get_unit_display().lower()})",
            columns=_waves(view),
            rows=[TableRow(row.label, list(cells)) for row, cells in _score_rows(view, segment, view.rows)],
        )
    if not question.has_rows:
        return Table(
            caption=caption,
            columns=[other.label for other in view.segments],
            rows=[
                TableRow(answer.label, [view.cell(None, answer, other) for other in view.segments], answer.is_net)
                for answer in view.answers
            ],
        )
    if len(view.answers) == 1:
        answer = view.answers[0]
        return Table(
            caption=f"{caption} — {answer.label}",
            columns=[other.label for other in view.segments],
            rows=[TableRow(row.label, [view.cell(row, answer, other) for other in view.segments]) for row in view.rows],
        )
    if segment.kind != Segment.Kind.ENSEMBLE:
        caption = f"{caption} — {segment.label}"
    return Table(
        caption=caption,
        columns=[answer.label for answer in view.answers],
        rows=[TableRow(row.label, [view.cell(row, answer, segment) for answer in view.answers]) for row in view.rows],
    )


def segment_choices(view: QuestionView) -> list[Segment]:
    """Segments a reader can switch between: only grids of several answers draw one segment at a time."""
    if view.question.has_rows and len(view.answers) > 1 and view.question.kind != Question.Kind.SCORE:
        return view.segments if len(view.segments) > 1 else []
    return []


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
    return Perception(view=view, rows=_score_rows(view, segment, rows), waves=_waves(view), chart=chart)


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
