"""A survey question in English: the observatory's translation beside the French original, which stays shown."""

import pytest

from surveys.models import Answer, Question
from tests.english import english_page
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = "/enquetes/phare-institutions-2016/q3/"


def test_the_english_page_shows_both_wordings_with_their_language(demo):
    page = english_page(URL)
    original = page.find("blockquote", class_="wording", lang="fr")
    assert "Sur le principe, pensez-vous que les alliances" in original.text
    section = page.find("section", class_="question-translation")
    assert section.find("h2").text == "The question in English"
    translation = section.find("blockquote", lang="en")
    assert translation.text == (
        "Q3 — In principle, do you think that alliances between associations, companies and local authorities "
        "are a source of innovation for responding to territorial fragilities?"
    )
    note = section.find("p", class_="translation-note")
    assert note.text == "Translation by the Observatoire of the French original."
    assert page.find("h1").text == "Q3 — How mayors see alliances"
    assert page.find("p", lang="fr").text == "Q3 — Le regard des maires sur les alliances"


def test_the_answers_are_shown_in_french_beside_their_translation(demo):
    table = english_page(URL).find("table", class_="translation-table")
    rows = {row.find("th").text: row.find("td").text for row in table.find("tbody").find_all("tr")}
    assert rows["Oui, tout à fait"] == "Yes, absolutely"
    assert rows["Non, pas du tout"] == "No, not at all"
    assert all(th.attrs["lang"] == "fr" for th in table.find("tbody").find_all("th"))


def test_an_untranslated_question_is_shown_in_french_with_a_note(demo):
    question = Question.objects.get(study__slug="phare-institutions-2016", slug="q3")
    question.wording_en = ""
    question.title_en = ""
    question.save()
    Answer.objects.filter(question=question, label="Oui, plutôt").update(label_en="")
    page = english_page(URL)
    assert page.find("h1").attrs["lang"] == "fr"
    section = page.find("section", class_="question-translation")
    assert section.find_all("blockquote") == []
    assert section.find("p", class_="translation-note").text.startswith("Not translated:")
    rows = {row.find("th").text: row.find("td").text for row in section.find("tbody").find_all("tr")}
    assert rows["Oui, plutôt"] == "not translated"
    assert "Sur le principe" in page.find("blockquote", class_="wording", lang="fr").text


def test_the_interface_around_the_figures_is_english(demo):
    page = english_page(URL)
    assert page.find("nav", class_="breadcrumb").find("a").text == "Surveys"
    assert page.find("p", class_="base-line").find("strong").text == "Base:"
    assert page.find("h2", id="donnees-titre").text == "Data"
    table = page.find("table", class_="figure-table")
    assert table.find("tbody").find("th").find("span", lang="fr") is not None  # the source's labels stay French


def test_the_french_page_has_no_translation_block(demo, client):
    page = parse(client.get(URL).content)
    assert page.find_all("section", class_="question-translation") == []
    assert page.find("h1").text == "Q3 — Le regard des maires sur les alliances"


def test_every_question_of_the_source_has_its_english_rendering(demo):
    questions = Question.objects.all()
    assert questions.count() == 17
    assert not questions.filter(wording_en="").exists()
    assert not Answer.objects.filter(label_en="").exists()
