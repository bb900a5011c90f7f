"""Charts drawn on the server as SVG: no script, no inline style (the CSP forbids it), readable in print.

Every chart carries a <title> and a <desc> referenced by `aria-labelledby`; every value is written as text
next to its mark, so colour is never the only code. A value the source prints but OCR lost is drawn as a
dashed box labelled "non lisible dans la source"; a derived value carries an asterisk and a footnote.
The palette is Okabe–Ito's (safe for the common colour-vision deficiencies) and its fills stay distinct
when printed in grey.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString

from foundation.svg import (
    BAR,
    BLUE,
    FONT,
    FONT_FAMILY,
    GRID,
    INK,
    MUTED,
    SMALL,
    WIDTH,
    chars_fitting,
    svg_root,
    text_element,
    text_lines,
    text_width,
    wrap,
)

# Fills for the answers of a stacked bar, in order, each with the text colour that reads on it.
PALETTE = [
    ("#0072B2", "#ffffff"),
    ("#56B4E9", INK),
    ("#BBBBBB", INK),
    ("#E69F00", INK),
    ("#D55E00", INK),
    ("#CC79A7", INK),
    ("#009E73", INK),
    ("#F0E442", INK),
]
MISSING_TEXT = "non lisible dans la source"
DERIVED_NOTE = "* valeur calculée à partir des chiffres imprimés"


@dataclass(frozen=True)
class Mark:
    """One value as a chart shows it."""

    label: str
    value: Decimal | None
    text: str
    derived: bool = False
    net: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def spoken(self) -> str:
        """How the description reads the value."""
        if self.missing:
            return f"{self.label} : {MISSING_TEXT}"
        return f"{self.label} : {self.text}{' (calculé)' if self.derived else ''}"

    @property
    def shown(self) -> str:
        return f"{self.text}*" if self.derived else self.text


@dataclass(frozen=True)
class StackRow:
    label: str
    parts: list[Mark]
    nets: list[Mark] = field(default_factory=list)


@dataclass(frozen=True)
class DotRow:
    label: str
    marks: list[Mark]  # one per wave, most recent first


def _missing_box(x: float, y: float) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="14" height="{BAR}" fill="none" stroke="{MUTED}" '
        f'stroke-dasharray="3 2"/>'
        + text_element(x + 20, y + BAR - 4, MISSING_TEXT, size=SMALL, fill=MUTED, font_style="italic")
    )


def _hatch(chart_id: str) -> str:
    """The pattern that sets nets (totals) apart from the answers they add up, in colour and in grey."""
    return (
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{BLUE}"/></pattern></defs>'
    )


def _footnotes(y: float, marks: list[Mark], *, abbreviated: bool = False) -> tuple[str, float]:
    """The notes under a chart: what "n. l." stands for where it was written, and the derived values' star."""
    lines = ["n. l. : non lisible dans la source"] if abbreviated else []
    if any(mark.derived for mark in marks):
        lines.append(DERIVED_NOTE)
    out = []
    for line in lines:
        y += SMALL + 8
        out.append(text_element(0, y, line, size=SMALL, fill=MUTED))
    return "".join(out), y


def _describe(marks: list[Mark]) -> str:
    return " ; ".join(mark.spoken for mark in marks) + "."


def bar_chart(*, chart_id: str, title: str, groups: list[tuple[str, list[Mark]]], maximum: Decimal) -> SafeString:
    """Horizontal bars, label above each bar; nets (totals) hatched and set after a rule.

    `groups` is a list of (heading, marks); a single group usually has an empty heading.
    """
    value_room = 70
    plot = WIDTH - value_room
    body = [_hatch(chart_id)]
    y = 4.0
    all_marks: list[Mark] = []
    descriptions = []
    for heading, marks in groups:
        if heading:
            y += 8 if y > 4 else 0
            markup, y = text_lines(0, y + FONT + 6, wrap(heading, chars_fitting(WIDTH)), font_weight="bold")
            body.append(markup)
            y += 4
        first_net = True
        for mark in marks:
            if mark.net and first_net:
                first_net = False
                body.append(
                    f'<line x1="0" x2="{WIDTH}" y1="{y + 6:.1f}" y2="{y + 6:.1f}" stroke="{GRID}" '
                    'stroke-dasharray="4 3"/>'
                )
                y += 8
            label = f"Total : {mark.label}" if mark.net else mark.label
            markup, y = text_lines(0, y + FONT + 6, wrap(label, chars_fitting(WIDTH)))
            body.append(markup)
            top = y + 5
            if mark.missing:
                body.append(_missing_box(0, top))
            else:
                width = max(1.0, float(mark.value / maximum) * plot)
                fill = f"url(#{chart_id}-hatch)" if mark.net else BLUE
                body.append(
                    f'<rect x="0" y="{top:.1f}" width="{width:.1f}" height="{BAR}" fill="{fill}" stroke="{BLUE}"/>'
                )
                body.append(text_element(width + 6, top + BAR - 4, mark.shown, font_weight="bold"))
            y = top + BAR
        all_marks += marks
        descriptions.append((f"{heading} — " if heading else "") + _describe(marks))
    note, y = _footnotes(y, all_marks)
    body.append(note)
    return svg_root(chart_id, title, " ".join(descriptions), y + 8, body)


