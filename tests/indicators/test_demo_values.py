"""The shipped indicators and values, as `load_demo` loads them, checked against the source file.

The sample below is written from fixtures/indicators/indicators.csv and its README (known values): if the
loaded data drifts from the file (a rounded rate, a missing value stored as 0, a lost row), this test fails.
"""

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from foundation.reference.models import Domain
from indicators.models import Indicator, IndicatorValue
from indicators.services import indicators_load

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "indicators"
REGION, DEPARTMENT = "region", "department"

SAMPLE = [
    # indicator, level, INSEE code, period, value exactly as the file prints it
    ("taux_pauvrete_60", DEPARTMENT, "93", "2021", "28.4"),  # the README's known value
    ("niveau_vie_median", DEPARTMENT, "92", "2021", "29720"),
    ("taux_chomage_localise", REGION, "84", "2024-T4", "6.3"),  # checked against INSEE's series in the README
    ("part_population_couverte_rsa", REGION, "94", "2023-12-31", "3"),
    ("part_beneficiaires_css", DEPARTMENT, "974", "2024-12-31", "42.4"),
    ("beneficiaires_apa_pour_100_75_plus", DEPARTMENT, "23", "2023-12-31", "26.1"),
    ("part_peu_diplomes_20_24_ans", DEPARTMENT, "976", "2017", "61.2"),  # Mayotte: 2017 census
    ("population_estimee", REGION, "11", "2025-01-01", "12450849"),
    ("part_75_ans_ou_plus", DEPARTMENT, "23", "2025-01-01", "16.1"),
    ("delinquance_coups_blessures_volontaires", DEPARTMENT, "973", "2024", "9.6053152"),
    ("delinquance_cambriolages_logement", REGION, "03", "2024", "10.5338640"),  # seven decimals, trailing zero
    ("delinquance_vols_sans_violence_personnes", DEPARTMENT, "75", "2024", "46.8731445"),
    ("delinquance_destructions_degradations", REGION, "01", "2024", "7.8812417"),
    ("densite_medecins_generalistes", DEPARTMENT, "05", "2025-01-01", "288"),  # highest, per the README
    ("densite_medecins_generalistes", DEPARTMENT, "976", "2025-01-01", "39"),  # lowest, per the README
    ("part_dossiers_surendettement_impayes_energie", DEPARTMENT, "2A", "2024", "41.3"),
    ("part_familles_monoparentales", DEPARTMENT, "973", "2021", "45.8"),  # highest, per the README
    ("eleves_handicapes_pour_1000_eleves", DEPARTMENT, "971", "2023-2024", "43"),
    # The two extensions of December 2026, from the README's known values
    ("taux_deploiement_fibre", DEPARTMENT, "07", "2024-T2", "54.94"),  # lowest metropolitan department
    ("taux_deploiement_fibre", REGION, "11", "2024-T2", "95.0"),  # written as the file prints it
    ("taux_deploiement_fibre", DEPARTMENT, "976", "2024-T2", "0.0"),  # Mayotte: no FttH network, a real 0
    ("pib_par_habitant", REGION, "11", "2022", "63256"),  # highest
    ("pib_par_habitant", REGION, "06", "2022", "11579"),  # lowest
    ("taux_logements_suroccupes", DEPARTMENT, "93", "2021", "18.8"),  # highest metropolitan department
    ("taux_logements_suroccupes", REGION, "06", "2017", "53.16"),  # Mayotte: 2017 census
    ("part_domicile_travail_voiture", DEPARTMENT, "75", "2021", "9.88"),  # lowest
    ("part_domicile_travail_voiture", DEPARTMENT, "40", "2021", "86.84"),  # highest
    ("part_surface_consommee_depuis_2009", REGION, "02", "2009-2023", "1.84"),  # Martinique, highest
    ("part_surface_consommee_depuis_2009", REGION, "03", "2009-2023", "0.03"),  # Guyane, lowest
]

ABSENT = [
    # The source gives no value: no row, never 0.
    ("taux_pauvrete_60", DEPARTMENT, "971"),  # Filosofi does not cover Guadeloupe
    ("niveau_vie_median", DEPARTMENT, "976"),
    ("taux_chomage_localise", DEPARTMENT, "976"),
    ("part_population_couverte_rsa", DEPARTMENT, "2A"),  # left out: regional count divided by 2
    ("beneficiaires_apa_pour_100_75_plus", DEPARTMENT, "2B"),  # « n.d. »
    ("part_beneficiaires_css", DEPARTMENT, "976"),
    ("taux_pauvrete_60", REGION, "01"),  # DREES gives the overseas departments only
    ("pib_par_habitant", DEPARTMENT, "93"),  # regions only
    ("part_surface_consommee_depuis_2009", DEPARTMENT, "93"),  # regions only
    ("part_surface_consommee_depuis_2009", REGION, "06"),  # Mayotte is empty in the source
]

REFERENCES = [
    ("taux_pauvrete_60", "metropole", "2021", "14.9"),
    ("niveau_vie_median", "metropole", "2021", "23080"),
    ("taux_chomage_localise", "metropole", "2024-T4", "7.1"),
    ("densite_medecins_generalistes", "france", "2025-01-01", "146"),
    ("densite_medecins_generalistes", "metropole", "2025-01-01", "146"),
    ("part_dossiers_surendettement_impayes_energie", "metropole", "2024", "38"),
    ("part_familles_monoparentales", "metropole", "2021", "16.4"),
    ("eleves_handicapes_pour_1000_eleves", "metropole", "2023-2024", "44"),
    ("eleves_handicapes_pour_1000_eleves", "france", "2023-2024", "44"),
]


