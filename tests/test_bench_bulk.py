"""`cases_bulk_create` over several batches: every case rendered, tagged and indexed as a single save would."""

import pytest

from bench.bulk import cases_bulk_create, synthetic_rows
from cases.models import Case
from cases.search import search
from foundation.reference.text import render_markdown

pytestmark = pytest.mark.django_db


def test_a_load_of_several_batches_renders_and_indexes_every_case():
    rows = list(synthetic_rows(7, seed=5))

    created = cases_bulk_create(rows=rows, batch_size=3)

    cases = Case.objects.filter(slug__in=[row["slug"] for row in rows])
    assert created == cases.count() == 7
    for row in rows:
        case = cases.get(slug=row["slug"])
        assert case.body_html == render_markdown(row["body"])
        assert sorted(case.domains.values_list("slug", flat=True)) == sorted(row["domains"])
    assert not cases.filter(regions=None).exists()
    word = rows[-1]["title"].split()[-1]
    assert cases.get(slug=rows[-1]["slug"]).pk in search({"q": word}, user=None).ids()
