"""Facet counts on `/cas/`, checked against counts computed here from the data the test made.

Each facet counts, for each value, the published cases that match every other filter (values OR'd inside
a filter, filters AND'd), and its own value.
"""

import itertools

import pytest

from cases.models import Case, Collection, CollectionEntry
from cases.search import reindex_deferred
from foundation.reference.models import PartnershipType
from tests.factories import CaseFactory, ParticipationFactory
from tests.module_data import module_data

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

DOMAINS = ["sante", "education", "emploi"]
PARTNERSHIPS = ["mecenat", "innovation-societale"]
DEPARTMENTS = {"69": "84", "38": "84", "59": "32", "33": "75"}
KINDS = ["association", "entreprise", "collectivite"]
COLLECTIONS = ["premiere-collection", "seconde-collection"]  # published; a third one is not


@module_data
def corpus() -> list[dict]:
    """Forty cases over every combination of tags, some unpublished; the records say what each one is.
    Made once for the module, whose every test reads it (tests/module_data.py)."""
    with reindex_deferred():
        return _corpus()


def _corpus() -> list[dict]:
    records = []
    partnerships = {slug: PartnershipType.objects.get(slug=slug) for slug in PARTNERSHIPS}
    collections = {
        slug: Collection.objects.create(title=f"Collection {slug}", slug=slug, is_published=slug != "brouillon")
        for slug in [*COLLECTIONS, "brouillon"]
    }
    departments = list(DEPARTMENTS)
    for index in range(40):
        record = {
            "domain": {DOMAINS[index % 3]} | ({DOMAINS[(index + 1) % 3]} if index % 4 == 0 else set()),
            "partnership": {PARTNERSHIPS[index % 2]},
            "department": {departments[index % 4]},
            "organization_kind": {KINDS[index % 3], KINDS[(index // 3) % 3]},
            "word": index % 5 in {0, 1},
            "published": index % 7 != 6,
            "collection": {COLLECTIONS[0]} if index % 3 == 0 else {COLLECTIONS[1]} if index % 5 == 1 else set(),
        }
        record["region"] = {DEPARTMENTS[code] for code in record["department"]}
        case = CaseFactory(
            title=f"{'Potager' if record['word'] else 'Atelier'} numéro {index}",
            domains=sorted(record["domain"]),
            departments=sorted(record["department"]),
            status=Case.Status.PUBLISHED if record["published"] else Case.Status.DRAFT,
        )
        case.partnership_types.set([partnerships[slug] for slug in record["partnership"]])
        for position, kind in enumerate(sorted(record["organization_kind"])):
            ParticipationFactory(
                case=case, organization__name=f"Organisation {index}-{position}", organization__kind=kind
            )
        for slug in [*record["collection"], *(["brouillon"] if index % 2 else [])]:
            CollectionEntry.objects.create(collection=collections[slug], case=case, position=index)
        records.append(record)
    return records


def _expected(records: list[dict], filters: dict[str, set[str]], query: bool) -> dict[str, dict[str, int]]:
    facets = ["domain", "partnership", "region", "department", "organization_kind", "collection"]
    expected = {}
    for facet in facets:
        counts: dict[str, int] = {}
        for record in records:
            if not record["published"] or (query and not record["word"]):
                continue
            if any(not record[param] & values for param, values in filters.items() if param != facet):
                continue
            for value in record[facet]:
                counts[value] = counts.get(value, 0) + 1
        expected[facet] = counts
    return expected


def _shown(response) -> dict[str, dict[str, int]]:
    return {
        facet.param: {value.value: value.count for value in facet.values if value.count}
        for facet in response.context["facets"]
    }


FILTERS = [
    {},
    {"domain": {"sante"}},
    {"domain": {"sante", "emploi"}},
    {"domain": {"education"}, "region": {"84"}},
    {"partnership": {"mecenat"}, "department": {"69", "59"}},
    {"domain": {"emploi"}, "organization_kind": {"entreprise"}, "region": {"84", "32"}},
    {
        "domain": {"sante", "education"},
        "partnership": {"innovation-societale"},
        "organization_kind": {"association", "collectivite"},
    },
    {"collection": {"premiere-collection"}},
    {"collection": {"premiere-collection", "seconde-collection"}, "domain": {"sante"}},
]


@pytest.mark.parametrize(("filters", "query"), list(itertools.product(FILTERS, [False, True])))
def test_facet_counts_match_counts_computed_independently(client, corpus, filters, query):
    params = [(param, value) for param, values in filters.items() for value in sorted(values)]
    if query:
        params.append(("q", "potagers"))
    response = client.get("/cas/", params)
    assert response.status_code == 200
    expected = _expected(corpus, filters, query)
    shown = _shown(response)
    for facet, counts in expected.items():
        assert shown[facet] == counts, facet
    matching = sum(
        1
        for record in corpus
        if record["published"]
        and (record["word"] or not query)
        and all(record[param] & values for param, values in filters.items())
    )
    assert response.context["page"].paginator.count == matching


def test_the_api_filters_and_counts_by_collection_as_the_page_does(client, corpus):
    response = client.get("/api/v1/cases/", {"collection": "seconde-collection", "page_size": 100})
    assert response.status_code == 200
    expected = [
        index
        for index, record in enumerate(corpus)
        if record["published"] and "seconde-collection" in record["collection"]
    ]
    assert response.json()["count"] == len(expected)
    assert sorted(case["title"].split()[-1] for case in response.json()["results"]) == sorted(map(str, expected))
    collections = {row["value"]: row["count"] for row in response.json()["facets"]["collection"]}
    assert collections == _expected(corpus, {"collection": {"seconde-collection"}}, False)["collection"]
    assert collections["seconde-collection"] == len(expected)


def test_an_unpublished_collection_is_no_filter_until_it_is_published(client, corpus):
    api = client.get("/api/v1/cases/", {"collection": "brouillon"})
    assert api.status_code == 400
    assert "collection" in api.json()
    page = client.get("/cas/", {"collection": "brouillon"})
    assert page.status_code == 400
    alert = page.content.decode().split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "<li>Collection : " in alert and "brouillon" in alert
    # An update() sends no signal: on PostgreSQL the trigger on the collections rewrites its cases' rows.
    Collection.objects.filter(slug="brouillon").update(is_published=True)
    published_in_it = sum(1 for index, record in enumerate(corpus) if record["published"] and index % 2)
    response = client.get("/api/v1/cases/", {"collection": "brouillon"})
    assert response.json()["count"] == published_in_it
    counts = {row["value"]: row["count"] for row in client.get("/api/v1/cases/").json()["facets"]["collection"]}
    assert counts["brouillon"] == published_in_it
