"""How the territory profiles write their numbers, periods and ranks (observatoire.territories.wording)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from observatoire.territories import wording

register = template.Library()

register.filter("indicator_value", wording.format_value)
register.filter("period_text", wording.period_text)
register.filter("score_text", wording.score_text)
register.filter("ordinal", wording.ordinal)
register.simple_tag(wording.rank_phrase, name="rank_phrase")


@register.simple_tag
def french(text) -> str:
    """A text kept in French (a survey's citation, an indicator's note), marked `lang="fr"` on a page in
    another language so that a reader and a screen reader know it is the French original."""
    if not text or get_language() == "fr":
        return text
    return format_html('<span lang="fr">{}</span>', text)


@register.simple_tag(takes_context=True)
def priorities_iframe(context, territory, drawn) -> str:
    """The `<iframe>` code of a profile's priorities chart, to copy (observatoire.pages.chart_views)."""
    from observatoire.pages.chart_views import priorities_iframe as snippet

    return snippet(context["request"], territory, drawn)


@register.simple_tag(takes_context=True)
def map_iframe(context, indicator, niveau, france) -> str:
    """The `<iframe>` code of an indicator's map, to copy."""
    from observatoire.pages.chart_views import map_iframe as snippet

    return snippet(context["request"], indicator, niveau, france)