def _legend(items: list[tuple[str, str]], y: float) -> tuple[str, float]:
    """Swatches and labels flowing over as many lines as needed; returns markup and the y below it."""
    out = []
    x = 0.0
    y += SMALL + 4
    for fill, label in items:
        width = 18 + text_width(label, SMALL) + 14
        if x and x + width > WIDTH:
            x = 0.0
            y += SMALL + 8
        out.append(
            f'<rect x="{x:.1f}" y="{y - SMALL + 2:.1f}" width="12" height="12" fill="{fill}" stroke="{INK}" '
            f'stroke-width="0.5"/>'
        )
        out.append(text_element(x + 16, y, label, size=SMALL))
        x += width
    return "".join(out), y + 6


def stacked_chart(*, chart_id: str, title: str, answers: list[str], rows: list[StackRow]) -> SafeString:
    """One bar per row, its answers stacked left to right on a 0–100 % scale; nets in a column at the right.

    A part the source lost cannot be placed on the bar: it is named under the bar instead.
    """
    net_labels = [net.label for net in rows[0].nets] if rows and rows[0].nets else []
    net_room = 64 * len(net_labels)
    plot = WIDTH - net_room
    body = [_hatch(chart_id)]
    legend, y = _legend([(PALETTE[i % len(PALETTE)][0], answer) for i, answer in enumerate(answers)], 0)
    body.append(legend)
    if net_labels:
        header_y = y + SMALL
        for index, label in enumerate(net_labels):
            x = plot + 64 * index + 60
            markup, bottom = text_lines(x, header_y, wrap(f"Total : {label}", 11), size=SMALL, anchor="end")
            body.append(markup)
            y = max(y, bottom)
    marks: list[Mark] = []
    descriptions = []
    for row in rows:
        markup, y = text_lines(0, y + FONT + 8, wrap(row.label, chars_fitting(WIDTH)))
        body.append(markup)
        top = y + 5
        x = 0.0
        lost = []
        for index, part in enumerate(row.parts):
            if part.missing:
                lost.append(part.label)
                continue
            width = float(part.value) / 100 * plot
            fill, ink = PALETTE[index % len(PALETTE)]
            body.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" height="{BAR}" fill="{fill}" '
                f'stroke="#ffffff" stroke-width="1"/>'
            )
            label = part.shown.replace("\u202f%", "")
            if text_width(label, SMALL) + 6 <= width:
                body.append(text_element(x + width / 2, top + BAR - 5, label, size=SMALL, anchor="middle", fill=ink))
            x += width
        for index, net in enumerate(row.nets):
            value_x = plot + 64 * index + 60
            if net.missing:
                body.append(text_element(value_x, top + BAR - 4, "n. l.", size=SMALL, anchor="end", fill=MUTED))
            else:
                body.append(text_element(value_x, top + BAR - 4, net.shown, anchor="end", font_weight="bold"))
        y = top + BAR
        if lost:
            text = f"Non lisible dans la source : {', '.join(lost)}"
            markup, y = text_lines(0, y + SMALL + 4, wrap(text, chars_fitting(WIDTH, SMALL)), size=SMALL, fill=MUTED)
            body.append(markup)
        marks += row.parts + row.nets
        descriptions.append(f"{row.label} — {_describe(row.parts + row.nets)}")
    note, y = _footnotes(y, marks, abbreviated=any(net.missing for net in marks if net.net))
    body.append(note)
    return svg_root(chart_id, title, " ".join(descriptions), y + 8, body)


