import re

import pytest
from django.urls import Resolver404, get_script_prefix, resolve, set_script_prefix

from tests.factories import CaseFactory, LinkFactory

pytestmark = pytest.mark.django_db

HEADER_AND_FOOTER = {
    "pages:home",
    "cases:list",
    "pages:territories",
    "pages:domains",
    "pages:about",
    "proposals:propose",
    "cases:feed",
    "cases:news_feed",
    "pages:sitemap",
}


def _paths(html: str) -> set[str]:
    return {href.split("#")[0].split("?")[0] for href in re.findall(r'href="(/[^"]*)"', html)}


def test_every_page_links_to_the_site_s_sections_in_its_header_and_footer(client):
    case = CaseFactory()
    LinkFactory(case=case)  # the case page's context has the case's own links
    for path in ["/", "/cas/", case.get_absolute_url(), "/a-propos/", "/territoires/", "/domaines/"]:
        found = {resolve(link).view_name for link in _paths(client.get(path).content.decode()) if _resolves(link)}
        assert found >= HEADER_AND_FOOTER, path


def test_the_links_follow_the_script_prefix_of_a_site_served_under_a_sub_path(client):
    """As a WSGI server sets it from SCRIPT_NAME (the test client does not)."""
    previous = get_script_prefix()
    set_script_prefix("/observatoire/")
    try:
        html = client.get("/cas/").content.decode()
    finally:
        set_script_prefix(previous)
    assert 'href="/observatoire/cas/"' in html
    assert 'href="/observatoire/territoires/"' in html
    assert 'action="/observatoire/cas/"' in html
    html = client.get("/cas/").content.decode()
    assert 'href="/cas/"' in html and "/observatoire/" not in html


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
