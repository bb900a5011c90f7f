"""`{% french text %}`: a text kept in French on a page in any language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def french(text) -> str:
    """A text kept in French (a survey's citation, an indicator's note, a label of the source), marked
    `lang="fr"` on a page in another language so that a reader and a screen reader know it is the French
    original."""
    if not text or get_language() == "fr":
        return text
    return format_html('<span lang="fr">{}</span>', text)
