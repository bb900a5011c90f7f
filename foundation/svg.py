"""Drawing helpers for the charts drawn on the server as SVG (the surveys' charts, the territory profiles').

Text is escaped here, once: callers pass plain strings. SVG text does not wrap by itself, hence `wrap` and
`chars_fitting`. The root element carries a <title> and a <desc> referenced by `aria-labelledby`.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
FONT = 14
SMALL = 12
LINE = 18
BAR = 18
INK = "#1d2433"
MUTED = "#4a5468"
GRID = "#d5dae3"
BLUE = "#0072B2"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def wrap(text: str, width_chars: int) -> list[str]:
    """Greedy word wrap: SVG text does not wrap by itself."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and len(candidate) > width_chars:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


def chars_fitting(pixels: float, size: int = FONT) -> int:
    """How many characters fit in a width, for an average glyph of ~0.55 em."""
    return max(8, int(pixels / (size * 0.55)))


def text_width(text: str, size: int = FONT) -> float:
    return len(text) * size * 0.55


def text_element(
    x: float, y: float, content: str, *, size: int = FONT, anchor: str = "start", fill: str = INK, **attrs: str
) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
        f"{escape(content)}</text>"
    )


def text_lines(
    x: float, y: float, lines: list[str], *, size: int = FONT, anchor: str = "start", **attrs: str
) -> tuple[str, float]:
    """Several lines of text from baseline y; returns the markup and the baseline of the last line."""
    out = []
    for line in lines:
        out.append(text_element(x, y, line, size=size, anchor=anchor, **attrs))
        y += size + 4
    return "".join(out), y - (size + 4)


def svg_root(chart_id: str, title: str, description: str, height: float, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 — every piece of text in `body` went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{escape(FONT_FAMILY)}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )
