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

from cases.models import Case
from observatoire.reference.services import reference_load

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


def test_every_page_of_the_sitemap_answers_on_the_demo_data(client, demo):
    sections = _paths(client, "/sitemap.xml")
    assert len(sections) >= 4
    pages = [page for section in sections for page in _paths(client, section)]
    published = Case.objects.published().count()
    assert sum(page.startswith("/cas/") and page not in {"/cas/", "/cas/nouveautes/"} for page in pages) == published
    failures = {page: client.get(page).status_code for page in pages}
    assert {page: status for page, status in failures.items() if status != 200} == {}


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


@pytest.mark.parametrize(
    "path",
    ["/cas/?q=jardins+potagers", "/cas/?q=%C3%A9cole&domain=education&sort=recent", "/api/v1/cases/?q=sant%C3%A9"],
)
def test_the_search_answers_on_the_demo_data(client, demo, path):
    assert client.get(path).status_code == 200


def test_the_open_data_dump_answers_with_every_published_case(client, demo):
    package = client.get("/donnees/datapackage.json")
    assert package.status_code == 200
    for resource in json.loads(b"".join(package.streaming_content))["resources"]:
        assert client.get(f"/donnees/{resource['path']}").status_code == 200, resource["path"]
    rows = json.loads(b"".join(client.get("/donnees/cas.json").streaming_content))
    assert len(rows) == Case.objects.published().count()


def test_the_api_schema_and_its_documentation_answer(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
