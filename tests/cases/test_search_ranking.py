"""What the search page finds and in which order: run on PostgreSQL by `make test`, on SQLite too."""

import pytest

from cases.models import Case
from cases.search import search
from foundation.reference.models import Domain
from tests.conftest import is_postgresql
from tests.factories import CaseFactory, ParticipationFactory

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def _titles(client, query: str, **params) -> list[str]:
    response = client.get("/cas/", {"q": query, **params})
    assert response.status_code == 200
    return [case.title for case in response.context["cards"]]


def test_a_title_match_ranks_above_a_summary_match_above_a_body_match(client):
    CaseFactory(title="Alliance du corps", summary="Un résumé.", body="Un atelier de compostage collectif.")
    CaseFactory(title="Compostage collectif", summary="Un résumé.", body="Un projet.")
    CaseFactory(title="Alliance du résumé", summary="Du compostage en bas des immeubles.", body="Un projet.")
    assert _titles(client, "compostage")[0] == "Compostage collectif"
    if is_postgresql():
        assert _titles(client, "compostage") == ["Compostage collectif", "Alliance du résumé", "Alliance du corps"]


@pytest.mark.parametrize("query", ["École", "ecole", "ÉCOLES"])
def test_accents_case_and_plural_find_the_same_cases(client, query):
    CaseFactory(title="Une école ouverte")
    CaseFactory(title="Des écoles et des entreprises")
    CaseFactory(title="Un jardin")
    assert sorted(_titles(client, query)) == ["Des écoles et des entreprises", "Une école ouverte"]


@pytest.mark.parametrize("query", ["potager", "potagers", "Potagers"])
def test_singular_and_plural_meet_even_where_french_stemming_parts_them(client, query):
    # The French stemmer gives `potag` for "potager" but `potager` for "potagers".
    CaseFactory(title="Un potager partagé")
    CaseFactory(title="Des potagers en ville")
    CaseFactory(title="Un atelier")
    assert sorted(_titles(client, query)) == ["Des potagers en ville", "Un potager partagé"]


def test_websearch_syntax_phrases_exclusions_and_alternatives(client):
    CaseFactory(title="Jardin partagé en ville", summary="Un jardin.")
    CaseFactory(title="Jardin d'entreprise", summary="Un jardin.")
    CaseFactory(title="Atelier vélo", summary="Un atelier.")
    assert _titles(client, '"jardin partagé"') == ["Jardin partagé en ville"]
    assert _titles(client, "jardins -entreprises") == ["Jardin partagé en ville"]
    assert sorted(_titles(client, "vélo or entreprise")) == ["Atelier vélo", "Jardin d'entreprise"]
    assert sorted(_titles(client, "vélo ou entreprise")) == ["Atelier vélo", "Jardin d'entreprise"]


def test_department_and_region_names_find_the_cases_located_there(client):
    CaseFactory(title="Cas isérois", departments=["38"])
    CaseFactory(title="Cas girondin", departments=["33"])
    assert _titles(client, "Isère") == ["Cas isérois"]
    assert _titles(client, "Auvergne-Rhône-Alpes") == ["Cas isérois"]
    assert _titles(client, "nouvelle aquitaine") == ["Cas girondin"]


def test_an_organisations_name_finds_its_cases(client):
    ParticipationFactory(case=CaseFactory(title="Cas accompagné"), organization__name="Fondation Héliotrope")
    CaseFactory(title="Cas seul")
    assert _titles(client, "heliotrope") == ["Cas accompagné"]


def test_a_search_combines_with_facets(client):
    CaseFactory(title="Potager lyonnais", departments=["69"], domains=["environnement"])
    CaseFactory(title="Potager lillois", departments=["59"], domains=["environnement"])
    assert _titles(client, "potager", region="84") == ["Potager lyonnais"]


@pytest.mark.postgres
def test_a_misspelt_search_suggests_close_titles(client):
    CaseFactory(title="Ressourcerie solidaire")
    response = client.get("/cas/", {"q": "resourcerie"})
    assert response.context["page"].paginator.count == 0
    assert response.context["suggestions"] == ["Ressourcerie solidaire"]
    assert "Ressourcerie solidaire</a>" in response.content.decode()


@pytest.mark.postgres
def test_suggestions_keep_drafts_from_the_public(client, curator):
    """The nearest titles come from what the reader may see, the closest first, at most three."""
    CaseFactory(title="Ressourcerie solidaire")
    CaseFactory(title="Ressourcerie du bourg", status=Case.Status.DRAFT, published_at=None)
    CaseFactory(title="Chantier d'insertion")
    assert search({"q": "resourcerie"}, user=None).suggestions == ["Ressourcerie solidaire"]
    suggested = search({"q": "resourcerie"}, user=curator).suggestions
    assert sorted(suggested) == ["Ressourcerie du bourg", "Ressourcerie solidaire"]
    assert search({"q": "zzzz qqqq"}, user=curator).suggestions == []


@pytest.mark.postgres
def test_suggestions_compare_titles_with_the_searched_words_alone():
    """Stop words (in nearly every title) and excluded words take no part in how close a title is."""
    CaseFactory(title="Ressourcerie solidaire")
    assert search({"q": "la resourcerie -quartier -voisinage"}, user=None).suggestions == ["Ressourcerie solidaire"]


def test_the_search_follows_changes_to_tags_organisations_and_territories(client):
    case = CaseFactory(title="Alliance discrète", summary="Un résumé.")
    participation = ParticipationFactory(case=case, organization__name="Coopérative Azurite")
    assert _titles(client, "santé") == []
    case.domains.add(Domain.objects.get(slug="sante"))
    assert _titles(client, "santé") == ["Alliance discrète"]
    case.departments.add("29")
    assert _titles(client, "Bretagne") == ["Alliance discrète"]
    organization = participation.organization
    organization.name = "Coopérative Malachite"
    organization.save()
    assert _titles(client, "malachite") == ["Alliance discrète"]
    assert _titles(client, "azurite") == []
    case.domains.clear()
    assert _titles(client, "santé") == []
