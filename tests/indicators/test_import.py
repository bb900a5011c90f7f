"""Curators import indicator values in the long format, in the admin: preview, then all or nothing.

Every refused file names the line and the column at fault, and writes nothing.
"""

import io
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from foundation.reference.models import Domain
from indicators.models import Indicator, IndicatorValue
from indicators.resources import COLUMNS, IndicatorValueResource
from indicators.services import IndicatorImportError, indicators_load
from tests.indicators.conftest import make_indicator

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:indicators_indicatorvalue_import"
CONFIRM_URL = "admin:indicators_indicatorvalue_process_import"


@pytest.fixture
def indicator(db):
    return make_indicator()


def _line(**overrides) -> dict:
    line = {
        "indicator": "taux_fictif",
        "territory_level": "department",
        "insee_code": "93",
        "year": "2021",
        "value": "28.4",
        "unit": "% des personnes",
        "source": "Tableau fictif",
        "source_url": "https://example.org/source",
        "licence": "Licence Ouverte / Etalab 2.0",
        "period": "2021",
        "note": "",
    }
    return line | overrides


def _csv(*lines: dict) -> io.BytesIO:
    dataset = tablib.Dataset(*[[line[column] for column in COLUMNS] for line in lines], headers=COLUMNS)
    upload = io.BytesIO(dataset.export("csv").encode())
    upload.name = "valeurs.csv"
    return upload


def _preview(client, upload, format_index: str = "0"):
    return client.post(reverse(IMPORT_URL), {"import_file": upload, "format": format_index, "resource": "0"})


def _import(client, upload, format_index: str = "0"):
    """Upload, preview, then confirm: the two steps a curator goes through."""
    preview = _preview(client, upload, format_index)
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None, preview.content.decode()
    return client.post(reverse(CONFIRM_URL), confirm.initial)


def _state() -> list[tuple]:
    return sorted(
        IndicatorValue.objects.values_list("indicator__slug", "level", "region_id", "department_id", "period", "value"),
        key=str,
    )


def test_the_import_previews_then_writes_the_values(curator_client, indicator):
    upload = _csv(_line(), _line(territory_level="region", insee_code="11", value="15.4"))
    assert "confirm" in _preview(curator_client, upload).content.decode().lower()
    assert IndicatorValue.objects.count() == 0
    upload.seek(0)
    response = _import(curator_client, upload)
    assert response.status_code == 302
    assert _state() == [
        ("taux_fictif", "department", None, "93", "2021", Decimal("28.4")),
        ("taux_fictif", "region", "11", None, "2021", Decimal("15.4")),
    ]


def test_an_xlsx_file_imports_like_a_csv(curator_client, indicator):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    # A spreadsheet gives numbers for numeric cells.
    sheet.append([_line(year=2021, value=28.4, note=None)[column] for column in COLUMNS])
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = "valeurs.xlsx"
    _import(curator_client, upload, format_index="1")
    assert _state() == [("taux_fictif", "department", None, "93", "2021", Decimal("28.4"))]


def test_a_national_reference_is_coded_fr_or_fm(curator_client, indicator):
    upload = _csv(
        _line(territory_level="metropole", insee_code="FM", value="14.9"),
        _line(territory_level="france", insee_code="FR", value="14.5"),
    )
    _import(curator_client, upload)
    assert {(value.level, value.territory_code) for value in IndicatorValue.objects.all()} == {
        ("metropole", "FM"),
        ("france", "FR"),
    }


def test_importing_a_line_again_updates_it_in_place(curator_client, indicator):
    _import(curator_client, _csv(_line(value="28.4")))
    first = IndicatorValue.objects.get()
    _import(curator_client, _csv(_line(value="28.5", note="Révisé par la source")))
    value = IndicatorValue.objects.get()
    assert (value.pk, value.value, value.note) == (first.pk, Decimal("28.5"), "Révisé par la source")


