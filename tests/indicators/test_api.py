"""`/api/v1/indicators/` and `/api/v1/indicator-values/`: filters, details, and the CSV that imports back."""

import csv
import io
from decimal import Decimal

import pytest
import tablib
from django.db.models import Q

from indicators.models import Indicator, IndicatorValue
from indicators.resources import COLUMNS, IndicatorValueResource

pytestmark = pytest.mark.django_db

VALUES = "/api/v1/indicator-values/"


def _csv(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode()


def _state() -> list[tuple]:
    return sorted(
        IndicatorValue.objects.values_list(
            "pk", "indicator__slug", "level", "region_id", "department_id", "year", "period", "value", "source", "note"
        ),
        key=str,
    )


def test_the_indicator_list_gives_the_twenty_two_in_order(client, demo):
    body = client.get("/api/v1/indicators/?page_size=100").json()
    assert body["count"] == 22
    assert body["results"][0]["slug"] == "taux_pauvrete_60"


def test_an_indicator_reads_with_its_domains_direction_caveat_and_source(client, demo):
    body = client.get("/api/v1/indicators/part_dossiers_surendettement_impayes_energie/").json()
    assert body["domains"] == ["transition-energetique"]
    assert body["direction"] == "plus-fragile"
    assert "précarité énergétique" in body["caveat"]
    assert body["producer"] == "DREES et Banque de France"
    assert body["licence"] == "Licence Ouverte / Etalab 2.0"
    assert body["definition"].startswith("Part des dossiers avec impayés d'énergie")


def test_an_unknown_indicator_is_a_404_in_french(client, demo):
    response = client.get("/api/v1/indicators/inconnu/")
    assert response.status_code == 404
    assert "inconnu" in response.json()["detail"]


def test_indicators_filter_by_domain(client, demo):
    body = client.get("/api/v1/indicators/?domain=sante").json()
    assert {item["slug"] for item in body["results"]} == {"part_beneficiaires_css", "densite_medecins_generalistes"}


def test_values_filter_by_indicator_level_and_code(client, demo):
    body = client.get(f"{VALUES}?indicator=taux_pauvrete_60&level=department&code=93").json()
    assert body["count"] == 1
    [value] = body["results"]
    assert (value["code"], value["territory"], value["period"], value["value"]) == (
        "93",
        "Seine-Saint-Denis",
        "2021",
        28.4,
    )
    assert value["unit"] == "% des personnes"


def test_repeated_filters_are_ored(client, demo):
    path = f"{VALUES}?indicator=taux_pauvrete_60&indicator=niveau_vie_median&code=93&code=92&level=department"
    body = client.get(path).json()
    assert sorted((item["indicator"], item["code"]) for item in body["results"]) == [
        ("niveau_vie_median", "92"),
        ("niveau_vie_median", "93"),
        ("taux_pauvrete_60", "92"),
        ("taux_pauvrete_60", "93"),
    ]


def test_the_national_references_are_coded_fr_and_fm(client, demo):
    body = client.get(f"{VALUES}?indicator=densite_medecins_generalistes&code=FR&code=FM").json()
    assert sorted((item["code"], item["territory"], item["value"]) for item in body["results"]) == [
        ("FM", "France métropolitaine", 146),
        ("FR", "France entière", 146),
    ]


def test_values_filter_by_period(client, demo):
    body = client.get(f"{VALUES}?indicator=part_peu_diplomes_20_24_ans&period=2017").json()
    assert [(item["code"], item["value"]) for item in body["results"]] == [("976", 61.2)]


def test_an_unknown_code_or_indicator_is_a_400_naming_the_filter(client, demo):
    response = client.get(f"{VALUES}?code=999")
    assert response.status_code == 400
    assert "code" in response.json()
    response = client.get(f"{VALUES}?indicator=inconnu")
    assert response.status_code == 400
    assert "indicator" in response.json()


def test_a_seven_decimal_rate_reads_exactly(client, demo):
    body = client.get(f"{VALUES}?indicator=delinquance_vols_sans_violence_personnes&level=department&code=75").json()
    assert Decimal(str(body["results"][0]["value"])) == Decimal("46.8731445")


def test_the_api_is_read_only(client, curator_client, demo):
    anonymous = client.post(VALUES, {}, content_type="application/json")
    assert anonymous.status_code == 405
    assert anonymous["Allow"] == "GET, HEAD, OPTIONS"
    assert curator_client.post("/api/v1/indicators/", {}, content_type="application/json").status_code == 405


@pytest.mark.parametrize("page_size", [5, 100])
def test_the_value_list_costs_the_same_queries_whatever_the_page_size(
    client, demo, django_assert_num_queries, page_size
):
    with django_assert_num_queries(2):  # the count and the page, indicators and territories joined
        body = client.get(f"{VALUES}?page_size={page_size}").json()
    assert body["count"] == IndicatorValue.objects.count()
    assert len(body["results"]) == page_size
    with django_assert_num_queries(4):  # and the checks of the indicators and codes asked for
        path = f"{VALUES}?page_size={page_size}&indicator=taux_pauvrete_60&indicator=population_estimee&code=93"
        body = client.get(path).json()
    expected = IndicatorValue.objects.filter(indicator__slug__in=["taux_pauvrete_60", "population_estimee"]).filter(
        Q(department_id="93") | Q(region_id="93", department_id=None)
    )
    assert body["count"] == expected.count() > 0
    assert {(item["indicator"], item["code"]) for item in body["results"]} <= {
        ("taux_pauvrete_60", "93"),
        ("population_estimee", "93"),
    }


def test_the_indicator_list_costs_three_queries(client, demo, django_assert_num_queries):
    with django_assert_num_queries(3):
        body = client.get("/api/v1/indicators/?page_size=100").json()
    assert [item["slug"] for item in body["results"]] == list(Indicator.objects.values_list("slug", flat=True))


def test_the_csv_has_the_columns_and_lines_of_the_shipped_file(client, demo):
    text = _csv(client, f"{VALUES}?format=csv&level=region&level=department")
    downloaded = list(csv.DictReader(io.StringIO(text)))
    assert list(downloaded[0]) == COLUMNS
    with open("fixtures/indicators/indicators.csv", encoding="utf-8") as file:
        shipped = list(csv.DictReader(file))
    assert len(downloaded) == len(shipped) == 2345

    def key(row):
        return row["indicator"], row["territory_level"], row["insee_code"], row["period"]

    by_key = {key(row): row for row in downloaded}
    for row in shipped:
        line = by_key[key(row)]
        # Every column as shipped; the value is the same number (the SSMSI's trailing zeros are not kept).
        assert {column: line[column] for column in row if column != "value"} == {
            column: row[column] for column in row if column != "value"
        }
        assert Decimal(line["value"]) == Decimal(row["value"])
        assert line["note"] == ""


def test_a_downloaded_csv_imports_back_changing_nothing(client, demo):
    before = _state()
    text = _csv(client, f"{VALUES}?format=csv")
    result = IndicatorValueResource().import_data(tablib.Dataset().load(text, format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == IndicatorValue.objects.count() == 2356
    assert _state() == before


def test_the_schema_lists_the_codes_and_documents_the_csv(client, demo):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/indicator-values/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    codes = parameters["code"]["schema"]["items"]["enum"]
    assert {"2A", "976", "93", "FR", "FM"} <= set(codes)
    assert "taux_pauvrete_60" in parameters["indicator"]["schema"]["items"]["enum"]
    assert "`insee_code`" in operation["responses"]["200"]["content"]["text/csv"]["schema"]["description"]
    value = schema["components"]["schemas"]["IndicatorValue"]["properties"]["value"]
    assert value["type"] == "number" and not value.get("nullable")