def _marker(kind: int, x: float, y: float) -> str:
    """Wave markers differ in shape as well as colour: a filled disc, then an open square, then a diamond."""
    if kind == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{BLUE}" stroke="{BLUE}"/>'
    if kind == 1:
        return (
            f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#ffffff" stroke="#D55E00" '
            f'stroke-width="2"/>'
        )
    return (
        f'<path d="M {x:.1f} {y - 6:.1f} L {x + 6:.1f} {y:.1f} L {x:.1f} {y + 6:.1f} L {x - 6:.1f} {y:.1f} Z" '
        f'fill="#009E73"/>'
    )


def dot_chart(
    *, chart_id: str, title: str, waves: list[str], rows: list[DotRow], scale: tuple[int, int] = (1, 10)
) -> SafeString:
    """Means on their scale, one line per row, one marker per wave joined by a segment (a slope read
    sideways): the change between waves shows as the length and direction of the segment."""
    value_room = 140
    left, right = 8.0, WIDTH - value_room
    low, high = scale

    def position(value: Decimal) -> float:
        return left + (float(value) - low) / (high - low) * (right - left)

    body = []
    legend = []
    x = 0.0
    for index, wave in enumerate(waves):
        legend.append(_marker(index, x + 6, 10) + text_element(x + 16, 15, wave, size=SMALL))
        x += 30 + text_width(wave, SMALL) + 16
    body += legend
    y = 34.0
    for tick in range(low, high + 1):
        tick_x = position(Decimal(tick))
        body.append(text_element(tick_x, y, str(tick), size=SMALL, anchor="middle", fill=MUTED))
    axis_top = y + 4
    row_markup = []
    marks: list[Mark] = []
    descriptions = []
    for row in rows:
        markup, y = text_lines(0, y + FONT + 10, wrap(row.label, chars_fitting(right)))
        row_markup.append(markup)
        centre = y + 12
        known = [(index, mark) for index, mark in enumerate(row.marks) if not mark.missing]
        if len(known) > 1:
            xs = [position(mark.value) for _, mark in known]
            row_markup.append(
                f'<line x1="{min(xs):.1f}" x2="{max(xs):.1f}" y1="{centre:.1f}" y2="{centre:.1f}" '
                f'stroke="{MUTED}" stroke-width="2"/>'
            )
        for index, mark in reversed(known):
            row_markup.append(_marker(index, position(mark.value), centre))
        values = " · ".join(
            f"{wave} : {'n. l.' if mark.missing else mark.shown}" for wave, mark in zip(waves, row.marks, strict=True)
        )
        row_markup.append(text_element(WIDTH, centre + 4, values, size=SMALL, anchor="end"))
        y = centre + 8
        marks += row.marks
        descriptions.append(
            f"{row.label} — "
            + " ; ".join(
                f"{wave} : {MISSING_TEXT if mark.missing else mark.text}{' (calculé)' if mark.derived else ''}"
                for wave, mark in zip(waves, row.marks, strict=True)
            )
            + "."
        )
    for tick in range(low, high + 1):
        tick_x = position(Decimal(tick))
        body.append(
            f'<line x1="{tick_x:.1f}" x2="{tick_x:.1f}" y1="{axis_top:.1f}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
    body += row_markup
    note, y = _footnotes(y, marks, abbreviated=any(mark.missing for mark in marks))
    body.append(note)
    description = f"Moyennes sur une échelle de {low} à {high}. " + " ".join(descriptions)
    return svg_root(chart_id, title, description, y + 8, body)


def standalone(chart: str, *, title: str, notes: list[str]) -> str:
    """A chart as a file of its own: its title above it, and the notes (source line, licence, address)
    below it, inside the image, so that a copy taken away still says what it shows and where it is from."""
    height = chart_height(chart)
    margin = 16
    header, y = text_lines(margin, margin + FONT, wrap(title, chars_fitting(WIDTH)), font_weight="bold")
    top = y + 12
    footer, bottom = text_lines(margin, top + height + 12 + SMALL, _wrapped(notes), size=SMALL, fill=MUTED)
    total_width, total_height = WIDTH + 2 * margin, bottom + margin
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_width} {total_height:.0f}" '
        f'width="{total_width}" height="{total_height:.0f}" font-family="{escape(FONT_FAMILY)}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{total_width}" height="{total_height:.0f}" fill="#ffffff"/>{header}'
        f'<g transform="translate({margin} {top:.1f})">{chart}</g>{footer}</svg>\n'
    )


def chart_height(chart: str) -> float:
    """The height of a chart drawn here: its root element's first attribute of that name, as _svg writes it."""
    return float(re.search(r'height="([\d.]+)"', chart)[1])


def _wrapped(notes: list[str]) -> list[str]:
    return [line for note in notes for line in wrap(note, chars_fitting(WIDTH, SMALL))]