BAD_LINES = [
    ({"indicator": "taux_inconnu"}, "indicator", "Indicateur inconnu : « taux_inconnu »."),
    ({"insee_code": "99"}, "insee_code", "Code INSEE de département inconnu : « 99 »."),
    ({"territory_level": "region", "insee_code": "93x"}, "insee_code", "Code INSEE de région inconnu : « 93x »."),
    ({"territory_level": "metropole", "insee_code": "FR"}, "insee_code", "Le code du niveau metropole est FM"),
    ({"territory_level": "commune"}, "territory_level", "« commune » n'est pas un niveau permis"),
    ({"value": "12,5"}, "value", "le séparateur décimal est le point"),
    ({"value": "abc"}, "value", "« abc » n'est pas un nombre."),
    ({"value": ""}, "value", "une valeur que la source ne donne pas n'a pas de ligne"),
    ({"value": "1.123456789"}, "value", "a plus de 7 décimales"),
    ({"year": "deux mille"}, "year", "« deux mille » n'est pas une année"),
    ({"year": "2021.5"}, "year", "« 2021.5 » n'est pas une année"),
    ({"year": "2020"}, "year", "L'année 2020 n'est pas celle par laquelle commence la période « 2021 »."),
    ({"unit": "%"}, "unit", "« % » n'est pas l'unité de l'indicateur taux_fictif (% des personnes)."),
    ({"source_url": "https://example.org/autre"}, "source_url", "n'est pas l'adresse de la source"),
    ({"licence": "CC-BY"}, "licence", "« CC-BY » n'est pas la licence de l'indicateur"),
    ({"period": ""}, "period", "Ce champ ne peut pas être vide."),
]


@pytest.mark.parametrize(("overrides", "column", "message"), BAD_LINES)
def test_a_bad_line_is_refused_naming_its_line_and_column_and_nothing_is_written(
    curator_client, indicator, overrides, column, message
):
    upload = _csv(_line(insee_code="92", value="17.2"), _line(**overrides))
    response = _preview(curator_client, upload)
    text = response.content.decode()
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert message.replace("'", "&#x27;") in text
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert column in invalid.error_dict
    assert IndicatorValue.objects.count() == 0


def test_one_bad_line_rolls_back_the_lines_before_it(indicator):
    dataset = tablib.Dataset(
        *[[line[column] for column in COLUMNS] for line in [_line(), _line(insee_code="92", value="abc")]],
        headers=COLUMNS,
    )
    result = IndicatorValueResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert IndicatorValue.objects.count() == 0


def test_the_same_value_twice_in_a_file_is_refused(indicator):
    dataset = tablib.Dataset(
        *[[line[column] for column in COLUMNS] for line in [_line(), _line(value="30")]], headers=COLUMNS
    )
    result = IndicatorValueResource().import_data(dataset, dry_run=False)
    [invalid] = result.invalid_rows
    assert "figure déjà à la ligne 1" in str(invalid.error_dict)
    assert IndicatorValue.objects.count() == 0


def test_on_an_english_page_the_file_is_read_and_written_in_the_french_source_text(indicator):
    indicator.unit_en = "% of people"
    indicator.save()
    dataset = tablib.Dataset([_line()[column] for column in COLUMNS], headers=COLUMNS)
    with translation.override("en"):
        result = IndicatorValueResource().import_data(dataset, dry_run=False)
        exported = IndicatorValueResource().export()
    assert not result.has_validation_errors(), result.invalid_rows
    assert IndicatorValue.objects.get().value == Decimal("28.4")
    assert exported.dict[0]["unit"] == "% des personnes"


def test_a_unit_in_the_english_translation_is_refused_as_not_the_indicators(indicator):
    indicator.unit_en = "% of people"
    indicator.save()
    dataset = tablib.Dataset([_line(unit="% of people")[column] for column in COLUMNS], headers=COLUMNS)
    with translation.override("en"):
        result = IndicatorValueResource().import_data(dataset, dry_run=False)
    [invalid] = result.invalid_rows
    assert "« % of people » n'est pas l'unité de l'indicateur taux_fictif (% des personnes)" in str(
        invalid.error_dict["unit"]
    )
    assert not IndicatorValue.objects.exists()


