"""How the territory profiles write their numbers, periods and ranks (observatoire.territories.profile)."""

from django import template

from observatoire.territories import profile

register = template.Library()

register.filter("indicator_value", profile.format_value)
register.filter("period_text", profile.period_text)
register.filter("score_text", profile.score_text)
register.simple_tag(profile.rank_phrase, name="rank_phrase")
