"""A territory's priorities chart as people take it away, like a survey question's chart (surveys.takeaway):
an SVG file that carries its title, source lines and licences, the CSV of what it draws, an embed page and
its metadata as JSON. The pages (observatoire.pages.chart_views) serve them; this module says what each holds.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foundation.licences import content_licence
from observatoire.territories.charts import priority_chart
from observatoire.territories.profile import Profile
from observatoire.territories.territory import Territory
from observatoire.territories.wording import period_text
from surveys import charts
from surveys.takeaway import licence_line

PRIORITY_COLUMNS = [
    "domaine",
    "position_objective",
    "rang_de_fragilite",
    "territoires_classes",
    "position_partielle",
    "indicateurs_utilises",
    "indicateurs_du_domaine",
    "fragilite_percue_sur_10",
    "perimetre_de_la_perception",
    "ecart",
]

UNITS = {
    "position_objective": gettext_lazy(
        "position parmi les territoires du même niveau, de 0 à 100 (100 = la plus fragile)"
    ),
    "rang_de_fragilite": gettext_lazy("rang de fragilité (1 = la plus fragile)"),
    "fragilite_percue": gettext_lazy("note moyenne de fragilité perçue, sur 10"),
}


def _prefix(territory: Territory) -> str:
    return "territory" if territory.is_region else "department"


def addresses(request: HttpRequest, territory: Territory) -> dict[str, str]:
    prefix = _prefix(territory)

    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"pages:{prefix}{name}", args=[territory.code]))

    return {
        "page": url(""),
        "svg": url("-chart"),
        "csv": url("-priorities-csv"),
        "metadata": url("-priorities-metadata"),
        "embed": url("-priorities-embed"),
    }


def title(territory: Territory) -> str:
    return _("Fragilités objectives et perçues — %(name)s") % {"name": territory.title}


def source_lines(profile: Profile) -> list[str]:
    """Who produced what the chart draws, under which licence: the official indicators under their
    producers' licence, the perception under the observatory's content licence."""
    if profile.producers:
        lines = [_("Indicateurs officiels : %(producers)s.") % {"producers": profile.producers}]
    else:
        lines = [_("Aucun indicateur officiel.")]
    if profile.perceived is not None:
        values = {"citation": profile.perceived.study.citation, "licence": licence_line()}
        lines.append(_("Perception — %(citation)s ; %(licence)s.") % values)
    return lines


def svg_file(request: HttpRequest, profile: Profile) -> str:
    notes = [*source_lines(profile), addresses(request, profile.territory)["page"]]
    return charts.standalone(priority_chart(profile), title=title(profile.territory), notes=notes)


def csv_rows(profile: Profile) -> list[list]:
    """One row per domain, in the chart's order: the position unrounded (as computed), the perceived
    figure as the source prints it; empty where the chart says "non disponible"."""
    rows = [PRIORITY_COLUMNS]
    for priority in profile.priorities:
        position = priority.position
        cell = priority.perceived.cell if priority.perceived else None
        rows.append(
            [
                priority.domain.name,
                "" if position.score is None else f"{float(position.score):.4f}",
                position.rank if position.ranked else "",
                position.peers if position.ranked else "",
                "oui" if position.partial else "non",
                len(position.used),
                len(position.indicators),
                "" if cell is None or cell.value is None else cell.value,
                priority.perceived.scope if priority.perceived else "",
                priority.gap_label if priority.gap else "",
            ]
        )
    return rows


def periods(profile: Profile) -> dict:
    indicator_periods = sorted({item.reading.period for item in profile.indicators if item.reading is not None})
    return {
        "indicateurs": [period_text(period) for period in indicator_periods],
        "perception": profile.perceived.study.fieldwork_label if profile.perceived else None,
    }


def metadata(request: HttpRequest, profile: Profile) -> dict:
    licence = content_licence()
    by_licence: dict[str, set[str]] = {}
    for item in profile.indicators:
        by_licence.setdefault(item.indicator.licence, set()).add(item.indicator.producer)
    return {
        "title": title(profile.territory),
        "territory": {"code": profile.territory.code, "name": profile.territory.name, "level": profile.territory.level},
        "source": " ".join(source_lines(profile)),
        "period": periods(profile),
        "licence": {
            "indicators": [{"name": name, "producers": sorted(producers)} for name, producers in by_licence.items()],
            "perception": {"name": licence.name or None, "url": licence.url or None, "text": licence.text},
        },
        "units": {name: str(text) for name, text in UNITS.items()},
        "note": _(
            "Une position qui repose sur moins de la moitié des indicateurs du domaine est partielle : "
            "montrée, jamais classée. Une valeur absente de la source reste vide : ni 0, ni estimation."
        ),
        **{f"{name}_url": address for name, address in addresses(request, profile.territory).items()},
    }
