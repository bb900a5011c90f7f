"""Every public page: French, with landmarks and a skip link, and nothing the strict CSP would block."""

import re

import pytest

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/cas/",
    "/cas/?q=potager&domain=sante",
    "/cas/potager/",
    "/territoires/",
    "/territoires/84/",
    "/territoires/france/",
    "/domaines/",
    "/domaines/sante/",
    "/a-propos/",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_is_accessible_and_csp_clean(client, path):
    CaseFactory(slug="potager", title="Potager", domains=["sante"], departments=["69"])
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert '<a class="skip-link" href="#contenu">' in content
    assert '<main id="contenu"' in content
    assert "<header" in content and "<footer" in content and "<nav" in content
    assert " style=" not in content
    assert not re.search(r"\son[a-z]+=", content)
    for tag in re.findall(r"<script\b[^>]*>", content):
        # Data blocks (JSON-LD) are never run, so they need neither a source nor a nonce.
        assert "src=" in tag or "nonce=" in tag or 'type="application/ld+json"' in tag, tag
    assert "http://" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', content)).replace("http://testserver", "")
    policy = response["Content-Security-Policy"]
    # A nonce appears only on pages that use one.
    assert re.search(r"script-src 'self'( 'nonce-[^']+')?;", policy)
    assert re.search(r"style-src 'self'( 'nonce-[^']+')?;", policy)
    assert "unsafe-inline" not in policy
