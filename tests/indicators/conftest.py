"""Indicator fixtures: the shipped indicators and values loaded once per module, and a small indicator."""

import io

import pytest
from django.core.management import call_command

from foundation.reference.models import Domain
from indicators.models import Indicator
from tests.module_data import module_data


@module_data
def demo_output():
    """What `load_demo` printed; its data (cases, figures, the indicators and their values) stays loaded for
    the module's tests (tests/module_data.py)."""
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def make_indicator(slug: str = "taux_fictif", **overrides) -> Indicator:
    """A fictitious indicator, for import tests that need one indicator only."""
    values = {
        "name": "Taux fictif (démonstration)",
        "definition": "Taux fictif",
        "unit": "% des personnes",
        "producer": "Producteur fictif",
        "source_url": "https://example.org/source",
        "licence": "Licence Ouverte / Etalab 2.0",
        "direction": Indicator.Direction.HIGHER_MORE_FRAGILE,
    } | overrides
    indicator = Indicator.objects.create(slug=slug, **values)
    indicator.domains.set(Domain.objects.filter(slug="pauvrete-exclusion"))
    return indicator
