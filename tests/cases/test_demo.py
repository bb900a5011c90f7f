import json

import pytest
from django.core.management import call_command

from cases.models import Case
from cases.search import search
from cases.services import DEMO_CASES

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_load_demo_publishes_the_sources_cases_with_exactly_their_facts():
    call_command("load_demo")
    source = json.loads(DEMO_CASES.read_text(encoding="utf-8"))["cases"]
    assert Case.objects.published().filter(is_fictitious=False).count() == len(source) == 18
    silver = Case.objects.get(title="Silver Geek")
    assert list(silver.dynamics.values_list("slug", flat=True)) == ["experimentation-collective"]
    assert list(silver.departments.values_list("code", flat=True)) == ["86"]
    assert list(silver.domains.values_list("slug", flat=True)) == ["acces-numerique"]
    assert silver.start_year is None and silver.participations.count() == 0
    assert "numérique" in silver.body
    ronalpia = Case.objects.get(title="Ronalpia")
    assert ronalpia.domains.count() == 0
    assert list(ronalpia.regions.values_list("code", flat=True)) == ["84"]


def test_load_demo_twice_does_not_duplicate():
    call_command("load_demo")
    call_command("load_demo")
    assert Case.objects.count() == 18


def test_synthetic_cases_are_all_marked_fictitious_and_tagged():
    call_command("load_demo", synthetic=40, seed=3)
    fictitious = Case.objects.filter(is_fictitious=True)
    assert fictitious.count() == 40
    assert fictitious.published().count() == 40
    assert not fictitious.filter(dynamics=None).exists()
    assert not fictitious.filter(departments=None).exists()
    assert not fictitious.filter(regions=None).exists()
    assert not fictitious.filter(domains=None).exists()
    first = fictitious.order_by("pk").first()
    assert first.pk in search({"q": first.title.split()[0]}, user=None).ids()
