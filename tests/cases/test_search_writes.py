"""A curator's save writes the case's search row once, at its end, however many relations it sets
(PostgreSQL: its triggers note the changed cases inside the save, cases.search.index.reindex_deferred)."""

import pytest
from django.db import connection

from cases.search import search
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _refreshes() -> int:
    """How many times this transaction has written search rows (`cases_search_refresh` calls)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE funcname = 'cases_search_refresh'"
        )
        return cursor.fetchone()[0]


@pytest.fixture(autouse=True)
def counted_calls():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL track_functions = 'all'")


def test_a_save_of_the_change_form_writes_the_search_row_once(curator_client):
    case = CaseFactory(title="Cas avant", domains=["sante"], departments=["69"])
    data = change_form_data(curator_client.get(f"/admin/cases/case/{case.pk}/change/"))
    data.update({"title": "Cas après la relecture", "domains": ["1", "2"], "departments": ["75"]})
    before = _refreshes()
    response = curator_client.post(f"/admin/cases/case/{case.pk}/change/", data)
    assert response.status_code == 302
    assert _refreshes() - before == 1
    assert [found.title for found in search({"q": "relecture"}, user=None)[0:5]] == ["Cas après la relecture"]
    assert search({"q": "relecture", "department": ["75"]}, user=None).count() == 1


def test_a_write_through_the_api_writes_the_search_row_once(curator_client):
    case = CaseFactory(title="Cas avant", domains=["sante"])
    before = _refreshes()
    response = curator_client.patch(
        f"/api/v1/cases/{case.slug}/",
        {"title": "Cas après l'API", "domains": ["emploi"], "departments": ["13", "84"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert _refreshes() - before == 1
    assert search({"q": "après", "domain": ["emploi"], "region": ["93"]}, user=None).count() == 1
