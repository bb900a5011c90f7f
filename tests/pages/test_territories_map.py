"""`/territoires/?indicateur=…&niveau=…`: the map shows any official indicator, with its legend, its source
line and a table that says the same for screen readers."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from indicators.models import Indicator, IndicatorValue
from observatoire.pages.france_map import _choropleth_legend, number_text, quantile_classes
from tests.profile_data import make_indicator, make_values

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
Level = IndicatorValue.Level
D = Indicator.Direction


def _svg(content: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg .*?</svg>", content, re.S)[0])  # noqa: S314 (our own page)


def _table_rows(content: str) -> dict[str, list[str]]:
    """The values table: territory name → its cells' text."""
    body = re.search(r'<table class="data-table">.*?<tbody>(.*?)</tbody>', content, re.S)[1]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        name = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S)[1]).strip()
        rows[name] = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


@pytest.fixture
def poverty():
    indicator = make_indicator(
        "taux-pauvrete",
        D.HIGHER_MORE_FRAGILE,
        ["pauvrete-exclusion"],
        name="Taux de pauvreté",
        unit="% des personnes",
        producer="DREES",
        table="Panorama statistique 2024, feuille 2",
        source_url="https://data.drees.solidarites-sante.gouv.fr/",
    )
    make_values(indicator, Level.REGION, {"11": "15.6", "24": "13.1", "27": "13.1", "28": "14.2", "32": "18"})
    make_values(indicator, Level.REGION, {"11": "99"}, year=2019)  # an older period never shows
    make_values(indicator, Level.DEPARTMENT, {"93": "28.4", "2A": "18.7", "974": "36.1", "75": "15.5"})
    return indicator


def test_choosing_an_indicator_shows_its_legend_source_line_and_values_table(client, poverty):
    response = client.get("/territoires/?indicateur=taux-pauvrete&niveau=region")
    assert response.status_code == 200
    content = response.content.decode()
    svg = _svg(content)
    assert svg.find(f"{SVG}title").text == "Taux de pauvreté, par région"
    legend = re.search(r'<ul class="map-legend"[^>]*>(.*?)</ul>', content, re.S)[1]
    labels = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", legend, re.S)]
    assert labels == ["13,1", "14,2", "15,6", "18,0", "36,1", "non disponible dans la source"]
    assert "Légende (% des personnes)" in content
    assert (
        "Source : DREES, Panorama statistique 2024, feuille 2 ; période : 2021 ; "
        "licence : Licence Ouverte / Etalab 2.0." in content
    )
    assert 'href="https://data.drees.solidarites-sante.gouv.fr/"' in content
    rows = _table_rows(content)
    assert len(rows) == 18
    # The rank of fragility, as on the profiles; La Réunion (04) takes its only department's value.
    assert "Rang de fragilité (1 = la plus fragile)" in re.sub(r"<[^>]+>", "", content)
    assert rows["La Réunion"] == ["36,1 (valeur du département La Réunion (974))", "1 sur 6", "2021"]
    assert rows["Île-de-France"] == ["15,6", "3 sur 6", "2021"]
    assert rows["Centre-Val de Loire"] == ["13,1", "5 sur 6", "2021"]
    assert rows["Bourgogne-Franche-Comté"] == ["13,1", "5 sur 6", "2021"]
    assert rows["Hauts-de-France"] == ["18,0", "2 sur 6", "2021"]


def test_a_territory_the_source_does_not_cover_is_hatched_and_labelled(client, poverty):
    content = client.get("/territoires/?indicateur=taux-pauvrete").content.decode()
    assert _table_rows(content)["Auvergne-Rhône-Alpes"] == ["non disponible dans la source"]
    links = {link.get("href"): link for link in _svg(content).iter(f"{SVG}a")}
    lyon = links["/territoires/84/"]
    assert lyon.get("aria-label") == "Auvergne-Rhône-Alpes : non disponible dans la source"
    assert lyon.find(f"{SVG}path").get("fill") == "url(#carte-hachures)"
    assert links["/territoires/11/"].get("aria-label") == "Île-de-France : 15,6 (% des personnes)"
    assert links["/territoires/11/"].find(f"{SVG}path").get("fill") is None
    assert links["/territoires/03/"].find(f"{SVG}rect").get("fill") == "url(#carte-hachures)"  # Guyane
    assert links["/territoires/04/"].get("aria-label") == "La Réunion : 36,1 (% des personnes)"
    assert " style=" not in content


def test_the_department_level_shows_every_department_and_its_own_values(client, poverty):
    response = client.get("/territoires/?indicateur=taux-pauvrete&niveau=departement")
    assert response.status_code == 200
    content = response.content.decode()
    rows = _table_rows(content)
    assert len(rows) == 101
    assert rows["Seine-Saint-Denis (93)"] == ["28,4", "2 sur 4", "2021"]
    assert rows["Corse-du-Sud (2A)"] == ["18,7", "3 sur 4", "2021"]
    assert rows["Aude (11)"] == ["non disponible dans la source"]
    links = {link.get("href"): link for link in _svg(content).iter(f"{SVG}a")}
    assert len(links) == 101  # 96 metropolitan departments and 5 overseas tiles
    assert links["/territoires/departements/974/"].get("aria-label") == "La Réunion : 36,1 (% des personnes)"


