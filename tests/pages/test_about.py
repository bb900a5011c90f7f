import pytest

pytestmark = pytest.mark.django_db


def test_it_explains_the_observatory_the_vocabularies_and_the_sources(client):
    response = client.get("/a-propos/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Créé en 2008 par Le RAMEAU" in content
    for term in ["Mécénat", "Innovation sociétale", "Engagement territorial", "Tiers lieux (gestion d&#x27;un lieu)"]:
        assert term in content
    assert "L&#x27;entreprise soutient un projet d&#x27;intérêt général" in content
    assert 'href="/cas/?partnership=mecenat"' in content
    assert "CC BY 4.0" in content
    assert "Licence Ouverte" in content
    assert "18 régions et 101 départements" in content