def test_a_file_without_the_note_column_keeps_the_notes(curator_client, indicator):
    _import(curator_client, _csv(_line(note="Note de la source")))
    columns = [column for column in COLUMNS if column != "note"]
    dataset = tablib.Dataset([_line(value="29")[column] for column in columns], headers=columns)
    IndicatorValueResource().import_data(dataset, dry_run=False)
    value = IndicatorValue.objects.get()
    assert (value.value, value.note) == (Decimal("29"), "Note de la source")


def test_staff_without_permission_cannot_import(staff_client, indicator):
    response = staff_client.get(reverse(IMPORT_URL))
    assert response.status_code == 403


def test_the_export_writes_the_import_format(curator_client, indicator):
    _import(curator_client, _csv(_line(), _line(territory_level="metropole", insee_code="FM", value="14.9")))
    response = curator_client.post(
        reverse("admin:indicators_indicatorvalue_export"),
        {"format": "0", "resource": "0", **{f"indicatorvalueresource_{column}": "on" for column in COLUMNS}},
    )
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert "taux_fictif,department,93,2021,28.4,% des personnes,Tableau fictif,https://example.org/source," in lines[1]


def test_a_curator_finds_values_by_insee_code_in_the_admin(curator_client, indicator):
    _import(curator_client, _csv(_line(), _line(insee_code="92", value="12.1")))
    response = curator_client.get(reverse("admin:indicators_indicatorvalue_changelist"), {"q": "92"})
    assert response.status_code == 200
    assert [value.department_id for value in response.context["cl"].result_list] == ["92"]


def test_the_indicator_admin_lists_each_indicator_with_its_value_count(curator_client, indicator):
    _import(curator_client, _csv(_line(), _line(insee_code="92", value="12.1")))
    poverty = Domain.objects.get(slug="pauvrete-exclusion")
    listed = curator_client.get(reverse("admin:indicators_indicator_changelist"), {"domains__id__exact": poverty.pk})
    [row] = listed.context["cl"].result_list
    assert (row, row.value_count) == (indicator, 2)
    health = Domain.objects.get(slug="sante")
    listed = curator_client.get(reverse("admin:indicators_indicator_changelist"), {"domains__id__exact": health.pk})
    assert list(listed.context["cl"].result_list) == []
    change = curator_client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
    assert "2 valeur(s)" in change.content.decode()


def test_the_loader_refuses_a_bad_fixture_with_the_report_and_writes_nothing(tmp_path):
    shipped = Path(settings.BASE_DIR) / "fixtures" / "indicators"
    shutil.copy(shipped / "indicators.json", tmp_path / "indicators.json")
    lines = (shipped / "indicators.csv").read_text(encoding="utf-8").splitlines()
    header, good, bad = lines[0], lines[1], lines[2].replace(",2023,18.6,", ',2023,"18,6",')
    (tmp_path / "indicators.csv").write_text(f"{header}\n{good}\n{bad}\n")
    (tmp_path / "references.csv").write_text(header + "\n")
    with pytest.raises(IndicatorImportError) as refused:
        indicators_load(directory=tmp_path)
    assert "indicators.csv ne s'importe pas" in str(refused.value)
    assert "ligne 2, colonne value : « 18,6 » : le séparateur décimal est le point" in str(refused.value)
    assert not Indicator.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_a_line_with_an_unquoted_decimal_comma_is_refused_without_an_error_page(curator_client, indicator):
    header = ",".join(COLUMNS)
    good = ",".join(_line().values())
    upload = io.BytesIO(f"{header}\n{good}\n{good.replace(',28.4,', ',28,4,')}\n".encode())
    upload.name = "valeurs.csv"
    response = _preview(curator_client, upload)
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert IndicatorValue.objects.count() == 0
