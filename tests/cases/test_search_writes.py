"""What the search rows cost a write (PostgreSQL): a curator's save writes the case's row once, at its end,
however many relations it sets (its triggers note the changed cases inside the save,
cases.search.index.reindex_deferred); a renamed term, organisation or region rewrites only the names its
cases are filed under."""

import pytest
from django.db import connection

from cases.models import Organization
from cases.search import rebuild, search
from foundation.reference.models import Domain, Region
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory, ParticipationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _refreshes(function: str = "cases_search_refresh") -> int:
    """How many times this transaction has called `function` (by default, written whole search rows)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE funcname = %s", [function]
        )
        return cursor.fetchone()[0]


def _entry(case) -> tuple[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text, tags FROM cases_searchentry WHERE case_id = %s", [case.pk])
        return cursor.fetchone()


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


def test_a_renamed_term_organisation_or_region_rewrites_what_a_whole_write_would():
    case = CaseFactory(
        title="Jardin partagé", body="Un potager au pied des immeubles.", domains=["sante"], departments=["69"]
    )
    ParticipationFactory(case=case, organization__name="Fondation Ordinaire", organization__kind="fondation")
    before = _refreshes(), _refreshes("cases_search_renamed")
    domain = Domain.objects.get(slug="sante")
    domain.name = "Santé xylophonique"
    domain.save()
    organization = Organization.objects.get(name="Fondation Ordinaire")
    organization.name, organization.kind = "Collectivité Quetzal", "collectivite"
    organization.save()
    region = Region.objects.get(code="84")
    region.name = "Région zéphyrienne"
    region.save()
    assert (_refreshes(), _refreshes("cases_search_renamed")) == (before[0], before[1] + 3)
    renamed = _entry(case)
    assert "organization_kind:collectivite" in renamed[1]
    assert search({"q": "xylophonique quetzal zéphyrienne jardin"}, user=None).count() == 1
    assert search({"q": "ordinaire"}, user=None).count() == 0
    rebuild([case.pk])
    assert _entry(case) == renamed
