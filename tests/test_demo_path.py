"""The demo's path: every page the sitemap lists and every API resource answers on the demo data.

This module runs on SQLite too (marker `sqlite`): it is what a newcomer's `make demo` serves. The pages
and endpoints are discovered from the sitemap and the API root, so a new page or resource is covered as
soon as it is listed there.
"""

import io
import json
import re
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from cases.models import Case
from foundation.reference.models import Domain
from foundation.reference.services import reference_load
from tests.html import find

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db]

LOC = re.compile(r"<loc>([^<]+)</loc>")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (once per test worker), as `make demo` loads it, and removed after it."""
    with django_db_blocker.unblock():
        call_command("load_demo", synthetic=12, seed=1, stdout=io.StringIO())
        call_command("build_opendata", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        reference_load()


def _paths(client, sitemap_path: str) -> list[str]:
    response = client.get(sitemap_path)
    assert response.status_code == 200, sitemap_path
    return [urlparse(url).path for url in LOC.findall(response.content.decode())]


def test_every_page_of_the_sitemap_answers_on_the_demo_data_in_both_languages(client, demo):
    """Among the suite's slowest tests, on purpose: it opens every page the sitemap lists, in French and in
    English, so that a page is covered on the demo data as soon as it is listed."""
    sections = _paths(client, "/sitemap.xml")
    assert len(sections) >= 4
    pages = [page for section in sections for page in _paths(client, section)]
    english = [page for page in pages if page.startswith("/en/")]
    assert sorted(f"/en{page}" for page in pages if not page.startswith("/en/")) == sorted(english)
    published = Case.objects.published().count()
    assert sum(page.startswith("/cas/") and page not in {"/cas/", "/cas/nouveautes/"} for page in pages) == published
    failures = {}
    for page in pages:
        response = client.get(page)
        if (found := _language_check(page, response)) is not None:
            failures[page] = found
    assert failures == {}


HTML_LANG = re.compile(r'<html lang="(\w+)"')
HREFLANG = re.compile(r'<link rel="alternate" hreflang="([\w-]+)" href="http://testserver([^"]+)">')


def _language_check(page: str, response) -> object:
    """None when the page answers 200 in the language of its address, naming both versions and French as
    the default; else what is wrong."""
    if response.status_code != 200:
        return response.status_code
    html = response.content.decode()
    french = page[len("/en") :] if page.startswith("/en/") else page
    expected = ("en" if page.startswith("/en/") else "fr", {"fr": french, "en": f"/en{french}", "x-default": french})
    found = (HTML_LANG.search(html).group(1), dict(HREFLANG.findall(html)))
    return None if found == expected else found


def test_every_api_resource_answers_as_a_list_and_as_csv_where_offered(client, demo):
    root = client.get("/api/v1/")
    assert root.status_code == 200
    links = {name: urlparse(url).path for name, url in root.json().items() if "://" in str(url)}
    resources = {name: path for name, path in links.items() if path.startswith("/api/v1/")}
    assert {"cases", "studies", "questions", "figures", "domains", "regions"} <= set(resources)
    for name, path in resources.items():
        listing = client.get(path)
        assert listing.status_code == 200, name
        body = listing.json()
        items = body["results"] if isinstance(body, dict) else body
        if items and "url" in items[0]:
            assert client.get(urlparse(items[0]["url"]).path).status_code == 200, name
    for path in (
        "/api/v1/cases/?format=csv&q=emploi",
        "/api/v1/figures/?format=csv",
        "/api/v1/indicator-values/?format=csv&indicator=taux_pauvrete_60",
    ):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv"), path


def _card_titles(content: bytes) -> list[str]:
    return [title.text for title in find(content, "ol", class_="cards").find_all("h3", class_="card-title")]


def _a_demo_case() -> Case:
    return Case.objects.published().filter(is_fictitious=True).order_by("slug").first()


def test_a_search_by_words_finds_the_demo_case_they_come_from(client, demo):
    case = _a_demo_case()
    response = client.get("/cas/", {"q": case.title})
    assert response.status_code == 200
    assert case.title in _card_titles(response.content)


def test_a_search_by_a_filter_sorted_by_date_lists_the_demo_cases_it_holds(client, demo):
    domain = Domain.objects.annotate(n=Count("case", filter=Q(case__status=Case.Status.PUBLISHED))).order_by("-n")[0]
    expected = list(
        Case.objects.published().filter(domains=domain).order_by("-published_at").values_list("title", flat=True)
    )
    assert expected, "the demo holds cases in its largest domain"
    response = client.get("/cas/", {"domain": domain.slug, "sort": "recent"})
    assert find(response.content, "h2", id="resultats-titre").attrs["data-count"] == str(len(expected))
    assert _card_titles(response.content) == expected[:20]


def test_the_api_search_finds_the_demo_case_its_words_come_from(client, demo):
    case = _a_demo_case()
    response = client.get("/api/v1/cases/", {"q": case.title})
    assert response.status_code == 200
    assert case.slug in [item["slug"] for item in response.json()["results"]]


def test_the_open_data_dump_answers_with_every_published_case(client, demo):
    package = client.get("/donnees/datapackage.json")
    assert package.status_code == 200
    for resource in json.loads(b"".join(package.streaming_content))["resources"]:
        assert client.get(f"/donnees/{resource['path']}").status_code == 200, resource["path"]
    rows = json.loads(b"".join(client.get("/donnees/cas.json").streaming_content))
    assert len(rows) == Case.objects.published().count()


def test_the_api_schema_describes_the_cases_resource(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "get" in schema["paths"]["/api/v1/cases/"]


def test_the_api_documentation_page_reads_the_schema(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "/api/schema/" in response.content.decode()
