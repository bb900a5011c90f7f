"""The survey figures as the pages show them: a question's view-model (cells, rows, segments, the previous
wave), and the chart and the table drawn from it. Built from questions read by `surveys.queries`; no query here."""

from dataclasses import dataclass, field
from decimal import Decimal

from surveys import charts
from surveys.models import (
    Answer,
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


def question_view(question: Question) -> QuestionView:
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


def waves(view: QuestionView) -> list[str]:
    if view.previous is None:
        return [str(view.study.year)]
    return [_wave_label(view.study, view.previous.study), _wave_label(view.previous.study, view.study)]


def score_rows(view: QuestionView, segment: Segment, rows: list[Row]) -> list[tuple[Row, list[Cell]]]:
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
            for row, cells in score_rows(view, segment, rows)
        ]
        return charts.dot_chart(chart_id=chart_id, title=title, waves=waves(view), rows=dot_rows)
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
            columns=waves(view),
            rows=[TableRow(row.label, list(cells)) for row, cells in score_rows(view, segment, view.rows)],
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
