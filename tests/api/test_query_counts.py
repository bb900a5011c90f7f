"""A list costs the same number of queries whatever its page size or the size of the base."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.search import reindex_deferred
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _queries(client: Client, path: str) -> int:
    # The first search after an edit reindexes and loads the search's state: not the list's own cost.
    assert client.get("/api/v1/cases/?q=chauffe").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        assert response.status_code == 200
    return len(captured.captured_queries)


def _cases(count: int) -> None:
    with reindex_deferred():
        for case in CaseFactory.create_batch(count, domains=["sante", "emploi"], departments=["69", "13"]):
            ParticipationFactory(case=case, organization=OrganizationFactory(kind="entreprise"))
            LinkFactory(case=case)


def test_the_case_list_costs_the_same_for_page_size_10_and_100(client):
    _cases(120)
    with_ten = _queries(client, "/api/v1/cases/?page_size=10&domain=sante")
    with_hundred = _queries(client, "/api/v1/cases/?page_size=100&domain=sante")
    assert with_ten == with_hundred


def test_the_case_list_costs_the_same_for_10_and_120_cases(curator_client):
    _cases(10)
    with_ten = _queries(curator_client, "/api/v1/cases/?page_size=100")
    _cases(110)
    assert _queries(curator_client, "/api/v1/cases/?page_size=100") == with_ten


def test_the_organisation_list_costs_the_same_as_it_grows(client):
    _cases(5)
    few = _queries(client, "/api/v1/organizations/?page_size=100")
    _cases(60)
    assert _queries(client, "/api/v1/organizations/?page_size=100") == few
