"""A resource page and the resource list in English."""

import pytest

from tests.english import english_page

pytestmark = pytest.mark.django_db


def test_a_resource_page_speaks_english(seeded):
    page = english_page("/ressources/kit-sortie-de-crise/")
    facts = page.find("dl", id="fiche")
    terms = [dt.text for dt in facts.find_all("dt")]
    assert terms[:3] == ["Kind", "Date", "Programme"]
    assert "Access" in terms
    values = {dt.text: dd.text for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"), strict=True)}
    assert values["Date"] == "not specified by the source"
    assert values["Access"] == "No link or file: the source names the resource without reproducing it."
    assert page.find("p", class_="eyebrow").text == "Kit"  # the kind's label, from the model's choices
    assert page.find("nav", class_="breadcrumb").find("a").text == "Resources"


def test_the_resource_list_speaks_english(seeded):
    page = english_page("/ressources/")
    assert page.find("h1").text == "Resources"
    count = page.find("h2", id="resultats-titre")
    assert count.text == f"{count.attrs['data-count']} resources"
    assert page.find("summary", id="filtres-titre").text == "Filters"
