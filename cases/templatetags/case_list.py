"""Tags of the search page and of the pages that list cases (`{% load case_list %}`)."""

from django import template

register = template.Library()


@register.inclusion_tag("cases/_facet.html")
def facet_fieldset(facet) -> dict:
    """A facet's fieldset (`cases.views.FacetView`); its folded values stay open when one is ticked."""
    return {"facet": facet, "folded_open": any(value.selected for value in facet.folded)}


@register.inclusion_tag("cases/_card.html")
def case_card(case) -> dict:
    """A case's card, as the search page, the home page and the domain and territory pages list it."""
    return {"case": case}


@register.inclusion_tag("cases/_pagination.html", takes_context=True)
def pagination(context, page, page_range) -> dict:
    """The links to the other pages of results, each the request's query string with its page number."""
    return {"request": context.request, "page": page, "page_range": page_range, "ellipsis": page.paginator.ELLIPSIS}
