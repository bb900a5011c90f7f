"""The priority-fragilities chart: for each domain, the objective position beside the perceived score.

Drawn on the server like the survey charts (surveys.charts): SVG with a title and a description, every
value written as text beside its bar, no style attribute. Two scales that do not compare (a position
among peers from 0 to 100, a rating out of 10) get two columns, never one axis.
"""

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from foundation.svg import BLUE, FONT, GRID, INK, MUTED, SMALL, chars_fitting, svg_root, text_lines, wrap
from observatoire.territories.profile import Priority, Profile
from observatoire.territories.territory import Territory
from observatoire.territories.wording import rank_phrase, score_text
from surveys.models import display_value

WIDTH = 400
COLUMN = 190
GUTTER = WIDTH - 2 * COLUMN
BAR = 14
ORANGE = "#D55E00"
# A glyph's average width in em (foundation.svg counts 0.55 for regular text; bold is wider).
REGULAR_EM = 0.55
BOLD_EM = 0.58


def fitting(text: str, width: float, *, bold: bool = False) -> list[str]:
    """The lines of `text` (small size) within `width` pixels: whole when it fits, otherwise broken before
    its parenthesis ("Perceived fragility" / "(out of 10)"), then word-wrapped; English labels run longer."""
    chars = max(8, int(width / (SMALL * (BOLD_EM if bold else REGULAR_EM))))
    if len(text) <= chars:
        return [text]
    head, paren, tail = text.partition(" (")
    parts = [head, f"({tail}"] if paren else [text]
    return [line for part in parts for line in wrap(part, chars)]


def objective_text(priority: Priority, territory: Territory) -> str:
    position = priority.position
    if not position.has_indicators:
        return _("pas d'indicateur officiel")
    if position.level_lacks_source:
        return _("pas de valeur par %(kind)s dans la source") % {"kind": territory.kind_label}
    if position.score is None:
        return _("non disponible dans la source")
    if position.partial:
        partial = _("partielle (%(basis)s), non classée") % {"basis": position.basis}
        return f"{score_text(position.score)} · {partial}"
    return f"{score_text(position.score)} · {rank_phrase(position.rank, position.peers, territory)}"


def perceived_text(priority: Priority) -> str:
    if priority.perceived is None:
        return _("pas de chiffre")
    if priority.perceived.cell.missing:
        return _("non lisible dans la source")
    return f"{display_value(priority.perceived.cell.value, 'mean')}/10 ({priority.perceived.scope})"


def priority_chart(profile: Profile, *, chart_id: str = "priorites") -> SafeString:
    territory = profile.territory
    rows = [p for p in profile.priorities if p.position.score is not None or p.perceived_value is not None]
    study = profile.perceived.study if profile.perceived else None
    title = _("Fragilités objectives et perçues — %(name)s") % {"name": territory.title}
    body, y = [], float(FONT)
    # The objective heading may run into the gutter; the perceived one ends at the chart's edge.
    for x, width, heading in (
        (0, COLUMN + GUTTER / 2, _("Position objective (0 à 100)")),
        (COLUMN + GUTTER, COLUMN, _("Fragilité perçue (sur 10)")),
    ):
        markup, last = text_lines(x, FONT, fitting(heading, width, bold=True), size=SMALL, font_weight="bold")
        body.append(markup)
        y = max(y, last)
    y += 4.0
    descriptions = []
    for priority in rows:
        markup, y = text_lines(0, y + FONT + 8, wrap(priority.domain.name, chars_fitting(WIDTH)), font_weight="bold")
        body.append(markup)
        if priority.gap:
            gap = _("Écart : %(gap)s") % {"gap": priority.gap_label.lower()}
            markup, y = text_lines(
                0, y + SMALL + 4, wrap(gap, chars_fitting(WIDTH, SMALL)), size=SMALL, font_style="italic"
            )
            body.append(markup)
        top = y + 5
        bottom = top + BAR + SMALL + 2
        for x, value, scale, fill, text in (
            (0, priority.position.score_value, 100, BLUE, objective_text(priority, territory)),
            (COLUMN + GUTTER, priority.perceived_value, 10, ORANGE, perceived_text(priority)),
        ):
            body.append(f'<rect x="{x}" y="{top:.1f}" width="{COLUMN}" height="{BAR}" fill="none" stroke="{GRID}"/>')
            if value is not None:
                width = max(1.0, float(value) / scale * COLUMN)
                body.append(f'<rect x="{x}" y="{top:.1f}" width="{width:.1f}" height="{BAR}" fill="{fill}"/>')
            markup, last = text_lines(
                x, top + BAR + SMALL + 2, fitting(text, COLUMN), size=SMALL, fill=MUTED if value is None else INK
            )
            body.append(markup)
            bottom = max(bottom, last)
        y = bottom + 4
        values = {
            "domain": priority.domain.name,
            "objective": objective_text(priority, territory),
            "perceived": perceived_text(priority),
            "gap": priority.gap_label.lower(),
        }
        if priority.gap:
            text = _("%(domain)s : position objective %(objective)s, fragilité perçue %(perceived)s, écart (%(gap)s).")
        else:
            text = _("%(domain)s : position objective %(objective)s, fragilité perçue %(perceived)s.")
        descriptions.append(text % values)
    source = _("Sources : indicateurs officiels (voir le tableau)")
    if study is not None:
        source += pgettext("list separator", " ;") + f" {study.name}, {study.fieldwork_label}"
    markup, y = text_lines(0, y + SMALL + 12, wrap(source + ".", chars_fitting(WIDTH, SMALL)), size=SMALL, fill=MUTED)
    body.append(markup)
    description = (
        _(
            "Pour chaque domaine, la position objective %(of_name)s parmi les %(peers)s "
            "(100 = la plus fragile) et la note de fragilité perçue."
        )
        % {"of_name": territory.of_name, "peers": territory.peers_label}
        + " "
        + " ".join(descriptions)
    )
    return svg_root(chart_id, title, description, y + 8, body)
