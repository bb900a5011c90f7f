"""Exact query counts of the search page, the API list and the case page on PostgreSQL: the same for a
small and a larger base, with words, filters and facets.

Each request first reads the search version with the query's postings; the content-wide state of the
search is loaded once per version (the warm-up request below), not per request.
"""

import pytest

from cases.search import reindex_deferred
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _cases(count: int) -> list:
    with reindex_deferred():
        cases = CaseFactory.create_batch(
            count, title="Potager partagé", domains=["sante", "emploi"], departments=["69"]
        )
        for case in cases:
            ParticipationFactory(case=case, organization=OrganizationFactory(kind="association"))
            LinkFactory(case=case)
    return cases


def _warm(client) -> None:
    """Load the search's state for the current version, as the first request after an edit does."""
    assert client.get("/cas/?q=chauffe").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_search_page_with_words_and_filters(client, django_assert_num_queries, count):
    _cases(count)
    _warm(client)
    # The version and postings (1; the filters' values are checked against the terms of the search's
    # state), the page's cases (1; their tags come from the state too), the marked summaries and passages
    # (1).
    with django_assert_num_queries(3):
        response = client.get("/cas/?q=potager&domain=sante&region=84&organization_kind=association")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("phrase", "queries"),
    [
        # As above without filters (3): a phrase of two lexemes is its pair's posting, nothing to check.
        ("potager partagé", 3),
        # Three lexemes (across the title and the summary): its candidates checked by PostgreSQL (1).
        ("potager partagé une alliance", 4),
    ],
)
def test_the_search_page_with_a_phrase(client, django_assert_num_queries, count, phrase, queries):
    _cases(count)
    _warm(client)
    with django_assert_num_queries(queries):
        response = client.get(f'/cas/?q="{phrase}"')
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_search_page_with_a_hyphenated_word(client, django_assert_num_queries, count):
    """A hyphenated word ("tiers-lieu", three lexemes) is its compound key's posting: nothing to check."""
    with reindex_deferred():
        CaseFactory.create_batch(count, title="Un tiers-lieu partagé", domains=["sante"], departments=["69"])
    _warm(client)
    with django_assert_num_queries(3):
        response = client.get('/cas/?q="tiers-lieu"')
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_api_list_with_words_and_filters(client, django_assert_num_queries, count):
    _cases(count)
    _warm(client)
    # The version and postings (1; the filters checked against the state's terms), the page's cases (1;
    # their tags come from the search's state), their organisations, links, photos and documents (1).
    with django_assert_num_queries(3):
        response = client.get("/api/v1/cases/?q=potager&domain=sante&region=84&page_size=50")
    assert response.status_code == 200
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_case_page(client, django_assert_num_queries, count):
    case = _cases(count)[0]
    _warm(client)
    # The case (1), its tags from the search's state (1, its version), organisations and links (2), similar
    # cases: the title's words through the search (1, the tags' kinship is read from the search's state) and
    # the chosen cases (1), the page's survey panel (1), its photos and documents (2), its observed impacts (1).
    with django_assert_num_queries(10):
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200


def test_a_search_after_a_new_term_checks_it_by_the_database_once(client, django_assert_num_queries):
    """A value the held terms do not know is checked by the database (a term added since), then found."""
    from observatoire.reference.models import Domain

    _cases(3)
    _warm(client)
    Domain.objects.create(slug="circuits-courts", name="Circuits courts", group=Domain.Group.ECONOMIC)
    # The value refused by the held terms, then checked by the database (1), the version and postings (1),
    # the state of the version the new term moved (1), the name of the chosen term, which no case has (1).
    with django_assert_num_queries(4):
        response = client.get("/cas/?domain=circuits-courts")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
