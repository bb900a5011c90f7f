import pytest

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_domain_page_shows_its_group_cases_and_where_they_are(client):
    CaseFactory(title="Cas de santé", domains=["sante"], departments=["69"])
    CaseFactory(title="Cas d'éducation", domains=["education"], departments=["69"])
    response = client.get("/domaines/sante/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Santé</h1>" in content
    assert "Critères sociaux (sociétaux)" in content
    assert response.context["count"] == 1
    assert [case.title for case in response.context["latest"]] == ["Cas de santé"]
    assert 'href="/cas/?domain=sante&amp;region=84"' in content
    assert 'href="/cas/?domain=sante"' in content
    assert "Ce qu&#x27;en disent les enquêtes" in content or "Ce qu'en disent les enquêtes" in content


def test_the_domain_index_lists_the_sixteen_domains_with_counts(client):
    CaseFactory(domains=["sante", "education"])
    response = client.get("/domaines/")
    domains = {domain.slug: count for _group, items in response.context["domain_groups"] for domain, count in items}
    assert len(domains) == 16
    assert (domains["sante"], domains["education"], domains["emploi"]) == (1, 1, 0)


def test_an_unknown_domain_is_a_404(client):
    assert client.get("/domaines/inconnu/").status_code == 404
