"""The "Sources et licences" section credits each producer of the official indicators, from the rows."""

import re

import pytest

from indicators.models import Indicator
from tests.profile_data import make_indicator

pytestmark = pytest.mark.django_db
D = Indicator.Direction


def _section(content: str, producer: str) -> str:
    return re.search(rf"<h4 [^>]*>{producer}.*?</section>", content, re.S)[0]


def test_it_credits_each_producer_with_its_indicators_tables_sources_and_licence(client):
    make_indicator(
        "taux-pauvrete",
        D.HIGHER_MORE_FRAGILE,
        ["pauvrete-exclusion"],
        name="Taux de pauvreté",
        producer="DREES",
        table="Panorama statistique 2024, feuille 2",
        source_url="https://data.drees.solidarites-sante.gouv.fr/panorama",
    )
    make_indicator(
        "impayes-energie",
        D.HIGHER_MORE_FRAGILE,
        ["transition-energetique"],
        name="Impayés d'énergie",
        producer="DREES",
        table="Panorama statistique 2024, feuille 15 (Banque de France, enquête typologique 2024)",
        caveat="Indicateur approché : seuls les ménages surendettés.",
    )
    make_indicator(
        "cambriolages",
        D.HIGHER_MORE_FRAGILE,
        ["securite-delinquance"],
        name="Cambriolages de logement",
        producer="SSMSI",
        table="Base départementale de la délinquance enregistrée",
    )
    make_indicator("population", D.CONTEXT, [], name="Population", producer="INSEE", table="TCRD_021")
    content = client.get("/a-propos/").content.decode()
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte / Etalab 2.0</a>' in content
    drees = _section(content, "DREES")
    assert "Direction de la recherche, des études, de l&#x27;évaluation et des statistiques" in drees
    assert "Licence : Licence Ouverte / Etalab 2.0." in drees
    assert "Taux de pauvreté" in drees
    assert "Panorama statistique 2024, feuille 2" in drees
    assert 'href="https://data.drees.solidarites-sante.gouv.fr/panorama"' in drees
    assert "Producteur d'origine de données reprises dans ses tables : Banque de France." in drees
    assert "Indicateur approché : seuls les ménages surendettés." in drees
    assert "Cambriolages" not in drees
    ssmsi = _section(content, "SSMSI")
    assert "Service statistique ministériel de la sécurité intérieure" in ssmsi
    assert "Cambriolages de logement" in ssmsi
    assert "Banque de France" not in ssmsi
    assert "TCRD_021" in _section(content, "INSEE")


def test_without_indicators_the_page_says_none_is_loaded(client):
    assert "Aucun indicateur officiel n'est encore chargé." in client.get("/a-propos/").content.decode()


def test_the_about_page_reads_a_constant_number_of_queries(client, django_assert_num_queries):
    for index in range(5):
        make_indicator(f"indicateur-{index}", D.HIGHER_MORE_FRAGILE, ["sante"], producer=f"Producteur {index % 2}")
    # domains, the three vocabularies, the region and department counts, the indicators
    with django_assert_num_queries(7):
        assert client.get("/a-propos/").status_code == 200
