"""Indicator fixtures: the shipped indicators and values loaded once per module, and a small indicator."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from foundation.reference.models import Domain
from foundation.reference.services import reference_load
from indicators.models import Indicator


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """What `load_demo` printed; its data (cases, figures, the 17 indicators and their values) stays loaded
    for the module's tests, each of which runs inside its own savepoint, and is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_load()
        output = io.StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


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
