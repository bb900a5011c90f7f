"""`{% content_licence %}`: the licence of the observatory's own content, for the source lines under its
figures (foundation.licences)."""

from django import template

from foundation.licences import content_licence as current_licence

register = template.Library()


@register.inclusion_tag("_content_licence.html")
def content_licence() -> dict:
    return {"licence": current_licence()}
