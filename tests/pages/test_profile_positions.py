"""Honest positions and numbers on the territory profiles: a single-department region takes its department's
values, a partial position is never ranked, gaps name the perception they compare with, rates carry one
decimal and the rank of fragility is the same number on the profile and on the map."""

import re
from fractions import Fraction

import pytest

from indicators.method import compute_positions
from indicators.models import Indicator, IndicatorValue
from tests.profile_data import make_indicator, make_values
from tests.snapshots import surveys_demo

pytestmark = pytest.mark.django_db
Level = IndicatorValue.Level
D = Indicator.Direction
# Four metropolitan regions and La Réunion (04), whose only department is 974.
REGIONS = {"11": "10", "24": "12", "27": "14", "28": "16"}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace(" ,", ",")


@pytest.fixture
def overseas():
    """Poverty and CSS given for the region rows and for department 974 only; GP density for every region."""
    surveys_demo()
    poverty = make_indicator("pauvrete", D.HIGHER_MORE_FRAGILE, ["pauvrete-exclusion"], position=1, name="Pauvreté")
    css = make_indicator("css", D.HIGHER_MORE_FRAGILE, ["sante"], position=2, name="Couverture CSS")
    doctors = make_indicator("generalistes", D.HIGHER_LESS_FRAGILE, ["sante"], position=3, name="Généralistes")
    make_values(poverty, Level.REGION, REGIONS)
    make_values(poverty, Level.DEPARTMENT, {"974": "36.1", "75": "15.2"})
    make_values(css, Level.REGION, REGIONS)
    make_values(css, Level.DEPARTMENT, {"974": "42.4"})
    # La Réunion has the most doctors: alone, this indicator would make it the least fragile region in Santé.
    make_values(doctors, Level.REGION, {"11": "100", "24": "90", "27": "80", "28": "70", "04": "150"})
    return {"poverty": poverty, "css": css, "doctors": doctors}


def test_a_single_department_region_takes_its_department_values_labelled_and_ranked(client, overseas):
    response = client.get("/territoires/04/")

    row = re.search(r'<th scope="row">Pauvreté.*?</tr>', response.content.decode(), re.S)[0]
    assert "36,1</span>" in row
    assert "valeur du département La Réunion (974)" in row
    assert "1ʳᵉ région sur 5" in row
    positions = {p.domain.slug: p for p in response.context["profile"].positions}
    sante = positions["sante"]
    # Santé rests on both indicators, CSS from 974 (the most fragile) and GP density (the least): 50/100.
    assert (sante.basis, sante.score, sante.rank, sante.peers) == ("2 indicateurs sur 2", 50, 3, 5)
    assert "1 valeur est celle du département La Réunion (974)" not in text_of(response)
    assert "2 valeurs sont celles du département La Réunion (974)" in text_of(response)


def test_a_department_value_is_not_taken_by_a_region_with_several_departments(overseas):
    positions = compute_positions(Level.REGION)

    assert "75" not in positions.readings[overseas["poverty"].pk]  # department 75 (Paris) ≠ region 75
    assert positions.readings[overseas["poverty"].pk]["04"].department == "La Réunion (974)"
    assert positions.readings[overseas["poverty"].pk]["11"].department == ""


def test_a_position_on_fewer_than_half_of_its_indicators_is_partial_and_never_ranked():
    """Santé has three indicators. Region 11 has all three, 24 two, 27 one (1 < 3 / 2: partial).

    a (more fragile when higher): 11 → 3, 24 → 2, 27 → 1;  b: 11 → 1, 24 → 2;  c: 11 → 5, 24 → 4.
    Percentiles among the peers with a value: a: 11 → 100, 24 → 50, 27 → 0;  b: 11 → 0, 24 → 100;
    c: 11 → 100, 24 → 0.  Scores: 11 → 200/3, 24 → 50, 27 → 0 (partial, 1 indicator of 3).
    Ranks among the complete positions only: 11 → 1, 24 → 2, peers 2; 27 has no rank.
    """
    a, b, c = (make_indicator(slug, D.HIGHER_MORE_FRAGILE, ["sante"], position=n) for n, slug in enumerate("abc"))
    make_values(a, Level.REGION, {"11": "3", "24": "2", "27": "1"})
    make_values(b, Level.REGION, {"11": "1", "24": "2"})
    make_values(c, Level.REGION, {"11": "5", "24": "4"})

    positions = compute_positions(Level.REGION)
    found = {
        code: next(p for p in positions.for_territory(code) if p.domain.slug == "sante") for code in ["11", "24", "27"]
    }

    assert [(p.score, p.rank, p.peers, p.partial) for p in found.values()] == [
        (Fraction(200, 3), 1, 2, False),
        (50, 2, 2, False),
        (0, None, 2, True),
    ]
    assert found["27"].basis == "1 indicateur sur 3"


