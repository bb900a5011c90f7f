"""A case's observed impacts and SDGs through the case file: exported, imported back unchanged; a bad
`impacts` cell is an error of its row and column, and the file writes nothing."""

import json

import pytest
import tablib

from cases.models import Case, CaseImpact
from cases.resources import CaseResource
from foundation.reference.models import Impact
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _state() -> list:
    return [
        (
            case.slug,
            sorted(case.sdgs.values_list("number", flat=True)),
            list(
                case.observed_impacts.values_list(
                    "impact__slug", "evidence", "evidence_url", "formal_evaluation", "evaluation_url"
                )
            ),
        )
        for case in Case.objects.order_by("slug")
    ]


@pytest.fixture
def stated():
    case = CaseFactory(slug="alliance-fictive-mesuree", status=Case.Status.DRAFT)
    case.sdgs.set([17, 4])
    CaseImpact.objects.create(
        case=case,
        impact=Impact.objects.get(slug="innovation-societale"),
        evidence="Une solution fictive reprise ailleurs ; « citée » deux fois.",
        formal_evaluation=True,
        evaluation_url="https://example.org/evaluation",
    )
    CaseImpact.objects.create(case=case, impact=Impact.objects.get(slug="confiance"), evidence="Fictif.")
    CaseFactory(slug="alliance-fictive-sans-impact", status=Case.Status.DRAFT)
    return case


def test_export_then_import_gives_the_same_impacts_and_goals(curator, stated):
    before = _state()
    exported = CaseResource().export()
    row = exported.dict[[item["slug"] for item in exported.dict].index(stated.slug)]
    assert row["sdgs"] == "4|17"
    assert [item["impact"] for item in json.loads(row["impacts"])] == ["innovation-societale", "confiance"]
    Case.objects.all().delete()
    result = CaseResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False, user=curator)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _state() == before
    again = CaseResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False, user=curator)
    assert again.totals["skip"] == 2


@pytest.mark.parametrize(
    "cell",
    [
        "pas du json",
        json.dumps([{"impact": "inconnu", "evidence": "x"}]),
        json.dumps([{"impact": "confiance"}]),
        json.dumps([{"impact": "confiance", "evidence": "x", "evaluation_url": "https://example.org/r"}]),
        json.dumps([{"impact": "confiance", "evidence": "x", "evidence_document": 999999}]),
    ],
)
def test_a_bad_impacts_cell_names_its_row_and_column_and_writes_nothing(curator, stated, cell):
    before = _state()
    exported = CaseResource().export()
    data = tablib.Dataset(headers=exported.headers)
    for row in exported.dict:
        data.append(
            [cell if column == "impacts" and row["slug"] == stated.slug else row[column] for column in exported.headers]
        )
    result = CaseResource().import_data(data, dry_run=False, user=curator)
    assert result.has_validation_errors()
    invalid = result.invalid_rows[0]
    assert "impacts" in invalid.error_dict
    assert _state() == before
