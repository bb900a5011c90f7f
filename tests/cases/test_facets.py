"""Facet counts on `/cas/`, checked against counts computed here from the data the test made.

Each facet counts, for each value, the published cases that match every other filter (values OR'd inside
a filter, filters AND'd), and its own value.
"""

import itertools

import pytest

from cases.models import Case
from cases.search import reindex_deferred
from foundation.reference.models import PartnershipType
from tests.factories import CaseFactory, ParticipationFactory

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

DOMAINS = ["sante", "education", "emploi"]
PARTNERSHIPS = ["mecenat", "innovation-societale"]
DEPARTMENTS = {"69": "84", "38": "84", "59": "32", "33": "75"}
KINDS = ["association", "entreprise", "collectivite"]


@pytest.fixture
def corpus() -> list[dict]:
    """Forty cases over every combination of tags, some unpublished; the records say what each one is."""
    with reindex_deferred():
        return _corpus()


def _corpus() -> list[dict]:
    records = []
    partnerships = {slug: PartnershipType.objects.get(slug=slug) for slug in PARTNERSHIPS}
    departments = list(DEPARTMENTS)
    for index in range(40):
        record = {
            "domain": {DOMAINS[index % 3]} | ({DOMAINS[(index + 1) % 3]} if index % 4 == 0 else set()),
            "partnership": {PARTNERSHIPS[index % 2]},
            "department": {departments[index % 4]},
            "organization_kind": {KINDS[index % 3], KINDS[(index // 3) % 3]},
            "word": index % 5 in {0, 1},
            "published": index % 7 != 6,
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
        records.append(record)
    return records


def _expected(records: list[dict], filters: dict[str, set[str]], query: bool) -> dict[str, dict[str, int]]:
    facets = ["domain", "partnership", "region", "department", "organization_kind"]
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
