"""French at the site's addresses, English under /en/: the page's language, its alternates, the switcher,
the error pages and the page cache (foundation/languages.py, observatoire/context_processors.py)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import translation

from foundation.cache import HIT_HEADER
from observatoire import errors
from tests.html import find

pytestmark = pytest.mark.django_db


def _lang(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def _alternates(response) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', response.content.decode()))


def _switcher(response) -> list[tuple[str, str, str]]:
    nav = find(response.content, "nav", class_="language-switch")
    return [(link.attrs["href"], link.attrs["lang"], link.text) for link in nav.find_all("a")]


def test_french_stays_at_the_sites_addresses_and_english_is_under_en(client):
    french, english = client.get("/domaines/"), client.get("/en/domaines/")

    assert (french.status_code, _lang(french), find(french.content, "h1").text) == (200, "fr", "Domaines de fragilité")
    assert (english.status_code, _lang(english), find(english.content, "h1").text) == (200, "en", "Fragility domains")
    assert english["Content-Language"] == "en"


def test_accept_language_does_not_change_a_pages_language(client):
    response = client.get("/domaines/", HTTP_ACCEPT_LANGUAGE="en")

    assert _lang(response) == "fr"
    assert find(response.content, "h1").text == "Domaines de fragilité"


def test_a_page_names_its_versions_in_both_languages_and_french_as_the_default(client):
    response = client.get("/en/domaines/")

    assert _alternates(response) == {
        "fr": "http://testserver/domaines/",
        "en": "http://testserver/en/domaines/",
        "x-default": "http://testserver/domaines/",
    }
    html = response.content.decode()
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:locale:alternate" content="fr_FR">' in html


def test_the_switcher_keeps_the_page_and_its_query(client):
    french = client.get("/territoires/?niveau=departement")
    english = client.get("/en/territoires/?niveau=departement")

    assert _switcher(french) == [("/en/territoires/?niveau=departement", "en", "English")]
    assert _switcher(english) == [("/territoires/?niveau=departement", "fr", "Français")]


def test_the_header_links_stay_in_the_pages_language(client):
    nav = find(client.get("/en/domaines/").content, "nav", **{"aria-label": "Main navigation"})

    links = [(link.attrs["href"], link.text, link.attrs.get("aria-current")) for link in nav.find_all("a")]
    assert links == [
        ("/en/cas/", "Case studies", None),
        ("/en/territoires/", "Territories", None),
        ("/en/domaines/", "Domains", "page"),
        ("/en/enquetes/", "Surveys", None),
        ("/en/a-propos/", "About", None),
    ]


def test_a_missing_english_page_is_an_english_404_whose_switcher_leads_home(client):
    response = client.get("/en/nulle-part/")

    assert response.status_code == 404
    assert (_lang(response), find(response.content, "h1").text) == ("en", "Page not found")
    assert _alternates(response) == {}
    assert _switcher(response) == [("/", "fr", "Français")]


def test_a_csrf_failure_on_an_english_page_is_an_english_403_saying_why():
    response = Client(enforce_csrf_checks=True).post("/en/a-propos/", {})

    assert response.status_code == 403
    assert (_lang(response), find(response.content, "h1").text) == ("en", "Access denied")
    assert find(response.content, "p", class_="notice-error").text.startswith("The form's security token has expired")


def test_a_server_error_on_an_english_page_is_in_english():
    with translation.override("en"):
        response = errors.server_error(RequestFactory().get("/en/cas/"))

    assert response.status_code == 500
    assert (_lang(response), find(response.content, "h1").text) == ("en", "Site error")


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_never_serves_one_language_for_the_other(client, page_cache):
    client.get("/domaines/")
    english = client.get("/en/domaines/")
    french = client.get("/domaines/")

    assert (english.headers[HIT_HEADER], _lang(english)) == ("miss", "en")
    assert (french.headers[HIT_HEADER], _lang(french)) == ("hit", "fr")


def test_the_page_cache_keys_the_apis_answers_by_the_language_asked_for(client, page_cache):
    client.get("/api/v1/domains/", HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get("/api/v1/domains/", HTTP_ACCEPT_LANGUAGE="en")
    again = client.get("/api/v1/domains/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")

    assert (english.status_code, english.headers[HIT_HEADER], english["Content-Language"]) == (200, "miss", "en")
    assert (again.headers[HIT_HEADER], again["Content-Language"]) == ("hit", "en")


@pytest.mark.parametrize(
    ("accept_language", "detail"),
    [
        ("", "Un nombre entier d'au moins 1 est attendu."),
        ("fr-FR,fr;q=0.9", "Un nombre entier d'au moins 1 est attendu."),
        ("en-GB,en;q=0.9", "An integer of at least 1 is expected."),
        ("de", "Un nombre entier d'au moins 1 est attendu."),
    ],
)
def test_the_apis_error_messages_follow_accept_language(client, accept_language, detail):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/api/v1/cases/?page=0", **headers)

    assert response.status_code == 400
    assert response.json() == {"page": [detail]}


def test_the_apis_unknown_address_answers_in_the_language_asked_for(client):
    french = client.get("/api/v1/nulle-part/")
    english = client.get("/api/v1/nulle-part/", HTTP_ACCEPT_LANGUAGE="en")

    assert french.json()["detail"] == "Cette adresse ne correspond à aucune ressource de l'API (voir /api/docs/)."
    assert english.json()["detail"] == "This address matches no resource of the API (see /api/docs/)."
    assert (french["Content-Language"], english["Content-Language"]) == ("fr", "en")
