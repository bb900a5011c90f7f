import pytest
import tablib

from cases.models import Case
from cases.resources import CaseResource

pytestmark = pytest.mark.django_db

HEADER = ["slug", "title", "summary", "status", "is_fictitious", "domains", "dynamics", "departments", "start_year"]


def _dataset(rows):
    return tablib.Dataset(*rows, headers=HEADER)


def _row(n, domains="sante|education", departments="69", **overrides):
    row = {
        "slug": f"cas-importe-{n}",
        "title": f"Cas importé {n}",
        "summary": "Résumé de démonstration.",
        "status": "published",
        "is_fictitious": "oui",
        "domains": domains,
        "dynamics": "tiers-lieux",
        "departments": departments,
        "start_year": "2019",
    }
    row.update(overrides)
    return [row[column] for column in HEADER]


def test_a_good_file_creates_cases_with_their_tags():
    result = CaseResource().import_data(_dataset([_row(1), _row(2, domains="emploi")]), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    case = Case.objects.get(slug="cas-importe-1")
    assert set(case.domains.values_list("slug", flat=True)) == {"sante", "education"}
    assert list(case.dynamics.values_list("slug", flat=True)) == ["tiers-lieux"]
    assert list(case.regions.values_list("code", flat=True)) == ["84"]
    assert case.published_at is not None and case.is_fictitious
    assert Case.objects.count() == 2


def test_a_dry_run_writes_nothing():
    result = CaseResource().import_data(_dataset([_row(1)]), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        ({"domains": "sante|pas-un-domaine"}, "domains"),
        ({"departments": "999"}, "departments"),
        ({"status": "publie"}, "status"),
        ({"start_year": "deux mille"}, "start_year"),
        ({"title": ""}, "title"),
        ({"is_fictitious": "peut-être"}, "is_fictitious"),
    ],
)
def test_one_bad_row_among_many_writes_nothing_and_names_line_and_column(bad, column):
    rows = [_row(n) for n in range(1, 8)]
    rows[4] = _row(5, **bad)
    result = CaseResource().import_data(_dataset(rows), dry_run=False)
    assert result.has_validation_errors()
    assert [(row.number, list(row.error_dict)) for row in result.invalid_rows] == [(5, [column])]
    assert Case.objects.count() == 0


def test_export_then_import_gives_the_same_cases():
    CaseResource().import_data(_dataset([_row(1), _row(2, domains="emploi", departments="2A|13")]), dry_run=False)
    exported = CaseResource().export()
    Case.objects.all().delete()
    result = CaseResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    case = Case.objects.get(slug="cas-importe-2")
    assert set(case.departments.values_list("code", flat=True)) == {"2A", "13"}
    assert set(case.regions.values_list("code", flat=True)) == {"94", "93"}
