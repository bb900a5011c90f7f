"""The objective fragility position on a small example computed by hand.

Four regions (11, 24, 27, 28), two domains with indicators, one without:

- pauvrete-exclusion: poverty rate (higher = more fragile; 28 has no value; 11 also has an older period)
  and median standard of living (higher = less fragile); population (context) is linked to it and must
  not count.
- sante: GP density (higher = less fragile; 28 has no value, so no position in this domain).
- emploi: no official indicator.

Percentile rank = 100 × (peers less fragile + ½ other peers equally fragile) / (peers − 1).

Poverty 15, 13, 13 (11, 24, 27):            11 → 100, 24 → 25, 27 → 25;   ranks 1, 2, 2
Median 24000, 22000, 21000, 23000 (…, 28):   11 → 0, 24 → 200/3, 27 → 100, 28 → 100/3;   ranks 4, 2, 1, 3
Pauvreté score: 11 → 50, 24 → 275/6, 27 → 125/2, 28 → 100/3;   ranks 2, 3, 1, 4 (of 4)
GP 120, 100, 140 (11, 24, 27):              11 → 50, 24 → 100, 27 → 0;   ranks 2, 1, 3 (of 3)
"""

from fractions import Fraction

import pytest

from indicators.method import compute_positions
from indicators.models import Indicator, IndicatorValue
from indicators.services import indicators_load
from tests.profile_data import make_indicator, make_values

pytestmark = pytest.mark.django_db
Level = IndicatorValue.Level
D = Indicator.Direction


@pytest.fixture
def example():
    poverty = make_indicator("taux-pauvrete", D.HIGHER_MORE_FRAGILE, ["pauvrete-exclusion"], position=1)
    median = make_indicator("niveau-vie", D.HIGHER_LESS_FRAGILE, ["pauvrete-exclusion"], position=2, unit="€")
    population = make_indicator("population", D.CONTEXT, ["pauvrete-exclusion"], position=0, unit="habitants")
    doctors = make_indicator("densite-generalistes", D.HIGHER_LESS_FRAGILE, ["sante"], position=3)
    make_values(poverty, Level.REGION, {"11": "15", "24": "13", "27": "13"})
    make_values(poverty, Level.REGION, {"11": "30"}, year=2020)
    make_values(poverty, Level.FRANCE, {"FR": "14.5"})
    make_values(poverty, Level.METROPOLE, {"FM": "14.9"})
    make_values(poverty, Level.DEPARTMENT, {"93": "99", "75": "1"})
    make_values(median, Level.REGION, {"11": "24000", "24": "22000", "27": "21000", "28": "23000"})
    make_values(population, Level.REGION, {"11": "12000000", "24": "2500000", "27": "2800000", "28": "3300000"})
    make_values(doctors, Level.REGION, {"11": "120", "24": "100", "27": "140"}, year=2025, period="2025-01-01")
    return {"poverty": poverty, "median": median, "population": population, "doctors": doctors}


def by_slug(positions, code):
    return {position.domain.slug: position for position in positions.for_territory(code)}


def test_it_scores_each_domain_as_the_mean_of_the_percentile_ranks_the_territory_has(example):
    positions = compute_positions(Level.REGION)

    scores = {code: by_slug(positions, code)["pauvrete-exclusion"].score for code in ("11", "24", "27", "28")}

    assert scores == {"11": 50, "24": Fraction(275, 6), "27": Fraction(125, 2), "28": Fraction(100, 3)}


def test_it_ranks_the_most_fragile_first_among_the_peers_with_a_score(example):
    positions = compute_positions(Level.REGION)

    poverty = {code: by_slug(positions, code)["pauvrete-exclusion"] for code in ("11", "24", "27", "28")}
    health = {code: by_slug(positions, code)["sante"] for code in ("11", "24", "27")}

    assert {code: p.rank for code, p in poverty.items()} == {"11": 2, "24": 3, "27": 1, "28": 4}
    assert {p.peers for p in poverty.values()} == {4}
    assert {code: p.rank for code, p in health.items()} == {"11": 2, "24": 1, "27": 3}
    assert {code: p.score for code, p in health.items()} == {"11": 50, "24": 100, "27": 0}
    assert {p.peers for p in health.values()} == {3}


def test_a_territory_without_any_value_in_a_domain_has_no_position_not_zero(example):
    health = by_slug(compute_positions(Level.REGION), "28")["sante"]

    assert health.has_indicators
    assert (health.score, health.rank, health.peers) == (None, None, 3)
    assert health.used == ()
    assert [position.reading for position in health.indicators] == [None]


