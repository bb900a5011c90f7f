import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import npgettext
from django.views.decorators.http import require_safe
from django_countries import countries

from cases.facets import FACETS, Facet
from cases.filters import CaseFilter, Sort
from cases.models import Case, Organization
from cases.search import search, significant_words, with_tags
from cases.similar import similar_cases

PAGE_SIZE = 20
# Facet values shown before "voir les autres": enough for the vocabularies (4 to 16 terms) to show whole
# when short, while departments (about a hundred) fold.
FACET_VISIBLE = 8
# Parameters that a filter link keeps or drops: a new filter starts again at the first page.
STATE_PARAMS = ["q", *(facet.param for facet in FACETS), "year_min", "year_max", "sort"]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # for a selected value, the search without it (the page's "remove this filter" link)

    @property
    def count_text(self) -> str:
        """What the count counts, for screen readers ("études de cas"): written here rather than by a
        `blocktranslate` per value in the template, which cost the search page about a tenth of its time
        (bench/README.md, "Less Python per search request")."""
        return npgettext("facet count", "étude de cas", "études de cas", self.count)


@dataclass
class FacetView:
    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)

    # The values from this one on are folded. The template writes a value's markup in its one loop rather
    # than through an include per value, which cost the search page about a tenth of its time.
    fold_at = FACET_VISIBLE

    @property
    def folded(self) -> list[FacetValue]:
        return self.values[FACET_VISIBLE:]

    @property
    def selected_count(self) -> int:
        return sum(value.selected for value in self.values)


