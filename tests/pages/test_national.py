"""`/territoires/france/`: every region's objective fragility position in the 16 domains, beside the national
perception.

The example is the method's own (tests/indicators/test_method.py), computed by hand there:
Pauvreté scores 11 → 50, 24 → 45.8, 27 → 62.5, 28 → 33.3 (ranks 2, 3, 1, 4 of 4);
Santé 11 → 50, 24 → 100, 27 → 0, 28 without a value (ranks 2, 1, 3 of 3); Emploi has no indicator.
"""

import re

import pytest

from indicators.models import Indicator, IndicatorValue
from tests.html import find
from tests.indicators.test_method import example  # noqa: F401 (the method's hand-computed example, as a fixture)
from tests.profile_data import make_indicator, make_values
from tests.snapshots import surveys_demo

# Every test here reads the method's example, imported as a fixture.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("example")]
Level = IndicatorValue.Level
D = Indicator.Direction


def _cell(content: str, region: str, domain: str) -> tuple[str, str]:
    """The heat table's cell for a region and a domain: its class and its text."""
    found = re.search(rf'<td class="([^"]*)" headers="region-{region} domaine-{domain}">(.*?)</td>', content, re.S)
    assert found, f"no cell for {region} × {domain}"
    return found[1], found[2]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_each_cell_prints_the_region_rank_and_index_and_links_to_its_profile(client):
    response = client.get("/territoires/france/")
    assert response.status_code == 200
    content = response.content.decode()
    shade, text = _cell(content, "27", "pauvrete-exclusion")
    assert shade == "heat heat-4"
    assert 'href="/territoires/27/"' in text
    assert _text(text) == "1ʳᵉ sur 4 /4 indice 63"
    assert _text(_cell(content, "24", "pauvrete-exclusion")[1]) == "3ᵉ sur 4 /4 indice 46"
    shade, text = _cell(content, "24", "sante")
    assert (shade, _text(text)) == ("heat heat-5", "1ʳᵉ sur 3 /3 indice 100")
    assert _cell(content, "27", "sante")[0] == "heat heat-1"


def test_a_region_without_any_value_in_a_domain_is_not_available_never_zero(client):
    content = client.get("/territoires/france/").content.decode()
    shade, text = _cell(content, "28", "sante")
    assert shade == "heat heat-none"
    assert "non disponible dans la source" in text
    assert "indice" not in text
    assert "non disponible dans la source" in _cell(content, "84", "pauvrete-exclusion")[1]


def test_a_domain_without_an_official_indicator_says_so_in_its_column_and_infers_nothing(client):
    content = client.get("/territoires/france/").content.decode()
    header = re.search(r'<th scope="col" id="domaine-emploi">(.*?)</th>', content, re.S)[1]
    assert "aucun indicateur officiel" in header
    absent = re.findall(r'<td class="heat-absent" rowspan="18" headers="domaine-emploi">(.*?)</td>', content)
    assert absent == ["Aucun indicateur officiel pour ce domaine : rien n'est déduit."]
    assert 'headers="region-11 domaine-emploi"' not in content
    assert "2 domaines sur 16 ont au moins un indicateur officiel" in content


def test_it_sets_the_national_perception_beside_each_domain(client):
    surveys_demo()
    content = client.get("/territoires/france/").content.decode()
    assert "Perception nationale, note sur 10 (IMPACT-Citoyens 2019)" in content
    perceived = re.search(r'<td class="num" headers="perception-nationale domaine-emploi">(.*?)</td>', content)[1]
    assert _text(perceived) == "6,4"
    lost = re.search(r'<td class="num" headers="perception-nationale domaine-mal-logement">(.*?)</td>', content)[1]
    assert _text(lost) == "non lisible dans la source"  # printed by the source but unreadable: never 0
    row = re.search(r'<th scope="row"><a href="/domaines/emploi/">.*?</tr>', content, re.S)[0]
    assert "Aucun indicateur officiel" in row
    assert "6,4" in row
    row = re.search(r'<th scope="row"><a href="/domaines/sante/">.*?</tr>', content, re.S)[0]
    assert "Densite generalistes" in row
    assert 'href="/territoires/24/"' in row  # the most fragile regions, by the objective index
    assert "5,8" in row


def test_without_survey_figures_it_says_the_perception_is_not_measured(client):
    content = client.get("/territoires/france/").content.decode()
    assert "Aucune enquête publiée ne mesure encore la perception de ces domaines." in content


def test_the_national_view_does_not_take_the_place_of_a_region_page(client):
    assert client.get("/territoires/france/").status_code == 200
    assert client.get("/territoires/11/").status_code == 200
    assert "/territoires/france/" in client.get("/territoires/").content.decode()


def _more_data(count: int) -> None:
    for index in range(count):
        indicator = make_indicator(f"indicateur-{index}", D.HIGHER_MORE_FRAGILE, ["mal-logement"], position=10 + index)
        make_values(indicator, Level.REGION, {"11": str(index), "84": "3", "93": "7"})
        make_values(indicator, Level.DEPARTMENT, {"93": "1", "69": "2"})


@pytest.mark.parametrize("extra", [0, 15])
def test_the_national_view_reads_a_constant_number_of_queries(client, extra, django_assert_num_queries):
    surveys_demo()
    _more_data(extra)
    # positions (4): domains, indicators, values, indicators' domains; the regions (1); the perception (2):
    # the latest citizens' question that rates the domains, then its figures and its previous wave's; the
    # published cases by observed impact (1)
    with django_assert_num_queries(8):
        content = client.get("/territoires/france/").content.decode()
    assert _text(_cell(content, "27", "pauvrete-exclusion")[1]) == "1ʳᵉ sur 4 /4 indice 63"


def test_the_national_report_groups_the_thousands_of_its_case_count(client, monkeypatch):
    """A base of a few thousand cases, as the report prints it for elected officials: « 12 345 »."""
    monkeypatch.setattr("observatoire.pages.national.national_alliances", lambda: ([], 12345))

    section = find(
        client.get("/territoires/france/rapport/").content, "section", **{"aria-labelledby": "alliances-titre"}
    )

    assert section.find_all("p")[0].text_as_written.startswith("12\xa0345 études de cas publiées en France")
