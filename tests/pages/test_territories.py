"""`/territoires/` and `/territoires/<code>/`: the map of France and each region's cases and departments."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def _svg(content: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg .*?</svg>", content, re.S)[0])  # noqa: S314 (our own page)


def test_the_map_shades_each_region_by_its_published_cases_and_links_it(client):
    CaseFactory.create_batch(3, departments=["69"])
    CaseFactory(departments=["59"])
    CaseFactory(departments=["974"])
    response = client.get("/territoires/")
    assert response.status_code == 200
    svg = _svg(response.content.decode())
    assert svg.find(f"{SVG}title").text == "Études de cas publiées par région"
    links = {link.get("href"): link for link in svg.iter(f"{SVG}a")}
    assert len(links) == 18  # 13 metropolitan regions and 5 overseas tiles
    rhone_alpes = links["/territoires/84/"]
    assert rhone_alpes.get("aria-label") == "Auvergne-Rhône-Alpes : 3 études de cas"
    assert "level-4" in rhone_alpes.find(f"{SVG}path").get("class")
    assert "level-0" in links["/territoires/53/"].find(f"{SVG}path").get("class")
    assert links["/territoires/04/"].get("aria-label") == "La Réunion : 1 étude de cas"
    counts = [text.text for text in svg.iter(f"{SVG}text") if text.text and text.text.isdigit()]
    assert sorted(counts, key=int)[-1] == "3"
    regions = {region.code: count for region, count in response.context["regions"]}
    assert (regions["84"], regions["32"], regions["04"], regions["53"]) == (3, 1, 1, 0)


def test_the_map_has_no_style_attribute_for_the_csp(client):
    content = client.get("/territoires/").content.decode()
    assert " style=" not in content


def test_a_region_page_shows_its_departments_cases_and_map(client):
    CaseFactory(title="Cas grenoblois", departments=["38"], domains=["education"])
    CaseFactory(title="Cas bordelais", departments=["33"])
    response = client.get("/territoires/84/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Auvergne-Rhône-Alpes</h1>" in content
    assert response.context["count"] == 1
    departments = {department.code: count for department, count in response.context["departments"]}
    assert len(departments) == 12
    assert departments["38"] == 1
    assert [case.title for case in response.context["latest"]] == ["Cas grenoblois"]
    assert 'href="/cas/?region=84&amp;domain=education"' in content
    links = {link.get("href") for link in _svg(content).iter(f"{SVG}a")}
    assert "/cas/?department=38" in links
    assert len(links) == 12


def test_an_overseas_region_has_its_page_without_a_map(client):
    CaseFactory(title="Cas réunionnais", departments=["974"])
    response = client.get("/territoires/04/")
    assert response.status_code == 200
    assert response.context["map"] is None
    assert [case.title for case in response.context["latest"]] == ["Cas réunionnais"]


def test_an_unknown_region_is_a_404(client):
    assert client.get("/territoires/99/").status_code == 404
    assert client.get("/territoires/<script>/").status_code == 404
