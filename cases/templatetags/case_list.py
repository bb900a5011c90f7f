"""Tags of the search page (`{% load case_list %}`)."""

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def facet_values(param: str, values: Iterable) -> SafeString:
    """The checkboxes of a facet's values (`cases.views.FacetValue`), each with its count.

    Written here rather than as an included template: a search page shows a hundred or so values, and
    including a template for each was a third of the page's rendering time. Every value is escaped as
    Django's `escape` does (it is the same function).
    """
    name = escape(param)
    items = []
    for value in values:
        key, label, count = escape(str(value.value)), escape(str(value.label)), int(value.count)
        checked = " checked" if value.selected else ""
        plural = "" if count == 1 else "s"
        items.append(
            f'<li><input type="checkbox" id="f-{name}-{key}" name="{name}" value="{key}" form="recherche"{checked}>'
            f'<label for="f-{name}-{key}"><span class="facet-label">{label}</span> <span class="count">{count}'
            f'<span class="visually-hidden"> étude{plural} de cas</span></span></label></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 (every value escaped above)