def test_a_partial_position_is_shown_as_such_and_left_out_of_the_priorities(client):
    surveys_demo()
    a, b, c = (make_indicator(slug, D.HIGHER_MORE_FRAGILE, ["sante"], position=n) for n, slug in enumerate("abc"))
    make_values(a, Level.REGION, {"11": "3", "24": "2", "27": "1"})
    make_values(b, Level.REGION, {"11": "1", "24": "2"})

    response = client.get("/territoires/27/")

    sante = next(p for p in response.context["profile"].priorities if p.domain.slug == "sante")
    assert sante.position.partial and sante.objective_order is None and not sante.gap
    row = re.search(r'<a href="/domaines/sante/">.*?</tr>', response.content.decode(), re.S)[0]
    assert "(partielle)" in row and "non classée" in row and "1 indicateur sur 3" in row
    assert response.context["profile"].most_fragile == []


def test_the_method_page_states_the_partial_and_overseas_rules(client):
    content = text_of(client.get("/a-propos/indicateurs/"))

    assert "moins de la moitié des indicateurs du domaine" in content
    assert "1 indicateur sur 3 : partielle ; 1 sur 2 : complète" in content
    assert "la valeur de son département" in content


def test_no_page_shows_more_than_one_decimal_for_a_rate(client):
    rate = make_indicator(
        "coups", D.HIGHER_MORE_FRAGILE, ["securite-delinquance"], name="Coups", unit="victimes pour 1 000 habitants"
    )
    make_values(rate, Level.REGION, {"11": "6.2062879", "24": "3.7345175", "27": "4.2810987", "28": "19"})
    make_values(rate, Level.DEPARTMENT, {"75": "9.1234567"})
    euros = make_indicator("revenu", D.HIGHER_LESS_FRAGILE, ["niveau-de-vie"], name="Revenu", unit="euros par an")
    make_values(euros, Level.REGION, {"11": "23080.0"})

    pages = [
        client.get("/territoires/11/"),
        client.get("/territoires/11/rapport/"),
        client.get("/territoires/departements/75/"),
        client.get("/territoires/?indicateur=coups&niveau=region"),
        client.get("/territoires/?indicateur=coups&niveau=departement"),
    ]

    for response in pages:
        content = response.content.decode()
        assert response.status_code == 200
        assert not re.search(r"\d,\d{2,}", content), re.search(r".{60}\d,\d{2,}.{20}", content)
    assert "6,2</span>" in pages[0].content.decode() and "23\u202f080</span>" in pages[0].content.decode()
    assert "19,0" in pages[3].content.decode()  # the same precision for every rate


def test_periods_are_written_in_french(client):
    indicator = make_indicator("rsa", D.HIGHER_MORE_FRAGILE, ["pauvrete-exclusion"], name="RSA")
    make_values(indicator, Level.REGION, {"11": "5.1"}, year=2023, period="2023-12-31")
    make_values(indicator, Level.METROPOLE, {"FM": "7.1"}, year=2024, period="2024-T4")

    content = text_of(client.get("/territoires/11/"))

    assert "au 31 décembre 2023" in content and "2023-12-31" not in content
    assert "4ᵉ trimestre 2024" in content and "2024-T4" not in content


