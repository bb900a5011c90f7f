import re

import pytest

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_robots_are_kept_off_searches_and_given_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /cas/?" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_indexes_pages_territories_domains_and_cases(client):
    CaseFactory(slug="un-cas")
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", index)
    assert sections == [
        "/sitemap-pages.xml",
        "/sitemap-territoires.xml",
        "/sitemap-departements.xml",
        "/sitemap-domaines.xml",
        "/sitemap-cas.xml",
        "/sitemap-organisations.xml",
        "/sitemap-collections.xml",
        "/sitemap-odd.xml",
        "/sitemap-enquetes.xml",
        "/sitemap-questions.xml",
        "/sitemap-programmes.xml",
        "/sitemap-ressources.xml",
    ]
    locations = []
    for section in sections:
        response = client.get(section)
        assert response.status_code == 200
        locations += re.findall(r"<loc>http://testserver(/[^<]*)</loc>", response.content.decode())
    for expected in [
        "/",
        "/cas/",
        "/territoires/",
        "/territoires/france/",
        "/a-propos/",
        "/territoires/84/",
        "/territoires/departements/2A/",
        "/domaines/sante/",
        "/cas/un-cas/",
        "/programmes/",
        "/ressources/",
        "/pour/collectivites/",
        "/pour/chercheurs/",
        "/a-propos/notions/",
    ]:
        assert expected in locations
    assert len([location for location in locations if re.fullmatch(r"/territoires/\d+/", location)]) == 18
