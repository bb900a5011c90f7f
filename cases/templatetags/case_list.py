"""Tags of the search page (`{% load case_list %}`)."""

from collections.abc import Iterable
from html import escape

from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def facet_fieldset(facet) -> SafeString:
    """A facet's fieldset (`cases.views.FacetView`): its first values, then the others folded in a
    `<details>` that is open when one of them is ticked; nothing for a facet without values.

    Written here rather than in the page's template: a search page shows a hundred or so values, and
    rendering them through template tags and loops was most of the page's rendering time.
    """
    if not facet.values:
        return mark_safe("")
    parts = [
        '<fieldset class="facet">',
        f"  <legend>{_escape(facet.label)}</legend>",
        f'  <ul class="facet-values">{_facet_values(facet.param, facet.visible)}</ul>',
    ]
    folded = facet.folded
    if folded:
        opened = " open" if any(value.selected for value in folded) else ""
        plural = "" if len(folded) == 1 else "s"
        parts += [
            f'  <details class="facet-more"{opened}>',
            f"    <summary>{len(folded)} autre{plural}</summary>",
            f'    <ul class="facet-values">{_facet_values(facet.param, folded)}</ul>',
            "  </details>",
        ]
    parts.append("</fieldset>")
    return mark_safe("\n".join(parts))  # noqa: S308 (every value escaped)


def _facet_values(param: str, values: Iterable) -> str:
    """The checkboxes of a facet's values (`cases.views.FacetValue`), each with its count."""
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
    return "".join(items)


def _escape(value) -> str:
    """`conditional_escape` without its lazy-string wrapper: safe strings as they are, anything else
    escaped as Django's `escape` does (with the same function)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


@register.simple_tag
def case_card(case) -> SafeString:
    """A case's card, as the search page, the home page and the domain and territory pages list it.

    Written here rather than as an included template, for the same reason as `facet_fieldset`: twenty
    cards were two thirds of a search page's rendering time. The summary is `case.excerpt` when the
    search marked it (already escaped and marked), else the summary; `case.passage`, when set, is the
    marked passage of the body. The tags are read as `Case.objects.for_cards()` prefetches them.
    """
    title = _escape(case.title)
    summary = _escape(getattr(case, "excerpt", "") or case.summary)
    parts = [
        f'<article class="card">\n  <h3 class="card-title"><a href="{escape(case.get_absolute_url())}">{title}</a></h3>'
    ]
    if case.is_fictitious:
        parts.append('  <p class="badge-fictitious">Cas fictif de démonstration</p>')
    parts.append(f'  <p class="card-summary">{summary}</p>')
    passage = getattr(case, "passage", "")
    if passage:
        parts.append(
            '  <p class="card-passage"><span class="visually-hidden">Extrait du texte : </span>'
            f"… {_escape(passage)} …</p>"
        )
    meta = []
    departments = _terms(case, "departments")
    if departments:
        places = ", ".join(f"{_escape(d.name)} ({_escape(d.code)})" for d in departments)
    else:
        places = ", ".join(_escape(region.name) for region in _terms(case, "regions"))
    if places:
        meta.append(f'<li class="meta-place">{places}</li>')
    if case.start_year:
        years = str(case.start_year)
        if case.end_year and case.end_year != case.start_year:
            years += f"–{case.end_year}"
        meta.append(f"<li>{years}</li>")
    parts.append(f'  <ul class="card-meta">{"".join(meta)}</ul>')
    tags = [f'<li><span class="tag tag-domain">{_escape(t.name)}</span></li>' for t in _terms(case, "domains")]
    tags += [f'<li><span class="tag">{_escape(t.name)}</span></li>' for t in _terms(case, "dynamics")]
    parts.append(f'  <ul class="tags" aria-label="Classement">{"".join(tags)}</ul>\n</article>')
    return mark_safe("\n".join(parts))  # noqa: S308 (every value escaped above)


def _terms(case, field: str):
    """A case's terms through the many-to-many `field`, as prefetched (by `Case.objects.for_cards()` or the
    search) when they are, without the related manager that `case.<field>.all()` builds each time."""
    prefetched = getattr(case, "_prefetched_objects_cache", {})
    return prefetched[field] if field in prefetched else getattr(case, field).all()


@register.simple_tag(takes_context=True)
def pagination(context, page, page_range) -> SafeString:
    """The links to the other pages of results, each the request's query string with its page number, as
    `{% querystring page=n %}` writes it (the other parameters in their order, `page` in its place or last).

    Written here for the same reason as `facet_fieldset`: a tag per link re-encoded the whole query string
    each time, and the template's loop over the numbers cost as much again.
    """
    if not page.has_other_pages():
        return mark_safe("")
    link = _page_link(context.request.GET)
    items = []
    if page.has_previous():
        items.append(f'<li><a href="{link(page.previous_page_number())}" rel="prev">‹ Précédente</a></li>')
    for number in page_range:
        if number == page.paginator.ELLIPSIS:
            items.append('<li><span class="ellipsis">…</span></li>')
        elif number == page.number:
            items.append(f'<li><a aria-current="page" href="{link(number)}">{number}</a></li>')
        else:
            items.append(f'<li><a href="{link(number)}">{number}</a></li>')
    if page.has_next():
        items.append(f'<li><a href="{link(page.next_page_number())}" rel="next">Suivante ›</a></li>')
    return mark_safe(  # noqa: S308 (numbers, and query strings encoded then escaped)
        '<nav class="pagination" aria-label="Pages de résultats">\n  <ul>\n    '
        + "\n    ".join(items)
        + "\n  </ul>\n</nav>"
    )


def _page_link(data: QueryDict):
    """A function of a page number giving its link: `data` encoded once around the page's place."""
    before, after = QueryDict(mutable=True), QueryDict(mutable=True)
    current = before
    for key, values in data.lists():
        if key == "page":
            current = after
        else:
            current.setlist(key, values)
    head, tail = escape(before.urlencode()), escape(after.urlencode())
    return lambda number: "?" + "&amp;".join(part for part in (head, f"page={int(number)}", tail) if part)
