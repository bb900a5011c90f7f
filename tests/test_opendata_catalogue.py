"""The DCAT-AP catalogue of the open data (/donnees/catalogue.jsonld and .ttl): it parses, every node holds
the properties DCAT-AP makes mandatory, and the recommended ones say what the files are."""

import pytest
from django.core.cache import cache
from rdflib import Graph, Namespace, URIRef

from observatoire import opendata
from observatoire.opendata.tables import DATASETS
from tests.factories import CaseFactory
from tests.profile_data import make_indicator, make_values
from tests.surveys.conftest import make_grid, make_study

pytestmark = pytest.mark.django_db

# Open namespaces: pytest's collection probes module attributes, which rdflib's closed ones warn about.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
BASE = "http://testserver/donnees/"
ETALAB = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
# For each class, the properties DCAT-AP makes mandatory.
MISSING_MANDATORY = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?node ?property WHERE {
  VALUES (?class ?property) {
    (dcat:Catalog dct:title) (dcat:Catalog dct:description) (dcat:Catalog dct:publisher) (dcat:Catalog dcat:dataset)
    (dcat:Dataset dct:title) (dcat:Dataset dct:description)
    (dcat:Distribution dcat:accessURL)
    (foaf:Agent foaf:name)
    (dct:LicenseDocument dct:title)
  }
  ?node a ?class .
  FILTER NOT EXISTS { ?node ?property ?value }
}
"""
COUNT = "SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {{ ?node a {cls} }}"
PREFIXES = {"dcat": DCAT, "dct": DCTERMS}


@pytest.fixture(autouse=True)
def storage(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    monkeypatch.setattr(opendata, "_start_build", lambda version: None)
    yield
    cache.clear()


@pytest.fixture
def package():
    CaseFactory(slug="cas-fictif-2015", start_year=2015, end_year=2018)
    CaseFactory(slug="cas-fictif-2020", start_year=2020, end_year=None)
    make_grid(make_study("etude-fictive-catalogue"))
    indicator = make_indicator("taux-fictif", "plus-fragile", ["sante"])
    make_values(indicator, "region", {"84": "12.5", "11": "9"}, year=2022)
    return opendata.build()


def _graph(client, ext: str = "jsonld") -> Graph:
    response = client.get(f"/donnees/catalogue.{ext}")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format={"jsonld": "json-ld", "ttl": "turtle"}[ext])


def _count(graph: Graph, cls: str) -> int:
    return int(next(iter(graph.query(COUNT.format(cls=cls), initNs=PREFIXES)))[0])


def test_every_node_holds_the_mandatory_properties_in_json_ld_and_turtle(client, package):
    for ext in ("jsonld", "ttl"):
        graph = _graph(client, ext)

        assert list(graph.query(MISSING_MANDATORY)) == []
        assert _count(graph, "dcat:Catalog") == 1
        assert _count(graph, "dcat:Dataset") == len(DATASETS) == 5
        assert _count(graph, "dcat:Distribution") == len(package["resources"])


def test_the_query_finds_a_dataset_without_its_title(client, package):
    graph = _graph(client)
    dataset = URIRef(f"{BASE}#enquetes")
    graph.remove((dataset, DCTERMS.title, None))

    assert [(node, prop) for node, prop in graph.query(MISSING_MANDATORY)] == [(dataset, DCTERMS.title)]


def test_the_catalogue_is_served_as_json_ld_and_turtle(client, package):
    jsonld = client.get("/donnees/catalogue.jsonld")
    turtle = client.get("/donnees/catalogue.ttl")

    assert jsonld["Content-Type"] == "application/ld+json"
    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    assert jsonld["X-Content-Version"] == package["version"]


def test_each_distribution_says_its_address_type_size_and_licence(client, package):
    graph = _graph(client)
    by_url = {str(graph.value(node, DCAT.downloadURL)): node for node in graph.subjects(DCAT.accessURL, None)}

    for resource in package["resources"]:
        node = by_url[f"{BASE}{resource['path']}"]
        assert int(graph.value(node, DCAT.byteSize)) == resource["bytes"]
        assert str(graph.value(node, DCAT.mediaType)).endswith(resource["mediatype"])
    assert graph.value(by_url[f"{BASE}valeurs-indicateurs.csv"], DCTERMS.license) == ETALAB
    assert graph.value(by_url[f"{BASE}chiffres.csv"], DCTERMS.license) is None  # no licence set: none claimed


def test_the_datasets_say_their_period_place_and_themes(client, package):
    graph = _graph(client)
    cases = URIRef(f"{BASE}#etudes-de-cas")
    period = graph.value(cases, DCTERMS.temporal)

    assert str(graph.value(period, DCAT.startDate)) == "2015-01-01"
    assert str(graph.value(period, DCAT.endDate)) == "2020-12-31"
    assert graph.value(cases, DCTERMS.spatial) == URIRef("http://publications.europa.eu/resource/authority/country/FRA")
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI") in set(
        graph.objects(cases, DCAT.theme)
    )
    indicators = URIRef(f"{BASE}#indicateurs")
    assert str(graph.value(graph.value(indicators, DCTERMS.temporal), DCAT.startDate)) == "2022-01-01"
    assert graph.value(cases, DCAT.contactPoint) is not None


def test_a_licence_set_for_the_observatory_is_in_the_catalogue_and_the_package(client, settings):
    settings.CONTENT_LICENCE_NAME = "Licence fictive de démonstration"
    settings.CONTENT_LICENCE_URL = "https://example.org/licence-fictive"
    CaseFactory()
    package = opendata.build()
    graph = _graph(client)

    licence = URIRef("https://example.org/licence-fictive")
    assert graph.value(URIRef(f"{BASE}catalogue"), DCTERMS.license) == licence
    assert graph.value(URIRef(f"{BASE}#cas"), DCTERMS.license) == licence
    assert package["licenses"] == [{"title": "Licence fictive de démonstration", "path": str(licence)}]
    assert "sous Licence fictive de démonstration" in package["description"]


def test_before_the_first_build_the_catalogue_is_a_503(client):
    response = client.get("/donnees/catalogue.jsonld")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"


def test_the_pages_point_to_the_catalogue_from_their_head(client, package):
    for path in ("/donnees/", "/"):
        head = client.get(path).content.decode().split("</head>")[0]
        assert '<link rel="alternate" type="application/ld+json"' in head
        assert 'href="/donnees/catalogue.jsonld"' in head
    body = client.get("/donnees/").content.decode().split("<main")[1]
    assert 'href="/donnees/catalogue.jsonld"' in body and 'href="/donnees/catalogue.ttl"' in body