def test_it_turns_an_indicator_where_lower_is_more_fragile_and_gives_its_own_rank(example):
    pauvrete = by_slug(compute_positions(Level.REGION), "27")["pauvrete-exclusion"]

    poverty, median = pauvrete.indicators
    assert (median.indicator.slug, median.percentile, median.rank, median.peers) == ("niveau-vie", 100, 1, 4)
    assert (poverty.indicator.slug, poverty.percentile, poverty.rank, poverty.peers) == ("taux-pauvrete", 25, 2, 3)


def test_context_indicators_never_enter_a_position_but_are_shown_in_the_profile(example):
    positions = compute_positions(Level.REGION)

    pauvrete = by_slug(positions, "11")["pauvrete-exclusion"]
    profile = {position.indicator.slug: position for position in positions.all_indicators("11")}

    assert [position.indicator.slug for position in pauvrete.indicators] == ["taux-pauvrete", "niveau-vie"]
    assert str(profile["population"].reading.value) == "12000000.0000000"
    assert profile["population"].rank is None


def test_it_uses_the_latest_period_of_each_territory(example):
    poverty = by_slug(compute_positions(Level.REGION), "11")["pauvrete-exclusion"].indicators[0]

    assert (poverty.reading.period, str(poverty.reading.value)) == ("2021", "15.0000000")
    assert poverty.percentile == 100


def test_a_domain_without_official_indicator_is_listed_as_such_with_nothing_inferred(example):
    emploi = by_slug(compute_positions(Level.REGION), "11")["emploi"]

    assert not emploi.has_indicators
    assert (emploi.score, emploi.rank, emploi.peers) == (None, None, 0)


def test_it_exposes_the_national_references_where_the_source_gives_them(example):
    positions = compute_positions(Level.REGION)
    poverty, median = by_slug(positions, "11")["pauvrete-exclusion"].indicators

    assert [(ref.label, str(ref.reading.value)) for ref in poverty.references] == [
        ("France entière", "14.5000000"),
        ("France métropolitaine", "14.9000000"),
    ]
    assert median.references == ()


def test_departments_are_compared_among_departments_only(example):
    positions = compute_positions(Level.DEPARTMENT)

    seine_saint_denis = by_slug(positions, "93")["pauvrete-exclusion"]
    paris = by_slug(positions, "75")["pauvrete-exclusion"]

    assert (seine_saint_denis.score, seine_saint_denis.rank, seine_saint_denis.peers) == (100, 1, 2)
    assert (paris.score, paris.rank) == (0, 2)
    assert by_slug(positions, "75")["sante"].peers == 0


def test_a_single_territory_with_a_value_sits_in_the_middle():
    alone = make_indicator("seul", D.HIGHER_MORE_FRAGILE, ["education"])
    make_values(alone, Level.REGION, {"84": "3"})

    education = by_slug(compute_positions(Level.REGION), "84")["education"]

    assert (education.score, education.rank, education.peers) == (50, 1, 1)


def test_it_refuses_a_level_that_has_no_peers():
    with pytest.raises(ValueError):
        compute_positions(Level.FRANCE)


def test_it_reads_the_data_in_four_queries_whatever_its_size(example, django_assert_num_queries):
    with django_assert_num_queries(4):
        small = compute_positions(Level.REGION)
    more = make_indicator("chomage", D.HIGHER_MORE_FRAGILE, ["emploi"])
    make_values(more, Level.REGION, {"11": "7", "84": "6", "93": "9"})
    with django_assert_num_queries(4):
        large = compute_positions(Level.REGION)

    assert len(large.indicators) == len(small.indicators) + 1


def test_on_the_shipped_data_each_territory_is_read_at_its_own_period_and_extremes_stay_bounded():
    indicators_load()
    positions = compute_positions(Level.DEPARTMENT)
    diplomas = Indicator.objects.get(slug="part_peu_diplomes_20_24_ans")
    poverty = Indicator.objects.get(slug="taux_pauvrete_60")

    mayotte = positions.indicator_position(diplomas, "976")
    seine_saint_denis = positions.indicator_position(poverty, "93")
    above = [code for code, rank in positions.ranks[poverty.pk].items() if rank < seine_saint_denis.rank]

    assert (mayotte.reading.period, mayotte.rank, mayotte.peers, mayotte.percentile) == ("2017", 1, 101, 100)
    assert positions.indicator_position(diplomas, "93").reading.period == "2021"
    assert seine_saint_denis.peers == 98 and all(code.startswith("97") for code in above)
    scores = [score for by_code in positions.scores.values() for score in by_code.values()]
    assert scores and all(0 <= score <= 100 for score in scores)
