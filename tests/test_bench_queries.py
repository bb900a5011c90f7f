"""The benchmark's query mixes are valid searches: a mistyped slug would measure a 400 instead of a search."""

import pytest

from bench.queries import FRESH_QUERIES, QUERIES, endpoint_urls

pytestmark = pytest.mark.django_db


def test_the_second_mix_is_new_and_large_enough():
    assert len(FRESH_QUERIES) >= 30
    assert not {query.q for query in FRESH_QUERIES if query.q} & {query.q for query in QUERIES}
    kinds = [query.kind for query in FRESH_QUERIES]
    assert kinds.count("phrase") >= 8 and kinds.count("facets only") >= 5 and kinds.count("frequent") >= 10


@pytest.mark.parametrize("endpoint", ["api_search", "api_search_fresh"])
def test_every_query_of_both_mixes_is_answered(client, endpoint):
    for url in endpoint_urls([])[endpoint]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
