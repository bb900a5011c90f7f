"""The case page `/cas/<slug>/`: everything about the case, machine-readable too, in constant queries."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.search import reindex_deferred
from foundation.reference.models import CollectiveDynamic, Domain, PartnershipType
from tests.factories import CaseFactory, LinkFactory, ParticipationFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = CaseFactory(
        title="Potager des Lilas",
        slug="potager-des-lilas",
        summary="Une association et une entreprise cultivent un potager partagé.",
        body="## Contexte\n\nUn quartier sans **espace vert**.",
        outcomes="Quarante familles inscrites.",
        start_year=2016,
        end_year=2019,
        scale="local",
        place="Quartier des Lilas",
        source="Entretien avec l'équipe, 2020.",
        domains=["environnement", "isolement-lien-social"],
        departments=["69"],
    )
    case.partnership_types.set([PartnershipType.objects.get(slug="mecenat")])
    case.dynamics.set([CollectiveDynamic.objects.get(slug="experimentation-collective")])
    ParticipationFactory(case=case, organization__name="Association des Lilas", role="porteur")
    ParticipationFactory(
        case=case, organization__name="Entreprise Verte", organization__kind="entreprise", role="financeur"
    )
    LinkFactory(case=case, title="Rapport d'activité", url="https://example.org/rapport")
    return case


def test_it_shows_everything_about_the_case(client, case):
    response = client.get("/cas/potager-des-lilas/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "<h1>Potager des Lilas</h1>",
        "Une association et une entreprise cultivent un potager partagé.",
        "<h2>Contexte</h2>",
        "<strong>espace vert</strong>",
        "Quarante familles inscrites.",
        "Association des Lilas",
        "Porteur",
        "Financeur",
        "Entreprise Verte",
        "Quartier des Lilas",
        "2016 – 2019",
        "Locale",
        "Entretien avec l&#x27;équipe, 2020.",
        'href="https://example.org/rapport"',
        "Citer cette étude de cas",
        "http://testserver/cas/potager-des-lilas/",
        "Mise à jour",
    ]:
        assert text in content, text


def test_each_tag_links_to_the_filtered_search(client, case):
    content = client.get("/cas/potager-des-lilas/").content.decode()
    assert 'href="/cas/?domain=environnement"' in content
    assert 'href="/cas/?domain=isolement-lien-social"' in content
    assert 'href="/cas/?partnership=mecenat"' in content
    assert 'href="/cas/?dynamic=experimentation-collective"' in content
    assert 'href="/cas/?department=69"' in content
    assert 'href="/territoires/84/"' in content


def test_it_describes_itself_to_machines(client, case):
    content = client.get("/cas/potager-des-lilas/").content.decode()
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1])
    assert json_ld["@type"] == "Article"
    assert json_ld["headline"] == "Potager des Lilas"
    assert json_ld["url"] == "http://testserver/cas/potager-des-lilas/"
    assert {"@type": "Organization", "name": "Association des Lilas"} in json_ld["mentions"]
    assert '<meta property="og:title" content="Potager des Lilas (cas fictif)">' in content
    assert '<meta property="og:url" content="http://testserver/cas/potager-des-lilas/">' in content
    assert '<link rel="canonical" href="http://testserver/cas/potager-des-lilas/">' in content


def test_json_ld_cannot_close_its_script_element(client):
    CaseFactory(slug="piege", title="</script><script>alert(1)</script>")
    content = client.get("/cas/piege/").content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S)[1]
    assert "<" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


def test_a_fictitious_case_says_so_and_a_real_one_does_not(client):
    CaseFactory(slug="inventee", is_fictitious=True)
    CaseFactory(slug="reelle", is_fictitious=False)
    invented, real = client.get("/cas/inventee/").content.decode(), client.get("/cas/reelle/").content.decode()
    assert "Cas fictif de démonstration." in invented
    assert "(cas fictif) — Observatoire" in invented
    assert "Cas fictif de démonstration." not in real
    assert "(cas fictif)" not in real


def test_similar_cases_share_tags_territory_and_words(client, case):
    CaseFactory(title="Sans rapport", domains=["sante"], departments=["59"])
    closest = CaseFactory(
        title="Potager voisin", domains=["environnement", "isolement-lien-social"], departments=["69"]
    )
    near = CaseFactory(title="Autre chose", domains=["environnement"], departments=["38"])
    response = client.get("/cas/potager-des-lilas/")
    similar = response.context["similar"]
    assert similar[:2] == [closest, near]
    assert case not in similar
    assert "Sans rapport" not in [other.title for other in similar[:2]]


def test_an_unknown_case_is_a_404(client):
    assert client.get("/cas/n-existe-pas/").status_code == 404


def _queries(client, path: str) -> tuple[int, list[str]]:
    """The queries a page costs, and the titles of the similar cases it shows."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    similar = parse(response.content).find("section", **{"aria-labelledby": "similaires-titre"})
    return len(captured.captured_queries), [link.text.strip() for link in similar.find_all("a")]


def test_the_query_count_does_not_grow_with_cases(client, case):
    """Four times the candidate cases for the same queries: a query per candidate would show."""

    def add(count: int) -> None:
        with reindex_deferred():
            for _ in range(count):
                other = CaseFactory(title="Potager fictif", domains=["environnement"], departments=["69"])
                ParticipationFactory(case=other)

    add(10)
    with_ten, shown = _queries(client, "/cas/potager-des-lilas/")
    assert shown and set(shown) == {"Potager fictif"}
    add(30)
    assert _queries(client, "/cas/potager-des-lilas/") == (with_ten, shown)


def test_the_page_shows_the_tags_as_they_were_just_changed(client, case):
    """The tags come from the search's state, which follows an edit at once (before and after its commit)."""
    assert "Isolement / lien social" in client.get("/cas/potager-des-lilas/").content.decode()
    case.domains.set([Domain.objects.get(slug="sante")])
    case.departments.set([])
    content = client.get("/cas/potager-des-lilas/").content.decode()
    assert "Isolement / lien social" not in content
    assert '?domain=sante">Santé</a>' in content
    assert "Rhône (69)" not in content
