"""The pages above both apps show the survey figures that concern them."""

import pytest
from django.core.management import call_command

from tests.factories import CaseFactory
from tests.html import find
from tests.module_data import module_data

pytestmark = pytest.mark.django_db


@module_data
def surveys():
    call_command("load_demo")


def test_a_domain_page_shows_the_perception_of_its_fragility_across_waves(client, surveys):
    panel = find(client.get("/domaines/emploi/").content, "section", **{"aria-labelledby": "enquetes-domaine-titre"})
    table = panel.find("table")
    assert [cell.text for cell in table.find("thead").find_all("th")] == ["Libellé", "2019", "2015"]
    row = next(row for row in table.find_all("tr") if row.find_all("th", scope="row"))
    assert row.find("th").text == "Emploi / chômage / insertion"
    assert [cell.text for cell in row.find_all("td")] == ["6,4", "7,1"]


def test_a_region_page_shows_its_survey_segment_and_base(client, surveys):
    panel = find(client.get("/territoires/11/").content, "section", **{"aria-labelledby": "enquetes-region-titre"})
    paragraphs = [paragraph.text for paragraph in panel.find("article", class_="survey-figure").find_all("p")]
    assert paragraphs[0] == "Segment « Île-de-France » — base : 6,3 millions — Français adultes."


def test_a_case_page_links_to_how_the_public_perceives_its_domains(client, surveys):
    case = CaseFactory(domains=["sante"])
    content = client.get(case.get_absolute_url()).content.decode()
    assert "Comment le public perçoit ces fragilités" in content
    assert "/enquetes/" in content


def test_a_case_without_domains_shows_no_perception_panel(client, surveys):
    case = CaseFactory()
    assert "Comment le public perçoit" not in client.get(case.get_absolute_url()).content.decode()


def test_the_sitemap_lists_the_published_studies_and_their_questions(client, surveys):
    from surveys.models import Question, Study

    study = Study.objects.published().first()
    question = Question.objects.published().first()
    # Each study once per language (French, English).
    assert client.get("/sitemap-enquetes.xml").content.decode().count("<url>") == 2 * Study.objects.published().count()
    assert study.get_absolute_url() in client.get("/sitemap-enquetes.xml").content.decode()
    assert question.get_absolute_url() in client.get("/sitemap-questions.xml").content.decode()
    Study.objects.filter(pk=study.pk).update(is_published=False)
    assert study.get_absolute_url() not in client.get("/sitemap-enquetes.xml").content.decode()
