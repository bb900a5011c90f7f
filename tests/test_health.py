"""/sante/ tells a load balancer whether the database and the cache answer, and tells strangers nothing more."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

BROKEN_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def broken_cache(settings):
    settings.CACHES = BROKEN_CACHE
    # The page cache is on in production: the check must not go through it.
    settings.PUBLIC_CACHE_SECONDS = 60


@pytest.fixture
def broken_database(monkeypatch):
    def refuse():
        raise OperationalError("connexion refusée")

    monkeypatch.setattr(connection, "cursor", refuse)


@pytest.mark.parametrize("url", ["/sante/", "/healthz"])
def test_it_answers_ok_when_the_database_and_the_cache_answer(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_sets_no_cookie_and_is_never_cached():
    response = Client().get("/sante/")
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert "X-Public-Cache" not in response.headers


def test_it_answers_503_without_details_when_the_cache_fails(broken_cache):
    response = Client().get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"status": "erreur"}


def test_it_answers_503_without_details_when_the_database_fails(broken_database):
    response = Client().get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"status": "erreur"}


def test_the_configured_token_shows_which_check_failed(broken_cache, settings):
    settings.HEALTH_TOKEN = "jeton-de-supervision"
    body = Client().get("/sante/", headers={"X-Health-Token": "jeton-de-supervision"}).json()
    assert body["status"] == "erreur"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("erreur : ConnectionError")


def test_a_wrong_token_shows_nothing_more(settings):
    settings.HEALTH_TOKEN = "jeton-de-supervision"
    assert Client().get("/sante/", headers={"X-Health-Token": "autre"}).json() == {"status": "ok"}


def test_no_token_configured_means_no_token_accepted(settings):
    settings.HEALTH_TOKEN = ""
    assert Client().get("/sante/", headers={"X-Health-Token": ""}).json() == {"status": "ok"}


def test_a_staff_member_sees_each_check(staff_client):
    assert staff_client.get("/sante/").json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok", "content": "ok"},
    }


def test_a_logged_in_reader_sees_no_details(client, reader):
    client.force_login(reader)
    assert client.get("/sante/").json() == {"status": "ok"}


def test_it_is_not_in_the_sitemap():
    index = Client().get("/sitemap.xml").content.decode()
    sections = [line.split("<loc>")[1].split("</loc>")[0] for line in index.splitlines() if "<loc>" in line]
    assert sections
    for section in sections:
        assert "/sante/" not in Client().get(section).content.decode()


def test_it_is_reached_over_plain_http_even_when_https_is_enforced(settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/sante/").status_code == 200
    assert Client().get("/a-propos/").status_code == 301


def test_a_case_without_search_data_is_reported(staff_client):
    CaseFactory(title="Cas sans recherche")
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM cases_searchentry" if connection.vendor == "postgresql" else "DELETE FROM cases_search_fts"
        )
    response = staff_client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"].startswith("erreur : RuntimeError: 1 étude(s) de cas sans données")


@pytest.mark.sqlite
def test_a_stale_search_row_is_reported(staff_client):
    case = CaseFactory(title="Recyclerie du quartier")
    first = staff_client.get("/sante/")
    assert first.status_code == 200, first.json()
    # A write that bypassed the search (a restore with its triggers off, a hand-made copy): the row still
    # holds the former title.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE cases_searchentry SET title_vector = to_tsvector('french_unaccent', 'Ancien titre')"
                " WHERE case_id = %s",
                [case.pk],
            )
        else:
            cursor.execute("UPDATE cases_search_fts SET title = 'ancien titre' WHERE rowid = %s", [case.pk])
    response = staff_client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == (
        "erreur : RuntimeError: 1 étude(s) de cas sans données de recherche à jour (manage.py reindex_cases)"
    )


@pytest.mark.postgres
@pytest.mark.parametrize("trigger", ["search_after_update", "search_words_after_update"])
def test_a_disabled_search_trigger_is_reported(staff_client, trigger):
    assert staff_client.get("/sante/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE cases_case DISABLE TRIGGER {trigger}")
    response = staff_client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == (
        "erreur : RuntimeError: 1 déclencheur(s) de recherche absent(s) ou désactivé(s) (manage.py migrate)"
    )


@pytest.mark.sqlite
def test_a_dropped_search_trigger_is_reported(staff_client):
    assert staff_client.get("/sante/").status_code == 200
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER search_after_insert ON cases_case_domains")
        else:
            cursor.execute("DROP TRIGGER cases_case_domains_search_after_insert")
    response = staff_client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == (
        "erreur : RuntimeError: 1 déclencheur(s) de recherche absent(s) ou désactivé(s) (manage.py migrate)"
    )


@pytest.mark.sqlite
def test_a_content_table_whose_writes_no_longer_move_the_version_is_reported(staff_client):
    assert staff_client.get("/sante/").status_code == 200
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE surveys_study DISABLE TRIGGER content_version_after_write")
        else:
            cursor.execute("DROP TRIGGER surveys_study_content_after_update")
    response = staff_client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["content"] == (
        "erreur : RuntimeError: 1 déclencheur(s) de version du contenu absent(s) ou désactivé(s) : les pages et "
        "fichiers gardés ne suivraient plus leurs écritures (manage.py migrate)"
    )
    assert response.json()["checks"]["search"] == "ok"
