"""The territory side in English, under /en/: a region's profile ("In brief", the priorities), its map legend,
its report and PDF, the national view and report, and the choices of the map; the same data as the French
pages (tests/profile_data.py), the words and the numbers in English."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from observatoire.pages.france_map import _legend
from observatoire.territories.charts import fitting
from observatoire.territories.wording import format_value
from surveys.services import demo_surveys_load
from tests.html import parse
from tests.module_data import module_data
from tests.profile_data import priority_example

pytestmark = pytest.mark.django_db


@module_data
def example():
    demo_surveys_load()
    return priority_example()


def test_an_english_region_profile_tells_in_brief_in_english(client, example):
    page = parse(client.get("/en/territoires/84/").content)
    summary = page.find("section", **{"aria-labelledby": "en-bref-titre"})

    assert summary.find("h2").text == "In brief"
    assert summary.find("p").text == (
        "The domains where the Auvergne-Rhône-Alpes region is the most fragile among the regions, according to "
        "official indicators (fragility rank: 1 = the most fragile):"
    )
    first = summary.find("ol").find("li").text
    assert first == "Education: 1st of 5 regions (1 indicator out of 1); Indicateur fictif education: 5.0 %."
    gap = summary.find("ul", class_="summary-gaps").find("li").text
    assert gap == (
        "Education: ranked higher by the data, compared with the national perception (1st by the data, "
        "6th by perception)."
    )
    assert summary.find("p", class_="summary-caveat").text.startswith(
        "Bear in mind: The perception is that of French people as a whole, not that of the Auvergne-Rhône-Alpes region"
    )


def test_an_english_profile_heads_its_priorities_table_in_english(client, example):
    page = parse(client.get("/en/territoires/84/").content)
    table = page.find("table", class_="priority-table")

    assert table.find("caption").text == "Objective and perceived fragilities by domain — Auvergne-Rhône-Alpes"
    heads = [cell.text for cell in table.find("thead").find_all("th")]
    assert heads == [
        "Domain",
        "Objective position",
        "Fragility rank (1 = the most fragile)",
        "Indicators used",
        "Perceived fragility (/10)",
        "Gap",
    ]
    education = table.find("tbody").find("tr")
    assert "1 indicator out of 1 — Indicateur fictif education: 5.0 % (2021, 1st of 5 regions)" in education.text
    assert "Ranked higher by the data, compared with the national perception" in education.text


def test_an_english_department_profile_names_its_region_and_the_departments(client, example):
    page = parse(client.get("/en/territoires/departements/38/").content)
    heads = [cell.text for cell in page.find("table", class_="indicator-table").find("thead").find_all("th")]

    assert heads[:4] == ["Indicator", "Unit", "Isère (38)", "Auvergne-Rhône-Alpes region"]
    assert page.find("h2", id="alliances-titre").text == "Alliance dynamics at work"
    assert (
        page.find("section", **{"aria-labelledby": "alliances-titre"})
        .find("p")
        .text.startswith("0 case studies published in Isère (38), by collective dynamic and by practice")
    )


def test_an_english_page_marks_an_indicator_note_as_the_french_original(client, example):
    page = parse(client.get("/en/territoires/84/").content)
    note = page.find("li", id="note-1")

    assert note.find("span", lang="fr").text == "Indicateur approché : il mesure la reconnaissance du handicap."
    assert note.find("strong").text == "Indicateur fictif education"


def test_the_english_map_legends_read_in_english(client, example):
    regions = parse(client.get("/en/territoires/84/").content)
    legend = [item.text for item in regions.find("ul", class_="map-legend").find_all("li")]
    assert legend == ["no case study"]

    page = parse(client.get("/en/territoires/?indicateur=indicateur-education&niveau=region").content)
    legend = [item.text for item in page.find("ul", class_="map-legend").find_all("li")]
    assert legend[0] == "1.0"
    assert legend[-1] == "not available in the source"
    source = page.find("p", class_="source-line").text
    assert source.startswith("Source: DREES, Panorama fictif, feuille 2; period: 2021; licence: Licence Ouverte")
    assert page.find("p", class_="attribution").text.startswith("Base map: “france.departments” by Victor Cazanave")


def test_the_case_count_legend_follows_the_language():
    with translation.override("en"):
        assert [label for _level, label in _legend(9)] == ["none", "1 to 2", "3 to 5", "6 to 9"]
    assert [label for _level, label in _legend(9)] == ["aucune", "1 à 2", "3 à 5", "6 à 9"]


def test_an_unknown_map_choice_says_why_in_english(client, example):
    response = client.get("/en/territoires/?niveau=commune")

    assert response.status_code == 400
    assert parse(response.content).find("div", role="alert").text == (
        "Unknown level: “commune”. Choose “region” or “department”."
    )


def test_numbers_and_units_in_english_keep_rates_counts_and_euros_apart():
    with translation.override("en"):
        assert format_value(Decimal("23080"), "euros per inhabitant") == "23,080"
        assert format_value(Decimal("23080"), "euros per year per consumption unit") == "23,080"
        assert format_value(Decimal("4.43"), "victims per 1,000 inhabitants") == "4.4"
        assert format_value(Decimal("36.1"), "% of people") == "36.1"
    assert format_value(Decimal("23080"), "euros par habitant") == "23\u202f080"
    assert format_value(Decimal("4.43"), "victimes pour 1 000 habitants") == "4,4"


def test_the_chart_headings_fit_their_column_in_both_languages():
    assert fitting("Fragilité perçue (sur 10)", 190, bold=True) == ["Fragilité perçue (sur 10)"]
    assert fitting("Position objective (0 à 100)", 200, bold=True) == ["Position objective (0 à 100)"]
    assert fitting("Perceived fragility (out of 10)", 190, bold=True) == ["Perceived fragility", "(out of 10)"]


def test_the_english_profile_chart_says_its_headings_in_english(client, example):
    chart = parse(client.get("/en/territoires/84/priorites.svg").content)
    texts = [text.text for text in chart.find_all("text")]

    assert "Perceived fragility" in texts and "(out of 10)" in texts
    assert "Fragilité perçue (sur 10)" not in texts


def test_the_english_report_opens_in_english(client, example):
    page = parse(client.get("/en/territoires/84/rapport/").content)
    header = page.find("header", class_="report-header")

    assert header.find("p", class_="report-kicker").text == "Observatoire des partenariats — IMPACT-Territoires"
    assert header.find("h1").text == "Regional report: Auvergne-Rhône-Alpes"
    assert header.find("p", class_="lead").text.startswith(
        "Structural and socio-economic profile, priority fragilities compared between objective data and the "
        "inhabitants' perception, and alliance dynamics at work. Drawn from the database as of "
    )
    assert page.find("h2", id="methode-titre").text == "Method and sources"


def test_the_english_national_view_and_report_read_in_english(client, example):
    view = parse(client.get("/en/territoires/france/").content)
    assert view.find("h1").text == "The regions' fragilities, domain by domain"
    assert view.find("caption", id="heat-legende").text.startswith("Each region's rank among the regions (1st")

    report = parse(client.get("/en/territoires/france/rapport/").content)
    assert report.find("h1").text == "National report: the regions' fragilities"
    assert (
        report.find("section", **{"aria-labelledby": "alliances-titre"})
        .find("p")
        .text.startswith("0 case studies published in France, by collective dynamic and by practice")
    )


def test_the_english_pdf_holds_the_english_headings_and_no_french_one(client, example):
    response = client.get("/en/territoires/84/rapport.pdf")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="rapport-region-84.pdf"'
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for heading in (
        "Regional report: Auvergne-Rhône-Alpes",
        "In brief",
        "Priority fragilities: objective data and perception",
        "Structural and socio-economic profile",
        "Alliance dynamics at work",
        "Method and sources",
    ):
        assert heading in text
    for french in ("Rapport régional", "En bref", "Fragilités prioritaires", "Profil structurel", "Méthode et"):
        assert french not in text
