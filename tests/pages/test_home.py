import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CaseFactory, ParticipationFactory
from tests.html import find

pytestmark = pytest.mark.django_db


def test_it_shows_the_search_box_numbers_map_latest_cases_and_domains(client):
    ParticipationFactory(
        case=CaseFactory(title="Cas du Rhône", departments=["69"], domains=["sante"], is_fictitious=False)
    )
    CaseFactory(title="Cas du Nord", departments=["59"], domains=["sante"])
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    numbers = response.context["numbers"]
    assert (numbers["cases"], numbers["fictitious"], numbers["organizations"]) == (2, 1, 1)
    assert (numbers["departments"], numbers["regions"]) == (2, 2)
    assert 'action="/cas/"' in content
    assert "dont 1 fictive" in content
    regions = {
        link.attrs["href"]: link.attrs["aria-label"]
        for link in find(content, "section", **{"aria-labelledby": "carte-accueil-titre"}).find("svg").find_all("a")
    }
    assert regions["/territoires/84/"] == "Auvergne-Rhône-Alpes : 1 étude de cas"
    assert regions["/territoires/32/"] == "Hauts-de-France : 1 étude de cas"
    assert [case.title for case in response.context["latest"]] == ["Cas du Nord", "Cas du Rhône"]
    domains = {domain.slug: count for _group, items in response.context["domain_groups"] for domain, count in items}
    assert len(domains) == 16
    assert domains["sante"] == 2
    assert domains["education"] == 0
    assert 'href="/domaines/sante/"' in content


def test_the_query_count_does_not_grow_with_cases(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured.captured_queries)

    CaseFactory.create_batch(10, domains=["sante"], departments=["69"])
    with_ten = queries()
    CaseFactory.create_batch(40, domains=["education"], departments=["33"])
    assert queries() == with_ten
