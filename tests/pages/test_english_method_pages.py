"""The about, notions, domain and open-data pages in English: their headings and first lines in English, and
the deck's words kept in French (lang="fr") with the observatory's translation beside them, never in their
place."""

import pytest

from surveys.services import demo_surveys_load
from tests.english import english_page
from tests.html import find

pytestmark = pytest.mark.django_db

ALLIANCE = (
    "création, entre différents acteurs, de solutions nouvelles aux défis économiques, sociaux, environnementaux "
    "et sociétaux de l'écosystème"
)


def test_the_about_page_reads_in_english_and_keeps_the_quoted_definition_in_french():
    page = english_page("/a-propos/")

    assert page.find("h1").text == "About"
    section = page.find("section", id="observatoire")
    assert section.find("h2").text == "The Observatoire des partenariats"
    assert section.find("p").text.startswith("Created in 2008 by Le RAMEAU, in partnership with the Caisse des Dépôts")
    definition = section.find("p", id="alliance")
    assert definition.text.startswith("An alliance is the «")
    assert definition.find("span", lang="fr").text == ALLIANCE
    assert section.find("p", class_="quote-translation").text == (
        "The Observatoire's translation: the creation, among different actors, of new solutions to the economic, "
        "social, environmental and societal challenges of the ecosystem"
    )
    vocabularies = page.find("section", id="vocabulaires")
    assert [h.text for h in vocabularies.find_all("h4")] == [
        "Economic criteria",
        "Social (societal) criteria",
        "Environmental criteria",
    ]
    assert [h.text for h in vocabularies.find_all("h3")][1:] == [
        "Partnership practices",
        "Engagement practices",
        "Territorial collective dynamics",
    ]


def test_the_french_about_page_shows_the_quote_alone(client):
    section = find(client.get("/a-propos/").content, "section", id="observatoire")

    assert section.find("p", id="alliance").text == f"Une alliance, c'est la « {ALLIANCE} »."
    assert section.find_all(class_="quote-translation") == []


def test_the_notions_page_gives_each_quote_in_french_then_the_observatorys_translation():
    page = english_page("/a-propos/notions/")

    assert page.find("h1").text == "Notions and benchmarks"
    assert page.find("p", class_="lead").text.startswith("The definitions and benchmarks of the presentation")
    fragility = page.find("section", id="fragilite")
    assert fragility.find("h2").text == "The notion of fragility"
    assert fragility.find("blockquote", lang="fr").text.startswith("« La notion de fragilité est évolutive ET")
    translation = fragility.find("p", class_="quote-translation")
    assert translation.find("span", class_="translation-note").text == "The Observatoire's translation:"
    assert translation.find("q").text.startswith("The notion of fragility is changing AND dependent")
    assert fragility.find("p", class_="source-line").text == "Source: the Observatoire's presentation (2020), p. 3."
    items = page.find("ol", id="alliance-definition").find_all("li")
    assert [item.find("span", lang="fr").text[:10] for item in items] == ["« Création", "« Position"]
    assert items[1].find("span", class_="quote-translation").find("q").text == (
        "Position, which expresses an openness to others and a will to co-construct."
    )
    assert page.find("h2", id="chiffres-cles-titre").text == "The associative sector in figures"
    assert page.find("ul", id="chiffres-secteur").find("li").text == "12.7 M volunteers"


def test_a_domain_page_reads_in_english():
    page = english_page("/domaines/sante/")

    assert page.find("h1").text == "Health"
    assert page.find("p", class_="eyebrow").text == "Social (societal) criteria"
    lead = page.find("p", class_="lead").text
    assert lead.startswith("One of the sixteen fragility domains of the territories by which the Observatoire")
    assert "in the group of social (societal) criteria, with Education" in lead
    assert page.find("h2", id="carte-domaine-titre").text == "By region"
    assert page.find("h2", id="cas-domaine-titre").text == "Latest case studies"
    assert page.find("title", id="carte-titre").text == "Case studies of the domain “Health” by region"
    assert page.find("h2", id="enquetes-domaine-titre").text == "What the surveys say"


def test_the_open_data_page_reads_in_english_before_the_first_export(monkeypatch):
    # Before the first export whatever an earlier test of this process left in the storage.
    monkeypatch.setattr("observatoire.opendata.latest", lambda: None)
    monkeypatch.setattr("observatoire.opendata.refresh", lambda package, version=None: None)
    page = english_page("/donnees/")

    assert page.find("h1").text == "Open data"
    assert page.find("p", class_="lead").text.startswith("Everything the base publishes, one table per CSV file")
    assert page.find("p", id="langue-des-donnees").text.startswith(
        "The files hold the base as it is written, in French."
    )
    assert page.find("p", role="status").text == "The first export is being prepared: come back in a minute."
    cases = page.find_all("details")[0]
    assert cases.find("summary").text == "cas.csv — Published case studies"
    assert cases.find("dd").text == "Identifier of the case study in its address (/cas/<slug>/)."


def test_a_domain_pages_survey_figures_name_their_question_in_english_and_mark_the_printed_source():
    demo_surveys_load()
    section = english_page("/domaines/sante/").find("section", class_="survey-figures")

    assert section.find("h2").text == "What the surveys say"
    assert section.find("h3").text == "Q1 — The fragilities of their territory"
    assert section.find("figcaption").find("span", lang="fr").text.startswith("Source : étude IMPACT-Citoyens")
