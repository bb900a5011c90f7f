"""Exact query counts of the search page, the API list and the case page on PostgreSQL: the same for a
small and a larger base, with words, filters and facets. No state is held between requests: the first
request after an edit costs what every request costs. The larger base is one case more than a page (21):
a full page of cards and a next page."""

import pytest

from cases.search import reindex_deferred
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory
from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# The search's own transaction (cases.search.postgres), as a test's transaction runs it: a savepoint, the
# planner's settings, then back to the savepoint and released (4; a request outside a transaction has 3:
# begin, the settings, rollback).
TRANSACTION = 4
# A search with words: the curators' equivalent spellings (1), in the search's transaction the count with
# every facet's counts and labels and the first page's ids in order (1), the page's cases (1) and the tags
# their cards show (4: domains, dynamics, regions, departments).
WORDS = 7 + TRANSACTION


def _cases(count: int) -> list:
    with reindex_deferred():
        cases = CaseFactory.create_batch(
            count, title="Potager partagé", domains=["sante", "emploi"], departments=["69"]
        )
        for case in cases:
            ParticipationFactory(case=case, organization=OrganizationFactory(kind="association"))
            LinkFactory(case=case)
    return cases


@pytest.mark.parametrize("count", [3, 21])
def test_the_search_page_with_words_and_filters(client, django_assert_num_queries, count):
    _cases(count)
    # The two vocabulary values checked (2), the search (WORDS), the marked summaries and passages (1).
    with django_assert_num_queries(WORDS + 3):
        response = client.get("/cas/?q=potager&domain=sante&region=84&organization_kind=association")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [3, 21])
@pytest.mark.parametrize("phrase", ["potager partagé", "potager partagé une alliance", "potager-partagé"])
def test_the_search_page_with_a_phrase(client, django_assert_num_queries, count, phrase):
    _cases(count)
    with django_assert_num_queries(WORDS + 1):
        response = client.get(f'/cas/?q="{phrase}"')
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [3, 21])
def test_the_search_page_with_no_result(client, django_assert_num_queries, count):
    _cases(count)
    # The spellings (1), the count in the search's transaction (1), the titles close to the words (2: the
    # similarity threshold, then the titles), and the help: every vocabulary and territory term (1), then the
    # closest words of the titles and terms by trigram similarity (1); no page to read. The same at every size.
    with django_assert_num_queries(6 + TRANSACTION):
        response = client.get("/cas/?q=potagre")
    assert response.context["page"].paginator.count == 0
    assert response.context["suggestions"] == ["Potager partagé"]
    assert response.context["help"]["did_you_mean"] == "potager"


@pytest.mark.parametrize("count", [3, 21])
def test_the_search_page_with_no_result_for_two_words(client, django_assert_num_queries, count):
    _cases(count)
    # The ones above, then the count alone of each word (the spellings, the count in its transaction); the
    # word that is left is counted already.
    with django_assert_num_queries(6 + TRANSACTION + 2 * (2 + TRANSACTION)):
        response = client.get("/cas/?q=potager zeppelin")
    assert response.context["help"]["relaxed"] == {"query": "potager", "count": count}
    assert response.context["help"]["did_you_mean"] is None


@pytest.mark.parametrize("count", [3, 21])
def test_the_api_list_with_words_and_filters(client, django_assert_num_queries, count):
    _cases(count)
    # The two vocabulary values (2), the search (WORDS), the cases' other tags (3: partnerships, engagement
    # practices, SDGs), organisations, observed impacts, links, photos and documents as the API serialises
    # them (5: one per relation).
    with django_assert_num_queries(WORDS + 2 + 3 + 5):
        response = client.get("/api/v1/cases/?q=potager&domain=sante&region=84&page_size=50")
    assert response.status_code == 200
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [3, 21])
def test_the_api_case_detail(client, django_assert_num_queries, count):
    case = _cases(count)[0]
    # The case (1), its tags (7: one per vocabulary and territory, and the SDGs), its organisations, observed
    # impacts, links, photos and documents (5).
    with django_assert_num_queries(13):
        response = client.get(f"/api/v1/cases/{case.slug}/")
    data = response.json()
    assert data["slug"] == case.slug
    assert [item["organization"]["name"] for item in data["participations"]] == [
        participation.organization.name for participation in case.participations.all()
    ]
    assert [link["url"] for link in data["links"]] == [link.url for link in case.links.all()]
    assert sorted(domain["slug"] for domain in data["domains"]) == ["emploi", "sante"]


@pytest.mark.parametrize("count", [3, 21])
def test_the_case_page(client, django_assert_num_queries, count):
    cases = _cases(count)
    case = cases[0]
    # The case (1), its tags (8: the vocabularies, territories, impacts and SDGs), organisations and links
    # (2), similar cases: the title's words searched (2: spellings, ids in the search's transaction), the tags'
    # kinship (1) and the chosen cases (1), the survey panel (1), photos and documents (2), its observed
    # impacts (1).
    with django_assert_num_queries(19 + TRANSACTION):
        response = client.get(case.get_absolute_url())
    page = parse(response.content)
    assert page.find("h1").text == case.title
    organisations = page.find("section", **{"aria-labelledby": "organisations-titre"})
    assert [name.text for name in organisations.find_all(class_="org-name")] == [
        participation.organization.name for participation in case.participations.all()
    ]
    similar = page.find("section", **{"aria-labelledby": "similaires-titre"}).find_all("a")
    others = {other.get_absolute_url() for other in cases if other != case}
    assert similar and {link.attrs["href"] for link in similar} <= others
