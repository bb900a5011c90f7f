"""`?format=csv` on the lists: all matching rows, streamed, stable columns, formulas neutralised."""

import csv
import io

import pytest
import tablib

from cases.models import Case
from cases.resources import CaseResource
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

CASE_COLUMNS = [
    "slug",
    "title",
    "summary",
    "title_en",
    "summary_en",
    "body",
    "outcomes",
    "start_year",
    "end_year",
    "scale",
    "place",
    "country",
    "status",
    "is_fictitious",
    "source",
    "citation",
    "domains",
    "partnership_types",
    "engagement_practices",
    "dynamics",
    "regions",
    "departments",
    "sdgs",
    "impacts",
    "organizations",
    "url",
    "published_at",
    "updated_at",
    "images",
    "documents",
]


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_as_many_rows_as_the_json_count_whatever_the_page_size(client):
    CaseFactory.create_batch(25, domains=["sante"])
    CaseFactory.create_batch(3, domains=["emploi"])
    CaseFactory(status=Case.Status.DRAFT, published_at=None, domains=["sante"])

    count = client.get("/api/v1/cases/?domain=sante&page_size=10").json()["count"]
    rows = _rows(client.get("/api/v1/cases/?domain=sante&page_size=10&format=csv"))

    assert count == 25
    assert len(rows) == count


def test_the_columns_are_stable_and_tags_are_joined_with_a_bar(client):
    case = CaseFactory(slug="csv-fictif", domains=["sante", "emploi"], departments=["69", "2A"])
    ParticipationFactory(case=case, organization=OrganizationFactory(name="Association fictive Delta"), role="porteur")

    response = client.get("/api/v1/cases/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="observatoire-cas.csv"'
    [row] = _rows(response)

    assert list(row) == CASE_COLUMNS
    assert row["domains"] == "emploi|sante"
    assert row["departments"] == "2A|69"
    assert row["regions"] == "84|94"
    assert row["organizations"] == "Association fictive Delta (porteur)"
    assert row["url"] == "http://testserver/cas/csv-fictif/"
    assert row["is_fictitious"] == "1"


def test_cells_a_spreadsheet_would_evaluate_get_a_leading_apostrophe(client):
    CaseFactory(
        title='=HYPERLINK("https://example.org","clic")',
        summary="+33 1 23 45 67 89",
        place="@SUM(A1)",
        source="-2+3",
        outcomes="\tcaché",
        citation="\rretour",
        body="Un texte = ordinaire",
    )
    [row] = _rows(client.get("/api/v1/cases/?format=csv"))
    assert row["title"] == '\'=HYPERLINK("https://example.org","clic")'
    assert row["summary"] == "'+33 1 23 45 67 89"
    assert row["place"] == "'@SUM(A1)"
    assert row["source"] == "'-2+3"
    assert row["outcomes"] == "'\tcaché"
    assert row["citation"] == "'\rretour"
    assert row["body"] == "Un texte = ordinaire"


def test_accept_text_csv_asks_for_csv_too(client):
    CaseFactory()
    response = client.get("/api/v1/cases/", headers={"Accept": "text/csv"})
    assert len(_rows(response)) == 1


@pytest.mark.parametrize(
    ("path", "rows", "first_columns"),
    [
        ("/api/v1/domains/", 16, ["slug", "name", "description", "position", "group"]),
        ("/api/v1/regions/", 18, ["code", "name", "zone"]),
        ("/api/v1/departments/?region=84", 12, ["code", "name", "zone", "region"]),
    ],
)
def test_every_list_offers_csv(client, path, rows, first_columns):
    separator = "&" if "?" in path else "?"
    parsed = _rows(client.get(f"{path}{separator}format=csv"))
    assert len(parsed) == rows
    assert list(parsed[0]) == first_columns


def test_a_bad_filter_is_explained_in_json_even_when_csv_was_asked(client):
    response = client.get("/api/v1/cases/?format=csv&domain=inconnu")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["domain"]


def test_an_unknown_format_is_a_400_naming_the_formats_on_offer(client):
    response = client.get("/api/v1/cases/?format=xml")
    assert response.status_code == 400
    assert response.json() == {"format": ["Format « xml » inconnu ici ; formats possibles : json, csv."]}


def test_a_detail_has_no_csv(client):
    case = CaseFactory()
    response = client.get(f"/api/v1/cases/{case.slug}/?format=csv")
    assert response.status_code == 400
    assert response.json() == {"format": ["Format « csv » inconnu ici ; formats possibles : json."]}


def test_the_case_csv_reads_back_in_the_admins_import(client):
    CaseFactory(slug="aller-retour", domains=["sante"], departments=["2A"])
    text = b"".join(client.get("/api/v1/cases/?format=csv").streaming_content).decode()
    result = CaseResource().import_data(tablib.Dataset().load(text, format="csv"), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip"]  # the same case, unchanged
