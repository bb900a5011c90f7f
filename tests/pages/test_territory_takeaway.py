"""The territory charts to take away (the priorities chart of a profile, an indicator's map): an SVG file with its
title, source line and licence inside, the CSV of what it draws, its metadata JSON and an embed page framable
only as CHART_EMBED_FRAME_ANCESTORS says."""

import csv
import io
import re
from xml.etree import ElementTree

import pytest

from tests.profile_data import priority_example
from tests.snapshots import surveys_demo

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
MAP = "indicateur=indicateur-emploi&niveau=region"


@pytest.fixture
def example(settings):
    settings.CONTENT_LICENCE_NAME = "Licence fictive de démonstration"
    settings.CONTENT_LICENCE_URL = "https://example.org/licence-fictive"
    surveys_demo()
    return priority_example()


def texts(svg: bytes) -> str:
    """The text the image draws, its wrapped lines joined again, in order, as a reader reads it."""
    root = ElementTree.fromstring(svg)  # noqa: S314 — the site's own output
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_the_priorities_chart_file_carries_its_title_sources_and_both_licences(client, example):
    response = client.get("/territoires/84/priorites.svg")

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert 'filename="fragilites-prioritaires-region-84.svg"' in response["Content-Disposition"]
    drawn = texts(response.content)
    assert drawn.startswith("Fragilités objectives et perçues — Auvergne-Rhône-Alpes ")
    notes = drawn[drawn.index("Indicateurs officiels :") :]
    assert "Indicateurs officiels : DREES, INSEE — Licence Ouverte / Etalab 2.0." in notes
    assert "IMPACT-Citoyens" in notes and "Licence : Licence fictive de démonstration" in notes
    assert "http://testserver/territoires/84/" in notes


def test_the_priorities_csv_holds_what_the_chart_draws_domain_by_domain(client, example):
    rows = list(csv.reader(io.StringIO(client.get("/territoires/84/priorites.csv").content.decode())))

    assert rows[0][:4] == ["domaine", "position_objective", "rang_de_fragilite", "territoires_classes"]
    education = next(row for row in rows if row[0] == "Éducation")
    # 84 is the most fragile of five regions on the one education indicator: percentile 100, rank 1 of 5.
    assert education[1:7] == ["100.0000", "1", "5", "non", "1", "1"]
    assert education[7] == "5.60" and education[8] == "national"
    culture = next(row for row in rows if row[0] == "Culture / loisirs")
    assert culture[1:4] == ["", "", ""]


def test_the_priorities_metadata_names_title_source_period_licences_units_and_the_csv(client, example):
    data = client.get("/territoires/departements/38/priorites.json").json()

    assert data["title"] == "Fragilités objectives et perçues — Isère (38)"
    assert data["period"] == {"indicateurs": ["2021"], "perception": "octobre 2019"}
    assert data["licence"]["perception"]["name"] == "Licence fictive de démonstration"
    assert data["licence"]["indicators"] == [{"name": "Licence Ouverte / Etalab 2.0", "producers": ["DREES", "INSEE"]}]
    assert data["units"]["position_objective"].startswith("position parmi les territoires du même niveau, de 0 à 100")
    assert data["csv_url"] == "http://testserver/territoires/departements/38/priorites.csv"
    assert data["embed_url"] == "http://testserver/territoires/departements/38/priorites/integrer/"


def test_the_profile_offers_the_chart_files_and_its_embed_code(client, example):
    content = client.get("/territoires/84/").content.decode()

    for link in ["priorites.svg", "priorites.csv", "priorites.json", "priorites/integrer/"]:
        assert f'href="/territoires/84/{link}"' in content
    snippet = re.search(r'<textarea id="code-integration-priorites"[^>]*>(.*?)</textarea>', content, re.S)[1]
    assert snippet.startswith("&lt;iframe src=&quot;http://testserver/territoires/84/priorites/integrer/&quot;")


def test_the_priorities_embed_page_has_no_site_chrome_and_states_its_sources(client, example):
    content = client.get("/territoires/84/priorites/integrer/").content.decode()

    assert "<h1>Fragilités objectives et perçues — Auvergne-Rhône-Alpes</h1>" in content
    caption = re.search(r'<figcaption class="source-line">(.*?)</figcaption>', content, re.S)[1]
    assert "Indicateurs officiels : DREES, INSEE — Licence Ouverte / Etalab 2.0." in caption
    assert "Licence : Licence fictive de démonstration" in caption
    assert 'class="site-header"' not in content and "<nav" not in content and "<footer" not in content
    assert "<script" not in content and " style=" not in content


