import pytest
import tablib

from cases.api.writing import CaseWriteSerializer
from cases.models import Case
from cases.resources import CaseResource
from tests.conftest import grant
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

HEADER = ["slug", "title", "summary", "status", "is_fictitious", "domains", "dynamics", "departments", "start_year"]


def _dataset(rows):
    return tablib.Dataset(*rows, headers=HEADER)


def _import(rows, user, dry_run=False):
    return CaseResource().import_data(_dataset(rows), dry_run=dry_run, user=user)


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


def test_a_good_file_creates_cases_with_their_tags(curator):
    result = _import([_row(1), _row(2, domains="emploi")], curator)
    assert not result.has_errors() and not result.has_validation_errors()
    case = Case.objects.get(slug="cas-importe-1")
    assert set(case.domains.values_list("slug", flat=True)) == {"sante", "education"}
    assert list(case.dynamics.values_list("slug", flat=True)) == ["tiers-lieux"]
    assert list(case.regions.values_list("code", flat=True)) == ["84"]
    assert case.published_at is not None and case.is_fictitious
    assert Case.objects.count() == 2


def test_a_dry_run_writes_nothing(curator):
    result = _import([_row(1)], curator, dry_run=True)
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
def test_one_bad_row_among_many_writes_nothing_and_names_line_and_column(bad, column, curator):
    rows = [_row(n) for n in range(1, 8)]
    rows[4] = _row(5, **bad)
    result = _import(rows, curator)
    assert result.has_validation_errors()
    assert [(row.number, list(row.error_dict)) for row in result.invalid_rows] == [(5, [column])]
    assert Case.objects.count() == 0


def test_export_then_import_gives_the_same_cases(curator):
    _import([_row(1), _row(2, domains="emploi", departments="2A|13")], curator)
    exported = CaseResource().export()
    Case.objects.all().delete()
    result = CaseResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False, user=curator)
    assert not result.has_errors() and not result.has_validation_errors()
    case = Case.objects.get(slug="cas-importe-2")
    assert set(case.departments.values_list("code", flat=True)) == {"2A", "13"}
    assert set(case.regions.values_list("code", flat=True)) == {"94", "93"}


def test_the_case_file_has_a_column_for_each_field_the_api_writes_but_the_lists_of_their_own():
    """One list of a case's writable fields: a field writable through the API is a column of the file, and
    the other way round; only the organisations and the links, lists of their own, are the API's alone."""
    columns = CaseResource().get_export_headers()
    assert columns[:3] == ["slug", "title", "summary"]
    assert set(CaseWriteSerializer().fields) - set(columns) == {"participations", "links"}
    assert set(columns) <= set(CaseWriteSerializer().fields)


# Status: the import follows the workflow and the permission to publish, like every other path -------------


@pytest.fixture
def editor(staff_without_permission):
    """A staff member who may import and edit cases, but not publish them."""
    grant(staff_without_permission, "cases.view_case", "cases.add_case", "cases.change_case")
    return staff_without_permission


def _statuses() -> dict[str, str]:
    return dict(Case.objects.values_list("slug", "status"))


@pytest.mark.parametrize(
    ("existing", "target"),
    [
        (None, Case.Status.PUBLISHED),
        (None, Case.Status.REVIEW),
        (Case.Status.DRAFT, Case.Status.PUBLISHED),
        (Case.Status.ARCHIVED, Case.Status.PUBLISHED),
        (Case.Status.PUBLISHED, Case.Status.DRAFT),
    ],
)
def test_it_refuses_a_status_change_to_an_importer_who_may_not_publish(editor, existing, target):
    if existing:
        CaseFactory(slug="cas-importe-2", status=existing)
    before = _statuses()
    result = _import([_row(1, status="draft"), _row(2, status=target)], editor)
    assert [(row.number, list(row.error_dict)) for row in result.invalid_rows] == [(2, ["status"])]
    assert result.invalid_rows[0].error_dict["status"] == [
        "Changer le statut d'une étude de cas demande la permission de publier."
    ]
    assert _statuses() == before


def test_an_importer_who_may_not_publish_imports_drafts_and_keeps_statuses(editor):
    CaseFactory(slug="cas-importe-2", status=Case.Status.PUBLISHED, title="Ancien titre")
    result = _import([_row(1, status="draft"), _row(2, status="published", title="Titre corrigé")], editor)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _statuses() == {"cas-importe-1": "draft", "cas-importe-2": "published"}
    assert Case.objects.get(slug="cas-importe-2").title == "Titre corrigé"


def test_an_import_without_a_user_changes_no_status():
    result = CaseResource().import_data(_dataset([_row(1)]), dry_run=False)
    assert list(result.invalid_rows[0].error_dict) == ["status"]
    assert Case.objects.count() == 0


def test_it_refuses_a_move_the_workflow_forbids_even_to_a_curator(curator):
    archived = CaseFactory(slug="cas-importe-3", status=Case.Status.ARCHIVED)
    result = _import([_row(1), _row(2, status="review"), _row(3, status="published")], curator)
    assert [(row.number, list(row.error_dict)) for row in result.invalid_rows] == [(3, ["status"])]
    assert result.invalid_rows[0].error_dict["status"] == ["Passage impossible de « Archivée » à « Publiée »."]
    assert _statuses() == {archived.slug: Case.Status.ARCHIVED}


def test_a_curator_publishes_a_new_case_and_a_draft_by_import(curator):
    CaseFactory(slug="cas-importe-2", status=Case.Status.DRAFT, published_at=None)
    result = _import([_row(1), _row(2)], curator)
    assert not result.has_validation_errors()
    assert _statuses() == {"cas-importe-1": "published", "cas-importe-2": "published"}
    assert Case.objects.get(slug="cas-importe-2").published_at is not None


# Duplicates and formulas ------------------------------------------------------------------------------


def test_a_slug_given_twice_is_refused_at_its_second_row(curator):
    result = _import([_row(1), _row(2), _row(1, title="Autre titre")], curator)
    assert [(row.number, row.error_dict) for row in result.invalid_rows] == [
        (3, {"slug": ["Le slug « cas-importe-1 » figure déjà à la ligne 1 du fichier."]})
    ]
    assert Case.objects.count() == 0


def test_escaped_formulas_and_genuine_apostrophes_read_back_as_they_were(curator):
    titles = {
        '\'=HYPERLINK("https://example.org")': '=HYPERLINK("https://example.org")',
        "'＝1+1": "＝1+1",
        "' @SUM(A1)": " @SUM(A1)",
        "''=pas une formule": "'=pas une formule",
        "'L'apostrophe d'abord": "'L'apostrophe d'abord",
    }
    rows = [_row(n, title=cell, status="draft") for n, cell in enumerate(titles, start=1)]
    result = _import(rows, curator)
    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    assert sorted(Case.objects.values_list("title", flat=True)) == sorted(titles.values())
