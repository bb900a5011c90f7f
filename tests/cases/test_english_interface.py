"""The case page and the search page in English: the interface is English, the case's own text is not touched."""

import pytest

from foundation.reference.models import CollectiveDynamic
from tests.english import english_page
from tests.factories import CaseFactory, ParticipationFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = CaseFactory(
        title="Potager des Lilas",
        slug="potager-des-lilas",
        summary="Une association et une entreprise cultivent un potager partagé.",
        outcomes="Quarante familles inscrites.",
        start_year=2016,
        scale="local",
        place="Quartier des Lilas",
        source="Entretien avec l'équipe, 2020.",
        domains=["environnement"],
        departments=["69"],
    )
    case.dynamics.set([CollectiveDynamic.objects.get(slug="experimentation-collective")])
    ParticipationFactory(case=case, organization__name="Association des Lilas", role="porteur")
    return case


def test_the_case_page_speaks_english_around_the_case_text(case):
    page = english_page("/cas/potager-des-lilas/")
    facts = page.find("aside", class_="case-facts")
    assert facts.find("h2").text == "In brief"
    terms = [dt.text for dt in facts.find_all("dt")]
    assert terms[:4] == ["Territory", "Place", "Period", "Scale"]
    assert "Fragility domains" in terms and "Territorial collective dynamic" in terms
    assert facts.find_all("dd")[2].text == "since 2016"
    assert facts.find_all("dd")[3].text == "Local"  # the scale's label, from the model's choices
    assert page.find("h2", id="resultats-titre").text == "Outcomes"
    organizations = page.find("ul", class_="organizations")
    assert organizations.find("span", class_="org-role").text == "Lead"
    assert page.find("h2", id="citer-titre").text == "Cite this case study"
    assert page.find("nav", class_="breadcrumb").attrs["aria-label"] == "Breadcrumb"
    # The case's text stays as written.
    assert page.find("p", class_="lead").text == "Une association et une entreprise cultivent un potager partagé."
    assert "Quarante familles inscrites." in page.find("section", **{"aria-labelledby": "resultats-titre"}).text


def test_a_fictitious_case_is_marked_in_english(case):
    case.is_fictitious = True
    case.save()
    page = english_page("/cas/potager-des-lilas/")
    banner = page.find("div", class_="fictitious-banner")
    assert banner.find("strong").text == "Fictitious demonstration case."
    assert "was invented to show how the database works" in banner.text


def test_the_search_page_speaks_english(case):
    page = english_page("/cas/")
    assert page.find("h1").text == "Case studies"
    assert page.find("label", **{"for": "id_q"}).text == "Search the case studies"
    assert page.find("h2", id="resultats-titre").text == "1 case study"
    legends = [legend.text for legend in page.find("div", id="facettes").find_all("legend")]
    assert legends[0] == "Fragility domains" and "Years of activity" in legends
    sort = page.find("select", id="id_sort")
    assert [option.text for option in sort.find_all("option")] == ["Most recent", "Title (A → Z)"]
    help_text = page.find("p", id="search-help").text
    assert help_text.startswith("Accents and capitals do not matter.") and "-word to exclude a word" in help_text


def _facet_label(page, param: str, value: str) -> str:
    return page.find("label", **{"for": f"f-{param}-{value}"}).find("span", class_="facet-label").text


@pytest.mark.sqlite
def test_the_facets_name_the_terms_in_english_and_in_french_where_a_term_has_no_english(client, case):
    english = english_page("/cas/")
    assert _facet_label(english, "domain", "environnement") == "Environment / pollution / biodiversity"
    assert _facet_label(english, "department", "69") == "Rhône"
    french = parse(client.get("/cas/").content)
    assert _facet_label(french, "domain", "environnement") == "Environnement / pollution / biodiversité"


@pytest.mark.postgres
def test_the_facets_of_a_search_name_the_terms_in_the_language_of_each_request_in_turn(client, case):
    """The facets' labels come with the search's own query, whose SQL is compiled once per language."""
    path = "/cas/?q=potager"
    french = parse(client.get(path).content)
    english = english_page(path)
    again = parse(client.get(path).content)
    assert _facet_label(french, "domain", "environnement") == "Environnement / pollution / biodiversité"
    assert _facet_label(english, "domain", "environnement") == "Environment / pollution / biodiversity"
    assert _facet_label(english, "department", "69") == "Rhône"  # no English name: the French one
    count = english.find("label", **{"for": "f-domain-environnement"}).find("span", class_="count")
    assert count.text == "1 case study"
    assert _facet_label(again, "domain", "environnement") == "Environnement / pollution / biodiversité"


def test_the_search_page_counts_in_english_plurals(case):
    CaseFactory(title="Jardin des Roses", slug="jardin-des-roses", domains=["environnement"])
    page = english_page("/cas/?q=jardin")
    assert page.find("h2", id="resultats-titre").text == "1 case study for “jardin”"
    sort = page.find("select", id="id_sort")
    assert [option.text for option in sort.find_all("option")][0] == "Relevance"
    page = english_page("/cas/")
    assert page.find("h2", id="resultats-titre").text == "2 case studies"


def test_a_search_without_results_helps_in_english(case):
    page = english_page("/cas/?q=introuvablequelconque")
    notice = page.find("section", id="resultats").find("div", class_="notice")
    assert notice.find("p").text == "No case study matches this search."
