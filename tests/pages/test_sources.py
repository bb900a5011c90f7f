"""The "Sources et licences" section credits each producer of the official indicators, from the rows."""

import re

import pytest

from indicators.models import Indicator
from tests.profile_data import make_indicator

pytestmark = pytest.mark.django_db
D = Indicator.Direction


def _credit(content: str, producer: str) -> str:
    return re.search(rf"<li id=\"producteur-\d+\"><strong>{producer}</strong>(.*?)</li>", content, re.S)[1]


def _row(content: str, name: str) -> str:
    return re.search(rf"<tr>\s*<th scope=\"row\">{name} .*?</tr>", content, re.S)[0]


@pytest.fixture
def indicators():
    make_indicator(
        "taux-pauvrete",
        D.HIGHER_MORE_FRAGILE,
        ["pauvrete-exclusion"],
        name="Taux de pauvreté",
        producer="DREES et INSEE",
        table="Panorama statistique 2024, feuille 2",
        source_url="https://data.drees.solidarites-sante.gouv.fr/panorama",
    )
    make_indicator(
        "impayes-energie",
        D.HIGHER_MORE_FRAGILE,
        ["transition-energetique"],
        name="Impayés d'énergie",
        producer="DREES et Banque de France",
        table="Panorama statistique 2024, feuille 15",
    )
    make_indicator(
        "cambriolages",
        D.HIGHER_MORE_FRAGILE,
        ["securite-delinquance"],
        name="Cambriolages de logement",
        producer="SSMSI (ministère de l'Intérieur)",
        table="Base départementale de la délinquance enregistrée",
    )
    make_indicator(
        "generalistes", D.HIGHER_LESS_FRAGILE, ["sante"], name="Généralistes", producer="INSEE (Drees, RPPS)"
    )
    make_indicator("eau", D.HIGHER_MORE_FRAGILE, ["environnement"], name="Eau", producer="Agence fictive")


def test_it_credits_each_producer_with_the_indicators_its_line_names(client, indicators):
    content = client.get("/a-propos/").content.decode()
    credits = re.findall(r'<li id="producteur-\d+"><strong>(.*?)</strong>', content)
    assert credits == ["INSEE", "DREES", "SSMSI", "Banque de France", "Agence fictive"]
    assert "Institut national de la statistique et des études économiques" in _credit(content, "INSEE")
    assert _credit(content, "INSEE").endswith(": Généralistes ; Taux de pauvreté.")
    assert _credit(content, "DREES").endswith(": Généralistes ; Impayés d&#x27;énergie ; Taux de pauvreté.")
    assert _credit(content, "SSMSI").endswith(": Cambriolages de logement.")
    assert _credit(content, "Banque de France") == " : Impayés d&#x27;énergie."
    assert _credit(content, "Agence fictive") == " : Eau."


def test_it_lists_each_indicator_with_its_table_source_and_licence(client, indicators):
    content = client.get("/a-propos/").content.decode()
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte / Etalab 2.0</a>' in content
    row = _row(content, "Taux de pauvreté")
    assert "DREES et INSEE — Panorama statistique 2024, feuille 2." in row
    assert '<a href="https://data.drees.solidarites-sante.gouv.fr/panorama">Page de la source</a>' in row
    assert "<td>Licence Ouverte / Etalab 2.0</td>" in row
    assert "SSMSI (ministère de l&#x27;Intérieur) — Base départementale de la délinquance enregistrée." in content


def test_without_indicators_the_page_says_none_is_loaded(client):
    assert "Aucun indicateur officiel n'est encore chargé." in client.get("/a-propos/").content.decode()


@pytest.mark.parametrize("extra", [0, 8])
def test_the_about_page_reads_a_constant_number_of_queries(client, indicators, extra, django_assert_num_queries):
    for index in range(extra):
        make_indicator(f"indicateur-{index}", D.HIGHER_MORE_FRAGILE, ["sante"], producer=f"Producteur {index % 3}")
    # domains, the three vocabularies, the region and department counts, the indicators
    with django_assert_num_queries(7):
        content = client.get("/a-propos/").content.decode()
    assert "DREES et INSEE — Panorama statistique 2024, feuille 2." in _row(content, "Taux de pauvreté")