@pytest.mark.parametrize(
    "address", ["/territoires/84/priorites/integrer/", f"/territoires/carte/integrer/?{MAP}"], ids=["profil", "carte"]
)
def test_only_the_territory_embed_pages_may_be_framed_and_by_the_configured_sites(client, example, settings, address):
    settings.CHART_EMBED_FRAME_ANCESTORS = ["'self'", "https://journal.example.org"]

    embed = client.get(address)

    assert embed.status_code == 200 and "X-Frame-Options" not in embed
    policy = dict(part.split(" ", 1) for part in embed["Content-Security-Policy"].split("; "))
    assert policy["frame-ancestors"] == "'self' https://journal.example.org"
    assert policy["script-src"] == "'self'"
    for other in ("/territoires/84/", "/territoires/84/priorites.svg", f"/territoires/carte.svg?{MAP}"):
        response = client.get(other)
        assert response["X-Frame-Options"] == "DENY", other
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], other


def test_the_map_file_carries_its_title_legend_source_licence_and_base_map(client, example):
    response = client.get(f"/territoires/carte.svg?{MAP}")

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert 'filename="carte-indicateur-emploi-region.svg"' in response["Content-Disposition"]
    svg = response.content.decode()
    assert 'class="' not in svg  # no stylesheet travels with a file: every colour is written in it
    notes = texts(response.content)
    assert notes.startswith("Indicateur fictif emploi, par région ")
    assert "Légende (%) : 0,5 " in notes  # 84's value, the lowest, one decimal, first in the legend
    source = "Source : DREES, Panorama fictif, feuille 2 ; période : 2021 ; licence : Licence Ouverte / Etalab 2.0."
    assert source in notes
    assert "CC BY 4.0" in notes


def test_the_map_metadata_and_its_refusals(client, example):
    data = client.get(f"/territoires/carte.json?{MAP}").json()

    assert data["title"] == "Indicateur fictif emploi, par région"
    assert data["units"] == "%" and data["period"] == "2021"
    assert data["licence"]["url"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert data["csv_url"] == f"http://testserver/territoires/carte.csv?{MAP}"

    unknown = client.get("/territoires/carte.json?indicateur=inconnu")
    assert unknown.status_code == 400 and "Indicateur inconnu" in unknown.json()["detail"]
    refused = ["/territoires/carte.svg", "/territoires/carte/integrer/?indicateur=x", "/territoires/carte.svg?niveau=z"]
    for address in refused:
        assert client.get(address).status_code == 400, address


def test_the_map_page_offers_the_map_files_and_its_embed_code(client, example):
    content = client.get(f"/territoires/?{MAP}").content.decode()

    for name in ["carte.svg", "carte.csv", "carte.json", "carte/integrer/"]:
        assert f'href="/territoires/{name}?indicateur=indicateur-emploi&amp;niveau=region"' in content
    assert 'id="code-integration-carte"' in content


def test_the_national_table_downloads_as_csv_one_row_per_region_and_domain(client, example):
    for page in ("/territoires/france/", "/territoires/france/rapport/"):
        assert 'href="/territoires/france/regions.csv"' in client.get(page).content.decode(), page

    rows = list(csv.reader(io.StringIO(client.get("/territoires/france/regions.csv").content.decode())))
    assert rows[0][:5] == ["code_region", "region", "domaine", "position_objective", "rang_de_fragilite"]
    assert len(rows) == 1 + 18 * 16  # every region, every domain, with or without a position
    education = next(row for row in rows if row[0] == "84" and row[2] == "Éducation")
    assert education[3:] == ["100.0000", "1", "5", "non", "1", "1", "5.60"]
    bretagne = next(row for row in rows if row[0] == "53" and row[2] == "Culture / loisirs")
    assert bretagne[3:6] == ["", "", ""] and bretagne[8] == "0"


def test_the_region_heat_table_downloads_as_csv_with_the_source_digits(client, example):
    assert 'href="/territoires/84/departements.csv"' in client.get("/territoires/84/").content.decode()

    rows = list(csv.reader(io.StringIO(client.get("/territoires/84/departements.csv").content.decode())))
    assert rows[0][:4] == ["code_departement", "departement", "indicateur", "valeur"]
    isere = next(row for row in rows if row[0] == "38" and row[2] == "indicateur-emploi")
    # Isère's 0.5 is the lowest of three departments on a "higher = more fragile" indicator: 3rd of 3.
    assert isere[3:8] == ["0.5", "%", "2021", "3", "3"]
    assert {row[0] for row in rows[1:]} == {"01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"}
    assert client.get("/territoires/99/departements.csv").status_code == 404
