"""A case's text in the page's language (`{% load case_language %}`).

A case is written in French; a curator may add an English title and summary. On a page in another language,
a text without its translation is shown in French, and the template marks it `lang="fr"` and says it is not
translated: never a machine translation presented as the source's.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class CaseText:
    text: str
    untranslated: bool  # the French original, shown on a page in another language

    def __str__(self) -> str:
        return self.text


def case_text_in(case, field: str, language: str | None = None) -> CaseText:
    """`case`'s `field` (title, summary, body_html, outcomes) in `language` (the active one by default)."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    french = getattr(case, field) or ""
    if language == settings.LANGUAGE_CODE:
        return CaseText(french, False)
    translated = getattr(case, f"{field}_{language}", "") or ""
    if translated:
        return CaseText(translated, False)
    return CaseText(french, bool(french))


@register.simple_tag
def case_text(case, field: str) -> CaseText:
    """`{% case_text case "summary" as summary %}`: `summary.text`, `summary.untranslated`."""
    return case_text_in(case, field)