def test_the_rank_of_an_indicator_is_the_same_on_the_profile_and_on_the_map(client):
    """Median standard of living: higher is less fragile, so the region with the lowest value ranks 1st."""
    median = make_indicator("mediane", D.HIGHER_LESS_FRAGILE, ["niveau-de-vie"], name="Médiane", unit="euros")
    make_values(median, Level.REGION, {"32": "21000", "11": "26000", "24": "23000"})

    profile = client.get("/territoires/32/").content.decode()
    table = client.get("/territoires/?indicateur=mediane&niveau=region").content.decode()

    assert "1ʳᵉ région sur 3" in re.search(r'<th scope="row">Médiane.*?</tr>', profile, re.S)[0]
    map_row = re.search(r'<a href="/territoires/32/">Hauts-de-France</a>.*?</tr>', table, re.S)[0]
    assert '<td class="num">1 sur 3</td>' in map_row
    assert "Rang de fragilité" in table and "(1 = la plus fragile)" in table
    paris_row = re.search(r'<a href="/territoires/11/">Île-de-France</a>.*?</tr>', table, re.S)[0]
    assert '<td class="num">3 sur 3</td>' in paris_row


def test_the_department_page_has_region_and_france_columns(client):
    poverty = make_indicator("pauvrete", D.HIGHER_MORE_FRAGILE, ["pauvrete-exclusion"], name="Pauvreté")
    make_values(poverty, Level.DEPARTMENT, {"93": "28.4", "75": "15.2"})
    make_values(poverty, Level.REGION, {"11": "15.4", "24": "13.1"})
    make_values(poverty, Level.METROPOLE, {"FM": "14.9"})

    content = client.get("/territoires/departements/93/").content.decode()

    head = re.search(r'<table class="data-table indicator-table">.*?</thead>', content, re.S)[0]
    assert re.findall(r'<th scope="col"[^>]*>(.*?)</th>', head)[2:5] == [
        "Seine-Saint-Denis (93)",
        "Région Île-de-France",
        "France",
    ]
    row = re.search(r'<th scope="row">Pauvreté.*?</tr>', content, re.S)[0]
    assert re.findall(r'<td class="num">(.*?)</td>', row, re.S)[1:] == [
        "15,4",
        '14,9 <span class="muted">(France métropolitaine)</span>',
    ]


def test_a_department_has_no_position_in_a_domain_whose_only_indicator_is_regional_and_says_so(client):
    surveys_demo()
    gdp = make_indicator("pib", D.HIGHER_LESS_FRAGILE, ["developpement-economique"], name="PIB", unit="euros")
    make_values(gdp, Level.REGION, {"11": "63256", "24": "33000"})

    response = client.get("/territoires/departements/93/")

    economy = next(p for p in response.context["profile"].positions if p.domain.slug == "developpement-economique")
    assert economy.score is None and economy.level_lacks_source
    row = re.search(r'<a href="/domaines/developpement-economique/">.*?</tr>', response.content.decode(), re.S)[0]
    assert "la source ne donne pas de valeur par département : pas de position dans ce domaine" in row
    assert "pas de valeur par département dans la source" in response.content.decode()  # in the chart too


def test_a_region_page_shows_its_departments_values_and_ranks_as_an_accessible_heat_table(client):
    poverty = make_indicator("pauvrete", D.HIGHER_MORE_FRAGILE, ["pauvrete-exclusion"], name="Pauvreté")
    make_values(poverty, Level.DEPARTMENT, {"93": "28.4", "75": "15.2", "23": "19.1"})

    content = client.get("/territoires/11/").content.decode()

    table = re.search(r'<caption id="departements-indicateurs-legende">.*?</table>', content, re.S)[0]
    row = re.search(r"Seine-Saint-Denis</a>.*?</tr>", table, re.S)[0]
    assert '<td class="heat heat-5">28,4<br>' in row and '1<span class="visually-hidden"> sur 3</span>' in row
    paris = re.search(r">Paris</a>.*?</tr>", table, re.S)[0]
    assert '<td class="heat heat-1">15,2<br>' in paris
    assert "non disponible dans la source" in re.search(r">Essonne</a>.*?</tr>", table, re.S)[0]
