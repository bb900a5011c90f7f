"""Every value a profile shows has its unit in words beside it: in the value itself or in its row's "Unité"
cell (pages only; the API and the CSV keep the source's digits)."""

import re

import pytest

from tests.profile_data import priority_example
from tests.snapshots import surveys_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    surveys_demo()
    return priority_example()


def cells(content: str, caption: str, row_start: str) -> list[str]:
    """The text of each cell of the row that starts with `row_start`, in the table captioned `caption`."""
    table = re.search(rf"<caption[^>]*>{re.escape(caption)}</caption>(.*?)</table>", content, re.S)[1]
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        texts = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        if texts and texts[0].startswith(row_start):
            return texts
    raise AssertionError(row_start)


def test_the_department_table_writes_the_unit_once_per_row_for_its_three_value_columns(client, example):
    content = client.get("/territoires/departements/38/").content.decode()

    header = cells(content, "Indicateurs officiels — Isère (38)", "Indicateur")
    assert header[:5] == ["Indicateur", "Unité", "Isère (38)", "Région Auvergne-Rhône-Alpes", "France"]
    emploi = cells(content, "Indicateurs officiels — Isère (38)", "Indicateur fictif emploi")
    assert emploi[1:4] == ["%", "0,5", "0,5"]
    assert emploi[4] == "7,1 (France métropolitaine, 4ᵉ trimestre 2024)"


def test_the_priorities_table_writes_each_value_with_its_unit(client, example):
    content = client.get("/territoires/84/").content.decode()

    emploi = cells(content, "Fragilités objectives et perçues par domaine — Auvergne-Rhône-Alpes", "Emploi")
    assert "Indicateur fictif emploi : 0,5 % (2021, 5ᵉ région sur 5)" in emploi[3]


def test_the_map_table_names_the_unit_of_its_values_in_the_column_heading(client, example):
    content = client.get("/territoires/?indicateur=indicateur-emploi&niveau=region").content.decode()

    assert '<th scope="col" class="num">Valeur <span class="unit">(%)</span></th>' in content