def _value(slug: str, level: str, code: str, period: str | None = None):
    values = IndicatorValue.objects.filter(indicator__slug=slug, level=level)
    values = values.filter(region_id=code) if level == REGION else values.filter(department_id=code)
    return values.filter(period=period).first() if period else values.first()


def _state() -> list[tuple]:
    return sorted(
        IndicatorValue.objects.values_list(
            "pk", "indicator__slug", "level", "region_id", "department_id", "year", "period", "value", "source", "note"
        ),
        key=str,
    )


def test_load_demo_says_how_many_indicators_and_values_it_loaded(demo):
    assert "22 official indicators, 2356 values loaded (11 national references)." in demo


@pytest.mark.parametrize(("slug", "level", "code", "period", "printed"), SAMPLE)
def test_a_value_is_the_one_the_file_prints(demo, slug, level, code, period, printed):
    value = _value(slug, level, code, period)
    assert value is not None
    assert value.value == Decimal(printed)


@pytest.mark.parametrize(("slug", "level", "code"), ABSENT)
def test_a_value_the_source_does_not_give_has_no_row(demo, slug, level, code):
    assert _value(slug, level, code) is None


@pytest.mark.parametrize(("slug", "level", "period", "printed"), REFERENCES)
def test_the_national_references_are_the_readme_s(demo, slug, level, period, printed):
    value = IndicatorValue.objects.get(indicator__slug=slug, level=level, period=period)
    assert value.value == Decimal(printed)
    assert value.note.startswith("README.md, « Verification done »")


def test_every_line_of_the_file_is_loaded_with_its_year_and_source(demo):
    with (FIXTURES / "indicators.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 2345
    loaded = {
        (value.indicator.slug, value.level, value.territory_code, value.period): value
        for value in IndicatorValue.objects.select_related("indicator").exclude(level__in=["france", "metropole"])
    }
    assert len(loaded) == 2345
    for row in rows:
        value = loaded[(row["indicator"], row["territory_level"], row["insee_code"], row["period"])]
        assert (value.value, value.year, value.source) == (Decimal(row["value"]), int(row["year"]), row["source"])


def test_the_twenty_two_indicators_carry_the_readme_s_definitions(demo):
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    indicators = list(Indicator.objects.prefetch_related("domains"))
    assert len(indicators) == 22
    for indicator in indicators:
        assert f"« {indicator.definition}" in readme, indicator.slug
        assert indicator.licence == "Licence Ouverte / Etalab 2.0"


def test_the_extensions_national_references_are_the_readme_s(demo):
    fibre = IndicatorValue.objects.get(indicator__slug="taux_deploiement_fibre", level="france", period="2024-T2")
    gdp = IndicatorValue.objects.get(indicator__slug="pib_par_habitant", level="metropole", period="2022")
    assert (fibre.value, gdp.value) == (Decimal("88.64"), Decimal("39323"))
    assert fibre.note.startswith("README.md, « Extension (December 2026) »")


def test_fifteen_domains_of_sixteen_have_an_indicator_and_culture_has_none(demo):
    fragility = Domain.objects.filter(indicators__direction__in=["plus-fragile", "moins-fragile"]).distinct()
    assert fragility.count() == 15
    assert not fragility.filter(slug="culture-loisirs").exists()


def test_each_indicator_has_its_direction_and_domains(demo):
    def described(slug):
        indicator = Indicator.objects.get(slug=slug)
        return indicator.direction, sorted(indicator.domains.values_list("slug", flat=True))

    assert described("taux_pauvrete_60") == ("plus-fragile", ["pauvrete-exclusion"])
    assert described("niveau_vie_median") == ("moins-fragile", ["niveau-de-vie"])
    assert described("densite_medecins_generalistes") == ("moins-fragile", ["sante"])
    assert described("population_estimee") == ("contexte", [])
    assert described("part_beneficiaires_css") == ("plus-fragile", ["pauvrete-exclusion", "sante"])
    assert described("taux_deploiement_fibre") == ("moins-fragile", ["acces-numerique"])
    assert described("pib_par_habitant") == ("moins-fragile", ["developpement-economique"])
    assert described("taux_logements_suroccupes") == ("plus-fragile", ["mal-logement"])
    assert described("part_domicile_travail_voiture") == ("plus-fragile", ["mobilite-transports"])
    assert described("part_surface_consommee_depuis_2009") == ("plus-fragile", ["environnement"])


def test_the_proxies_say_so_in_their_caveat(demo):
    caveats = dict(Indicator.objects.values_list("slug", "caveat"))
    assert "précarité énergétique" in caveats["part_dossiers_surendettement_impayes_energie"]
    assert "isolement" in caveats["part_familles_monoparentales"]
    assert "reconnu" in caveats["eleves_handicapes_pour_1000_eleves"]
    assert "provisoires" in caveats["taux_chomage_localise"]
    assert re.search(r"Mayotte.*2017", caveats["part_peu_diplomes_20_24_ans"])
    assert "dépendance à la voiture" in caveats["part_domicile_travail_voiture"]
    assert "Régions seulement" in caveats["pib_par_habitant"]


def test_a_second_load_changes_nothing(demo):
    before = _state()
    indicators_load()
    assert _state() == before


def test_a_second_load_restores_a_value_in_place(demo):
    value = _value("taux_pauvrete_60", DEPARTMENT, "93", "2021")
    IndicatorValue.objects.filter(pk=value.pk).update(value=Decimal("1"))
    indicators_load()
    assert IndicatorValue.objects.get(pk=value.pk).value == Decimal("28.4")
