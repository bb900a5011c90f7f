"""How the territory profiles write their numbers, periods and ranks (observatoire.territories.wording)."""

from django import template

from observatoire.territories import wording

register = template.Library()

register.filter("indicator_value", wording.format_value)
register.filter("period_text", wording.period_text)
register.filter("score_text", wording.score_text)
register.filter("ordinal", wording.ordinal)
register.simple_tag(wording.rank_phrase, name="rank_phrase")


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
