"""The content's version (PostgreSQL), kept by the database (foundation.versions): what is kept until the
content changes (the search's unfiltered list, its facets, the counts a common word starts from; the home
page's totals) follows every committed write, including those that send Django no signal; a transaction that
has written reads its own answer and keeps none. These tests commit for real."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from cases.models import Case
from cases.search import rebuild, search
from tests.factories import CaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def content_cache(settings):
    """As in production: every case's answer kept until the content changes; the pages themselves are not."""
    settings.CONTENT_CACHE = True
    settings.PUBLIC_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def _version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM content_version")
        return cursor.fetchone()[0]


def _domain_count(result, slug: str) -> int:
    return next((item["count"] for item in result.facets["domain"] if item["value"] == slug), 0)


def test_an_update_that_sends_no_signal_is_followed_by_the_answer_kept_for_every_case(client):
    hidden = CaseFactory(title="Alliance fictive des jardins ouvriers", domains=["sante"])
    CaseFactory(title="Alliance fictive des ateliers vélo", domains=["sante"])
    before = search({}, user=None)
    assert (len(before), _domain_count(before, "sante")) == (2, 2)
    assert "jardins ouvriers" in client.get("/cas/").content.decode()

    Case.objects.filter(pk=hidden.pk).update(status=Case.Status.DRAFT)

    after = search({}, user=None)
    assert (len(after), _domain_count(after, "sante")) == (1, 1)
    assert [case.title for case in after[0:20]] == ["Alliance fictive des ateliers vélo"]
    assert "jardins ouvriers" not in client.get("/cas/").content.decode()
    assert "jardins ouvriers" not in client.get("/cas/flux/").content.decode()
    assert client.get("/api/v1/cases/").json()["count"] == 1


def test_the_version_moves_once_per_transaction_when_it_commits():
    first, second = CaseFactory(), CaseFactory()
    before = _version()
    with transaction.atomic():
        Case.objects.filter(pk=first.pk).update(title="Un autre titre")
        Case.objects.filter(pk=second.pk).update(status=Case.Status.DRAFT)
        assert _version() == before
    after = _version()
    assert after > before
    with transaction.atomic():
        list(Case.objects.all())  # a reading transaction leaves it alone
    assert _version() == after
    rebuild()  # a repair of the search data too
    assert _version() > after


def test_a_writing_transaction_reads_its_own_answer_and_a_rolled_back_one_leaves_nothing_behind():
    case = CaseFactory(domains=["sante"])
    CaseFactory(domains=["sante"])
    before = _version()
    assert len(search({}, user=None)) == 2
    with pytest.raises(RuntimeError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
        inside = search({}, user=None)
        assert (len(inside), _domain_count(inside, "sante")) == (1, 1)
        raise RuntimeError
    assert _version() == before
    after = search({}, user=None)
    assert (len(after), _domain_count(after, "sante")) == (2, 2)


def test_the_home_page_totals_follow_an_update_that_sends_no_signal(client):
    hidden = CaseFactory()
    CaseFactory()
    published = re.compile(r"<strong>(\d+)</strong> études? de cas publiées?")
    assert published.search(client.get("/").content.decode()).group(1) == "2"

    Case.objects.filter(pk=hidden.pk).update(status=Case.Status.DRAFT)

    assert published.search(client.get("/").content.decode()).group(1) == "1"