@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    """The search page: every piece of its state is in the URL, so that a search can be shared."""
    state = _state(request.GET)
    result = search(state, user=None, queryset=Case.objects.card_fields())
    paginator = Paginator(result, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = result.query
    facets = _facet_views(state, result.facets if result.is_valid else {})
    cards = list(page.object_list)
    excerpts, passages = result.highlight(cards)
    for case in cards:
        case.excerpt = excerpts.get(case.pk, case.summary)
        case.passage = passages.get(case.pk, "")
    filterset = result.filterset
    context = {
        "filterset": filterset,
        "errors": [(_label(filterset, name), errors) for name, errors in result.errors.items()],
        "page": page,
        "cards": cards,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query": query,
        "only_common_words": bool(query) and not significant_words(query),
        "facets": facets,
        "active": [value for facet in facets for value in facet.values if value.selected],
        "sort_options": _sort_options(result.sort, bool(query)),
        "suggestions": result.suggestions,
        "help": result.help,
        "state": state.urlencode(),
        "has_filters": any(key != "sort" and key != "q" for key in state),
    }
    return render(request, "cases/case_list.html", context, status=200 if result.is_valid else 400)


def _sort_options(sort: str, searched: bool) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu. The default order has an empty value, so that it is left out
    of the URL and a new search made from the form is sorted by relevance again."""
    labels = dict(Sort.CHOICES)
    default = Sort.RELEVANCE if searched else Sort.RECENT
    options = [("", labels[default], sort in {"", default})]
    if searched:
        options.append((Sort.RECENT, labels[Sort.RECENT], sort == Sort.RECENT))
    options.append((Sort.TITLE, labels[Sort.TITLE], sort == Sort.TITLE))
    if not any(selected for _value, _label, selected in options):
        options[0] = (options[0][0], options[0][1], True)
    return options


def _label(filterset: CaseFilter, name: str) -> str:
    field = filterset.form.fields.get(name)
    return str(field.label) if field is not None and field.label else name


def _state(data: QueryDict) -> QueryDict:
    """The search parameters of a request, without empty values (an empty form field is no filter)."""
    state = QueryDict(mutable=True)
    for key in STATE_PARAMS:
        values = [value.strip() for value in data.getlist(key) if value.strip()]
        if values:
            state.setlist(key, list(dict.fromkeys(values)))
    return state


def _facet_views(state: QueryDict, counts: dict[str, list[dict]]) -> list[FacetView]:
    """Facets as the page shows them: each value with its count, and the link that removes a selected one.

    A selected value is always shown, even when the other filters leave it no case, so that it can be
    unticked.
    """
    views = []
    for facet in FACETS:
        selected = state.getlist(facet.param)
        rows = list(counts.get(facet.param, []))
        missing = [value for value in selected if value not in {row["value"] for row in rows}]
        rows += [{"value": value, "label": label, "count": 0} for value, label in _labels(facet, missing)]
        view = FacetView(facet.param, facet.label)
        for row in rows:
            url = ""
            if row["value"] in selected:
                toggled = state.copy()
                toggled.setlist(facet.param, [value for value in selected if value != row["value"]])
                url = "?" + toggled.urlencode()
            view.values.append(FacetValue(row["value"], row["label"], row["count"], row["value"] in selected, url))
        views.append(view)
    return views


def _labels(facet: Facet, values: list[str]) -> list[tuple[str, str]]:
    """Names of selected values that have no case under the other filters (unknown values are dropped)."""
    if not values:
        return []
    if facet.on_case:
        return [(code, countries.name(code)) for code in values if countries.name(code)]
    if facet.model is None:
        return [(kind, label) for kind, label in Organization.Kind.choices if kind in values]
    terms = facet.model.objects.filter(**{f"{facet.value_field}__in": values})
    return [(getattr(term, facet.value_field), getattr(term, facet.name_field)) for term in terms]


# Panels that layers above this app add to the case page (e.g. the surveys' perception of its domains):
# callables taking the case and returning safe HTML. `cases` does not know who adds them.
case_page_panels: list[Callable[[Case], SafeString]] = []


def case_detail_context(request: HttpRequest, case: Case) -> dict:
    """What the case page shows; also used by the curators' preview of an unpublished case."""
    with_tags([case])
    participations = list(case.participations.select_related("organization").all())
    links = list(case.links.all())
    images, documents = list(case.images.all()), list(case.documents.all())
    observed_impacts = list(case.observed_impacts.select_related("impact", "evidence_document", "evaluation_document"))
    url = request.build_absolute_uri(case.get_absolute_url())
    return {
        "case": case,
        "participations": participations,
        "links": links,
        "images": images,
        "documents": documents,
        "observed_impacts": observed_impacts,
        "similar": similar_cases(case),
        "departments": list(case.departments.all()),
        "regions": list(case.regions.all()),
        "canonical_url": url,
        "json_ld": _json_ld(case, participations, url, [request.build_absolute_uri(image.url) for image in images]),
        "preview": False,
        "panels": [panel(case) for panel in case_page_panels],
    }


@require_safe
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.published(), slug=slug)
    return render(request, "cases/case_detail.html", case_detail_context(request, case))


# Characters that would let a JSON string close its <script> element: written as \u escapes.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _json_ld(case: Case, participations: list, url: str, image_urls: list[str]) -> SafeString:
    """schema.org description of the case, safe to put inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title,
        "description": case.summary,
        "url": url,
        "inLanguage": "fr",
        "isAccessibleForFree": True,
        "dateModified": case.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": "Observatoire des partenariats"},
        "about": [term.name for term in case.domains.all()],
        "keywords": [
            term.name
            for terms in (case.partnership_types, case.engagement_practices, case.dynamics)
            for term in terms.all()
        ],
        "spatialCoverage": [
            {"@type": "AdministrativeArea", "name": department.name} for department in case.departments.all()
        ]
        + [{"@type": "AdministrativeArea", "name": region.name} for region in case.regions.all()],
        "mentions": [
            {"@type": "Organization", "name": participation.organization.name} for participation in participations
        ],
        "citation": case.citation_text(),
    }
    if image_urls:
        data["image"] = image_urls
    if case.published_at:
        data["datePublished"] = case.published_at.isoformat()
    if case.is_fictitious:
        data["creativeWorkStatus"] = "Cas fictif de démonstration"
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
