"""The benchmark's query mixes are valid searches: a mistyped slug would measure a 400 instead of a search."""

import pytest

from bench.queries import FRESH_QUERIES, QUERIES, endpoint_urls
from tests.html import find

pytestmark = pytest.mark.django_db


def test_the_second_mix_is_new_and_large_enough():
    assert len(FRESH_QUERIES) >= 30
    assert not {query.q for query in FRESH_QUERIES if query.q} & {query.q for query in QUERIES}
    kinds = [query.kind for query in FRESH_QUERIES]
    assert kinds.count("phrase") >= 8 and kinds.count("facets only") >= 5 and kinds.count("frequent") >= 10


@pytest.mark.parametrize("endpoint", ["api_search", "api_search_fresh"])
def test_every_query_of_both_mixes_is_answered_by_the_api(client, endpoint):
    for url in endpoint_urls([])[endpoint]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response.json()["count"] == 0, url  # an empty base: a search, not an error


@pytest.mark.parametrize(("endpoint", "mix"), [("search_page", QUERIES), ("search_page_fresh", FRESH_QUERIES)])
def test_the_search_page_applies_every_word_and_filter_of_both_mixes(client, endpoint, mix):
    """The page names the words searched and shows a chip per filter value it understood (an unknown value
    would be dropped), so a query that lost its words or a filter on the way fails here."""
    urls = endpoint_urls([])[endpoint]
    assert len(urls) == len(mix)
    for url, query in zip(urls, mix, strict=True):
        response = client.get(url)
        assert response.status_code == 200, url
        heading = find(response.content, "h2", id="resultats-titre").text
        assert heading == (f"0 études de cas pour « {query.q} »" if query.q else "0 études de cas"), url
        filters = sum(len(values) for values in query.filters.values())
        chips = find(response.content, "section", id="resultats").find_all("a", class_="chip")
        assert len([chip for chip in chips if "chip-clear" not in chip.attrs["class"]]) == filters, url
