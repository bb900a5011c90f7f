"""The impacts of deck p. 24 and the 17 Sustainable Development Goals, as `load_reference` loads them."""

import pytest

from foundation.reference.models import Impact, SustainableDevelopmentGoal
from foundation.reference.services import reference_load

pytestmark = pytest.mark.django_db


def test_it_loads_the_six_kinds_of_the_three_impacts_with_the_decks_wording_and_page():
    families = {
        family: list(Impact.objects.filter(family=family).values_list("slug", flat=True))
        for family in Impact.Family.values
    }
    assert families == {
        "performance": [
            "performance-acteurs-economiques",
            "performance-structures-interet-general",
            "performance-acteurs-publics",
        ],
        "innovation": ["innovation-territoriale", "innovation-societale"],
        "confiance": ["confiance"],
    }
    public = Impact.objects.get(slug="performance-acteurs-publics")
    assert public.description == "Performance des acteurs publics pour co-construire les politiques publiques"
    assert set(Impact.objects.values_list("source_page", flat=True)) == {24}


def test_it_loads_the_17_goals_with_their_official_french_and_english_names():
    goals = list(SustainableDevelopmentGoal.objects.values_list("number", "name", "name_en"))
    assert [number for number, _, _ in goals] == list(range(1, 18))
    assert goals[0] == (1, "Pas de pauvreté", "No poverty")
    assert goals[16] == (17, "Partenariats pour la réalisation des objectifs", "Partnerships for the goals")
    assert str(SustainableDevelopmentGoal.objects.get(number=4)) == "ODD 4 — Éducation de qualité"


def test_a_second_run_writes_nothing_and_a_changed_name_is_restored():
    assert not reference_load().changed
    SustainableDevelopmentGoal.objects.filter(number=13).update(name="Climat")
    Impact.objects.filter(slug="confiance").update(source_page=None)
    report = reference_load()
    assert report.updated == {"sdgs": 1, "impacts": 1} and not report.created
    assert SustainableDevelopmentGoal.objects.get(number=13).name.startswith("Mesures relatives")
    assert Impact.objects.count() == 6 and SustainableDevelopmentGoal.objects.count() == 17