def test_a_territory_whose_source_lags_shows_its_own_period_named_in_the_source_line(client):
    indicator = make_indicator("peu-diplomes", D.HIGHER_MORE_FRAGILE, ["education"], name="Peu diplômés")
    make_values(indicator, Level.DEPARTMENT, {"93": "20.1", "75": "8.2"})
    make_values(indicator, Level.DEPARTMENT, {"976": "60.5"}, year=2017)
    content = client.get("/territoires/?indicateur=peu-diplomes&niveau=departement").content.decode()
    assert "période : 2021 (Mayotte : 2017)" in content
    assert _table_rows(content)["Mayotte (976)"] == ["60,5", "1 sur 3", "2017"]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("indicateur=inconnu", "Indicateur inconnu : « inconnu »"),
        ("indicateur=%3Cscript%3E", "Indicateur inconnu : « &lt;script&gt; »"),
        ("indicateur=taux-pauvrete&niveau=commune", "Niveau inconnu : « commune »"),
        ("niveau=canton", "Niveau inconnu : « canton »"),
    ],
)
def test_it_refuses_an_unknown_indicator_or_level_with_a_400_that_says_why(client, poverty, query, reason):
    response = client.get(f"/territoires/?{query}")
    assert response.status_code == 400
    content = response.content.decode()
    assert reason in content
    assert 'role="alert"' in content
    assert _svg(content).find(f"{SVG}title").text == "Études de cas publiées par région"


def test_without_an_indicator_the_map_still_shows_the_published_cases_and_offers_the_indicators(client, poverty):
    response = client.get("/territoires/?indicateur=&niveau=departement")
    assert response.status_code == 200
    content = response.content.decode()
    assert _svg(content).find(f"{SVG}title").text == "Études de cas publiées par région"
    assert '<option value="taux-pauvrete">Taux de pauvreté</option>' in content


def _more_data(count: int) -> None:
    for index in range(count):
        indicator = make_indicator(f"indicateur-{index}", D.HIGHER_MORE_FRAGILE, ["sante"], position=10 + index)
        make_values(indicator, Level.REGION, {"11": str(index), "84": "3"})
        make_values(indicator, Level.DEPARTMENT, {"93": "1", "69": "2"})


@pytest.mark.parametrize("extra", [0, 12])
def test_the_indicator_map_reads_three_queries_whatever_the_data(client, poverty, extra, django_assert_num_queries):
    _more_data(extra)
    make_values(poverty, Level.REGION, {"84": "12.5"}, year=2022)
    # indicators (the form and the choice), the territories, and the level's positions (domains, indicators,
    # their links, the values), the same the profiles read, and the impacts the form offers (1)
    with django_assert_num_queries(7):
        assert client.get("/territoires/?indicateur=taux-pauvrete&niveau=region").status_code == 200
    with django_assert_num_queries(7):
        assert client.get("/territoires/?indicateur=taux-pauvrete&niveau=departement").status_code == 200


def test_quantile_classes_keep_equal_values_together_and_hold_about_as_many_each():
    values = [Decimal(v) for v in ["1", "2", "2", "3", "4", "5", "6", "7", "8", "9"]]
    classes = quantile_classes(values)
    assert [classes[value] for value in values] == [1, 1, 1, 2, 3, 3, 4, 4, 5, 5]
    assert quantile_classes([Decimal(4)]) == {Decimal(4): 1}


@pytest.mark.parametrize("size", [1, 2, 5, 13, 18, 96, 101])
def test_every_value_falls_within_the_legend_bounds_of_its_class(size):
    values = [Decimal(index * 7 % 23) / 4 for index in range(size)]
    classes = quantile_classes(values)
    legend = dict(_choropleth_legend(classes, missing=False, unit="%"))
    for value in values:
        low, _, high = legend[f"shade-{classes[value]}"].partition(" à ")
        parse = lambda text: Decimal(text.replace("\u202f", "").replace(",", "."))  # noqa: E731
        # The bounds are rounded to one decimal, as every rate on the pages.
        assert parse(low) - Decimal("0.05") <= value <= parse(high or low) + Decimal("0.05")


def test_values_print_with_one_decimal_for_a_rate_and_none_for_a_count_in_french():
    assert number_text(Decimal("0.1234567"), "victimes pour 1 000 habitants") == "0,1"
    assert number_text(Decimal("14.5000000"), "% des personnes") == "14,5"
    assert number_text(Decimal("19"), "% des personnes") == "19,0"
    assert number_text(Decimal("68606658.0000000"), "habitants") == "68\u202f606\u202f658"
    assert number_text(Decimal("23080"), "euros par an") == "23\u202f080"
