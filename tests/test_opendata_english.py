"""The open data's descriptions in English beside the French: the package, its datasets, resources and columns
carry `title_en` / `description_en` (extra properties, which the Data Package standard allows), and the DCAT
catalogue gives each title and description in both languages."""

import pytest
from django.utils import translation
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from observatoire import opendata
from observatoire.opendata import dcat
from observatoire.opendata.tables import TABLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def package():
    files = {
        f"{table.name}.{file_format}": (10, "0" * 64)
        for table in TABLES
        for file_format in (["csv", "json"] if table.json else ["csv"])
    }
    # Built while an English page is active: the French properties stay French all the same.
    with translation.override("en"):
        return opendata.descriptor(7, {table.name: 0 for table in TABLES}, "2026-01-01T00:00:00+00:00", files)


def test_the_package_says_what_it_holds_in_french_and_in_english(package):
    assert package["title"] == "Observatoire des partenariats — études de cas, enquêtes, indicateurs et référentiels"
    assert package["title_en"] == "Observatoire des partenariats — case studies, surveys, indicators and reference data"
    assert package["description"].startswith("Tout ce que la base publie :")
    assert package["description_en"].startswith("Everything the base publishes:")
    assert "licence to be stated by the Observatoire des partenariats" in package["description_en"]
    assert package["datasets"]["enquetes"]["title_en"] == "Results of the Observatoire's surveys (PHARE, IMPACT)"
    assert package["sources"][2]["title_en"] == (
        "Official indicators: their producer, source table and licence are in the indicators table."
    )


def test_each_resource_and_column_has_its_english_description(package):
    cases = next(resource for resource in package["resources"] if resource["name"] == "cas")
    assert (cases["title"], cases["title_en"]) == ("Études de cas publiées", "Published case studies")
    domains = next(field for field in cases["schema"]["fields"] if field["name"] == "domains")
    assert domains["description"] == "Domaines de fragilité, slugs séparés par « | » (table domaines)."
    assert domains["description_en"] == "Fragility domains, slugs separated by « | » (domaines table)."
    figures = next(resource for resource in package["resources"] if resource["name"] == "chiffres")
    base = next(field for field in figures["schema"]["fields"] if field["name"] == "base")
    assert (base["unit"], base["unit_en"]) == ("personnes ou organisations", "people or organisations")
    vocabulary = next(resource for resource in package["resources"] if resource["name"] == "pratiques-engagement")
    assert vocabulary["description_en"] == (
        "Engagement practices: the Observatoire's vocabulary, with its source's definitions."
    )
    fields = [field for resource in package["resources"] for field in resource["schema"]["fields"]]
    assert all(field["description_en"] for field in fields)
    # A few read the same in both languages ("Description.", "Programme (slug).", "Impacts"); no more.
    assert sum(field["description_en"] == field["description"] for field in fields) <= 6


def test_the_catalogue_gives_titles_and_descriptions_in_both_languages(package):
    graph = dcat.catalogue(package, "https://example.org/donnees/")

    titles = set(graph.objects(URIRef("https://example.org/donnees/catalogue"), DCTERMS.title))
    assert titles == {Literal(package["title"], lang="fr"), Literal(package["title_en"], lang="en")}
    distribution = URIRef("https://example.org/donnees/#cas-json")
    assert Literal("Published case studies (JSON)", lang="en") in set(graph.objects(distribution, DCTERMS.title))
    descriptions = set(graph.objects(URIRef("https://example.org/donnees/#indicateurs"), DCTERMS.description))
    assert {literal.language for literal in descriptions} == {"fr", "en"}
