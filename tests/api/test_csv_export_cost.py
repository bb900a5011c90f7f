"""The cost of `/api/v1/cases/?format=csv`: queries by chunk, a row cap for the public, a rate of its own."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cases.models import Case
from foundation.api import viewsets
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

# For each chunk: the cases, their domains, partnership types, engagement practices, dynamics, regions,
# departments, SDGs, their organisations (one join), their photos, their documents and their observed
# impacts (one join).
QUERIES_PER_CHUNK = 12


def _ids_queries() -> int:
    """The search: on PostgreSQL, the count with the first ids in a transaction of its own (5 in a test's
    transaction: savepoint, settings, the query, rollback and release); on SQLite, a count and the ids."""
    return 5 if connection.vendor == "postgresql" else 2


def _cases(count: int, **kwargs) -> list[Case]:
    cases = CaseFactory.create_batch(count, domains=["sante", "emploi"], departments=["69", "13"], **kwargs)
    for case in cases:
        ParticipationFactory(case=case, organization=OrganizationFactory(kind="entreprise"))
        LinkFactory(case=case)
    return cases


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _export(client, django_assert_num_queries, queries: int, path: str = "/api/v1/cases/?format=csv") -> list[dict]:
    # A first search warms the connection and the cached terms: not the export's cost.
    assert client.get("/api/v1/cases/?q=chauffe").status_code == 200
    with django_assert_num_queries(queries):
        return _rows(client.get(path))


def test_an_export_costs_the_search_and_ten_queries_for_its_chunk_whatever_its_length(
    client, django_assert_num_queries
):
    _cases(3)
    assert len(_export(client, django_assert_num_queries, _ids_queries() + QUERIES_PER_CHUNK)) == 3

    _cases(17)
    assert len(_export(client, django_assert_num_queries, _ids_queries() + QUERIES_PER_CHUNK)) == 20


def test_a_longer_export_costs_twelve_queries_more_per_chunk(client, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(viewsets, "CHUNK_SIZE", 5)
    _cases(12)  # three chunks: 5, 5 and 2

    rows = _export(client, django_assert_num_queries, _ids_queries() + 3 * QUERIES_PER_CHUNK)

    assert len(rows) == 12
    assert {row["domains"] for row in rows} == {"emploi|sante"}
    assert {row["departments"] for row in rows} == {"13|69"}


def test_the_chunks_keep_the_order_of_the_search(client, monkeypatch):
    monkeypatch.setattr(viewsets, "CHUNK_SIZE", 2)
    for title in ["Charlie fictif", "Alpha fictif", "Echo fictif", "Bravo fictif", "Delta fictif"]:
        CaseFactory(title=title)

    rows = _rows(client.get("/api/v1/cases/?format=csv&sort=title"))

    assert [row["title"] for row in rows] == [
        "Alpha fictif",
        "Bravo fictif",
        "Charlie fictif",
        "Delta fictif",
        "Echo fictif",
    ]


def test_it_refuses_an_anonymous_export_past_the_cap_and_points_to_the_dump(client, settings):
    settings.API_CSV_ANON_MAX_ROWS = 3
    _cases(4)

    response = client.get("/api/v1/cases/?format=csv")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["max_rows"] == 3
    assert "plus de 3 études de cas" in body["detail"]
    assert "http://testserver/donnees/cas.csv" in body["detail"]
    assert body["opendata"] == {
        "page": "http://testserver/donnees/",
        "cas.csv": "http://testserver/donnees/cas.csv",
        "cas.json": "http://testserver/donnees/cas.json",
        "datapackage.json": "http://testserver/donnees/datapackage.json",
    }


def test_an_anonymous_export_within_the_cap_is_whole(client, settings):
    settings.API_CSV_ANON_MAX_ROWS = 3
    _cases(4, title="Alliance fictive du sud")
    CaseFactory(title="Alliance fictive du nord")

    assert client.get("/api/v1/cases/?format=csv").status_code == 400
    assert len(_rows(client.get("/api/v1/cases/?format=csv&q=nord"))) == 1


def test_a_logged_in_reader_without_permission_has_the_public_cap(client, reader, settings):
    settings.API_CSV_ANON_MAX_ROWS = 3
    _cases(4)
    client.force_login(reader)

    assert client.get("/api/v1/cases/?format=csv").status_code == 400


def test_a_curator_exports_every_case_drafts_included(curator_client, settings):
    settings.API_CSV_ANON_MAX_ROWS = 3
    _cases(4)
    CaseFactory(slug="brouillon-fictif", status=Case.Status.DRAFT, published_at=None)

    rows = _rows(curator_client.get("/api/v1/cases/?format=csv"))

    assert len(rows) == 5
    assert "brouillon-fictif" in {row["slug"] for row in rows}


@pytest.fixture
def csv_rate(monkeypatch, settings):
    """Two CSV exports a minute, the other rates as the suite has them (see tests/api/test_throttling.py)."""
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "csv": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)
    cache.clear()
    yield
    cache.clear()


def test_csv_exports_have_a_rate_of_their_own(client, csv_rate):
    CaseFactory()

    statuses = [client.get("/api/v1/cases/?format=csv").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/cases/").status_code == 200  # the JSON list is not an export
    assert client.get("/api/v1/domains/?format=csv").status_code == 429
