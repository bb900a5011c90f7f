import json

import pytest
from django.core.management import call_command

from cases.models import Case, CaseImpact, Collection, CollectionEntry
from cases.search import search
from cases.services import DEMO_CASES, DEMO_COLLECTIONS
from tests.module_data import module_data

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

SYNTHETIC = {"synthetic": 40, "seed": 3}


@module_data
def demo():
    """The demo as `make demo` loads it, with fictitious cases beside the source's."""
    call_command("load_demo", **SYNTHETIC)


def test_load_demo_publishes_the_sources_cases_with_exactly_their_facts(demo):
    source = json.loads(DEMO_CASES.read_text(encoding="utf-8"))["cases"]
    assert Case.objects.published().filter(is_fictitious=False).count() == len(source) == 21
    silver = Case.objects.get(title="Silver Geek")
    assert list(silver.dynamics.values_list("slug", flat=True)) == ["experimentation-collective"]
    assert list(silver.departments.values_list("code", flat=True)) == ["86"]
    assert list(silver.domains.values_list("slug", flat=True)) == ["acces-numerique"]
    assert silver.start_year is None and silver.participations.count() == 0
    assert "numérique" in silver.body
    ronalpia = Case.objects.get(title="Ronalpia")
    assert ronalpia.domains.count() == 0
    assert list(ronalpia.regions.values_list("code", flat=True)) == ["84"]


def test_load_demo_twice_does_not_duplicate(demo):
    call_command("load_demo")  # what `make demo` runs the second time (scripts/demo.sh)
    assert Case.objects.count() == 21 + 40
    assert CollectionEntry.objects.count() == 3 + 21


def test_synthetic_cases_are_all_marked_fictitious_and_tagged(demo):
    fictitious = Case.objects.filter(is_fictitious=True)
    assert fictitious.count() == 40
    assert fictitious.published().count() == 40
    assert not fictitious.filter(dynamics=None).exists()
    assert not fictitious.filter(departments=None).exists()
    assert not fictitious.filter(regions=None).exists()
    assert not fictitious.filter(domains=None).exists()
    first = fictitious.order_by("pk").first()
    assert first.pk in search({"q": first.title.split()[0]}, user=None).ids()


# What deck p. 20 prints of the three initiatives of Paris Est Marne & Bois (94), read from the OCR text.
PAGE_20 = {
    "Agir Ensemble à Charenton": None,
    "Vitawin": "éducation",
    "Club Gravelle Entreprendre": None,
}


def test_the_three_cases_of_paris_est_marne_et_bois_say_only_what_the_deck_prints(demo):
    source = {row["title"]: row for row in json.loads(DEMO_CASES.read_text(encoding="utf-8"))["cases"]}
    for title, theme in PAGE_20.items():
        row, case = source[title], Case.objects.get(title=title)
        assert row["printed_theme"] == theme and row["department"] == "94"
        assert row["dynamic"] is None and row["organizations"] == []
        assert list(case.departments.values_list("code", flat=True)) == ["94"]
        assert list(case.regions.values_list("code", flat=True)) == ["11"]
        assert case.dynamics.count() == 0 and case.participations.count() == 0
        assert case.start_year is None and case.outcomes == "" and not case.is_fictitious
        assert not CaseImpact.objects.filter(case=case).exists() and case.sdgs.count() == 0
        assert "Paris Est Marne & Bois - 94" in case.summary
        facts = case.body.split("avec : ")[1].split(".")[0]
        assert facts == ("thème « éducation », département 94" if theme else "département 94")
    assert list(Case.objects.get(title="Vitawin").domains.values_list("slug", flat=True)) == ["education"]


def test_the_decks_two_collections_keep_the_printed_order(demo):
    printed = json.loads(DEMO_COLLECTIONS.read_text(encoding="utf-8"))["collections"]
    territory = Collection.objects.get(slug="paris-est-marne-et-bois-94")
    assert list(territory.entries.values_list("case__title", flat=True)) == list(PAGE_20)
    assert territory.department_id == "94" and territory.region_id == "11" and territory.is_published
    assert "Complémentarité des 8 tiers lieux sur le territoire" in territory.description
    mission = Collection.objects.get(slug="mission-ministerielle-alliances-strategiques-2020")
    slugs = list(mission.entries.values_list("case__slug", flat=True))
    assert slugs == printed[1]["cases"] and len(slugs) == 21
    assert (
        slugs[0] == "start-up-de-territoire-labo-des-partenariats-d-alsace"
        and slugs[-1] == "club-gravelle-entreprendre"
    )
    assert "Assemblée Nationale — Le RAMEAU, mai 2020" in mission.source


def test_the_sources_cases_get_no_impact_and_the_fictitious_ones_get_fictitious_ones(demo):
    assert not CaseImpact.objects.filter(case__is_fictitious=False).exists()
    assert not Case.objects.filter(is_fictitious=False, sdgs__isnull=False).exists()
    observed = CaseImpact.objects.filter(case__is_fictitious=True)
    assert observed.exists() and all("fictif" in evidence for evidence in observed.values_list("evidence", flat=True))
    assert Case.objects.filter(is_fictitious=True, sdgs=17).exists()
