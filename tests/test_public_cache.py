"""The anonymous page cache (foundation/cache.py): what it stores, what it never stores, when it forgets."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.csp import LazyNonce

from cases.models import Case
from foundation import versions
from foundation.cache import HIT_HEADER, PublicPageCacheMiddleware, cached_by_content
from foundation.reference.models import Domain
from surveys.models import Study
from tests.factories import CaseFactory
from tests.surveys.conftest import make_study

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.CONTENT_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _middleware(view):
    return PublicPageCacheMiddleware(view)


def test_it_serves_an_anonymous_page_from_the_cache_with_one_query_the_database_s_version(
    client, django_assert_num_queries
):
    CaseFactory(title="Alliance fictive des ateliers vélo")
    first = client.get("/cas/")

    with django_assert_num_queries(1) as queries:
        second = client.get("/cas/")

    assert "FROM content_version" in queries.captured_queries[0]["sql"]
    assert first.headers[HIT_HEADER] == "miss"
    assert second.headers[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "ateliers vélo" in second.content.decode()


# Content changes bump the version when their transaction commits: these tests commit for real.


@pytest.mark.django_db(transaction=True)
def test_a_saved_case_shows_at_once_on_a_cached_page(client):
    case = CaseFactory(title="Alliance fictive des ateliers vélo")
    client.get("/cas/")

    case.title = "Alliance fictive des ateliers couture"
    case.save()
    page = client.get("/cas/")

    assert page.headers[HIT_HEADER] == "miss"
    assert "ateliers couture" in page.content.decode()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_case_hidden_by_an_update_that_sends_no_signal_leaves_the_cached_pages_at_once(client):
    hidden = CaseFactory(title="Alliance fictive des jardins ouvriers")
    CaseFactory(title="Alliance fictive des ateliers vélo")
    assert "jardins ouvriers" in client.get("/cas/").content.decode()
    assert client.get("/cas/").headers[HIT_HEADER] == "hit"

    Case.objects.filter(pk=hidden.pk).update(status=Case.Status.DRAFT)
    page = client.get("/cas/")

    assert page.headers[HIT_HEADER] == "miss"
    assert "jardins ouvriers" not in page.content.decode()
    assert "ateliers vélo" in page.content.decode()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_study_withdrawn_by_an_update_that_sends_no_signal_leaves_the_cached_pages_at_once(client):
    study = make_study("etude-retiree-fictive")
    assert client.get("/enquetes/etude-retiree-fictive/").status_code == 200
    assert client.get("/enquetes/etude-retiree-fictive/").headers[HIT_HEADER] == "hit"
    assert "etude-retiree-fictive" in client.get("/enquetes/").content.decode()

    Study.objects.filter(pk=study.pk).update(is_published=False)

    assert client.get("/enquetes/etude-retiree-fictive/").status_code == 404
    assert "etude-retiree-fictive" not in client.get("/enquetes/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_new_tag_on_a_case_forgets_the_cached_pages(client):
    case = CaseFactory()
    client.get("/cas/?domain=sante")

    case.domains.add(*Domain.objects.filter(slug="sante"))

    assert client.get("/cas/?domain=sante").headers[HIT_HEADER] == "miss"


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_the_version_changes_when_a_transaction_commits():
    before = versions.version()[0]

    with transaction.atomic():
        CaseFactory()
        CaseFactory()
        if connection.vendor == "postgresql":  # at the commit (SQLite: at once, a writer holds the database)
            assert versions.version() == (before, True)

    assert versions.version() == (versions.version()[0], False)
    assert versions.version()[0] > before


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_the_version_alone():
    before = versions.version()[0]

    with pytest.raises(RuntimeError), transaction.atomic():
        CaseFactory()
        raise RuntimeError

    assert versions.version()[0] == before


def test_a_logged_in_curator_never_gets_nor_fills_the_cache(curator_client):
    anonymous = Client()
    anonymous.get("/cas/")
    page = curator_client.get("/cas/")

    assert HIT_HEADER not in page.headers
    assert anonymous.get("/cas/").headers[HIT_HEADER] == "hit"


def test_the_admin_is_never_cached(client):
    client.get("/admin/login/")

    assert HIT_HEADER not in client.get("/admin/login/").headers


def test_the_api_is_cached_per_format(client):
    client.get("/api/v1/domains/", HTTP_ACCEPT="application/json")

    assert client.get("/api/v1/domains/", HTTP_ACCEPT="application/json").headers[HIT_HEADER] == "hit"
    assert client.get("/api/v1/domains/", HTTP_ACCEPT="*/*").headers[HIT_HEADER] == "miss"


def test_a_cached_page_gets_a_policy_without_a_nonce(client):
    client.get("/cas/")
    page = client.get("/cas/")

    assert page.headers[HIT_HEADER] == "hit"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "nonce-" not in page.headers["Content-Security-Policy"]


def test_a_page_that_used_the_csp_nonce_is_not_stored():
    def view(request):
        return HttpResponse(f'<script nonce="{request._csp_nonce}">go()</script>')

    def anonymous_get():
        request = RequestFactory().get("/cas/")
        request._csp_nonce = LazyNonce()
        return request

    middleware = _middleware(view)
    middleware(anonymous_get())

    assert HIT_HEADER not in middleware(anonymous_get()).headers


def test_a_response_that_sets_a_cookie_is_not_stored():
    def view(request):
        response = HttpResponse("bonjour")
        response.set_cookie("choix", "1")
        return response

    middleware = _middleware(view)
    middleware(RequestFactory().get("/cas/"))

    assert HIT_HEADER not in middleware(RequestFactory().get("/cas/")).headers


def test_a_visitor_with_a_session_or_credentials_bypasses_the_cache():
    middleware = _middleware(lambda request: HttpResponse("bonjour"))
    middleware(RequestFactory().get("/cas/"))
    factory = RequestFactory()

    with_session = factory.get("/cas/", HTTP_COOKIE="sessionid=abc")
    with_token = factory.get("/cas/", HTTP_AUTHORIZATION="Token abc")

    assert HIT_HEADER not in middleware(with_session).headers
    assert HIT_HEADER not in middleware(with_token).headers
    assert middleware(factory.get("/cas/")).headers[HIT_HEADER] == "hit"


def test_an_error_is_not_stored(client):
    client.get("/cas/cas-qui-n-existe-pas/")

    assert HIT_HEADER not in client.get("/cas/cas-qui-n-existe-pas/").headers


@pytest.mark.django_db(transaction=True)
def test_a_value_cached_by_content_is_computed_again_after_an_edit():
    computed = []

    def count() -> int:
        computed.append(1)
        return len(computed)

    assert cached_by_content("total", count) == 1
    assert cached_by_content("total", count) == 1
    CaseFactory()
    assert cached_by_content("total", count) == 2


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_value_cached_by_content_is_computed_again_after_an_update_that_sends_no_signal():
    hidden = CaseFactory()
    published = lambda: Case.objects.published().count()  # noqa: E731

    assert cached_by_content("published", published) == 1
    Case.objects.filter(pk=hidden.pk).update(status=Case.Status.DRAFT)

    assert cached_by_content("published", published) == 0


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_value_cached_by_content_is_not_kept_by_a_transaction_that_wrote():
    """Kept, it would outlive the transaction's rollback (SQLite counts any open transaction as written)."""
    values = iter([1, 2, 3])
    with transaction.atomic():
        CaseFactory()
        assert cached_by_content("total", lambda: next(values)) == 1
        transaction.set_rollback(True)

    assert cached_by_content("total", lambda: next(values)) == 2
    assert cached_by_content("total", lambda: next(values)) == 2


def test_nothing_is_cached_by_content_when_the_content_cache_is_off(settings):
    settings.CONTENT_CACHE = False
    values = iter([1, 2])

    assert cached_by_content("total", lambda: next(values)) == 1
    assert cached_by_content("total", lambda: next(values)) == 2
