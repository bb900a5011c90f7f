"""A survey chart people can take away: an SVG file that carries its title, source line and licence, its
data as CSV, its metadata as JSON, and an embed page that other sites may frame (and no other page)."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from tests.surveys.conftest import make_grid, make_study

pytestmark = pytest.mark.django_db

PAGE = "/enquetes/zones/grille/"
TITLE = "Q9 — Grille fictive (Étude fictive zones, mars 2021)"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def grid():
    """A grid of two answers and a total, drawn for the whole sample or for a zone."""
    study = make_study("zones")
    question = make_grid(study, rows=2, answers=2)
    zone = study.segments.create(label="Nord-Est", kind="area", position=2)
    question.figures.filter(row__label="Ligne 0", answer__label="Réponse 0").update(value=None, provenance="missing")
    question.figures.create(row=question.rows.first(), answer=question.answers.first(), segment=zone, value=5)
    return question, zone


@pytest.fixture
def licence(settings):
    settings.CONTENT_LICENCE_NAME = "Licence fictive de démonstration"
    settings.CONTENT_LICENCE_URL = "https://example.org/licence-fictive"


def _root(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 — the site's own response, in a test


def _svg_text(content: bytes) -> str:
    """Every text of the image, its wrapped lines joined again."""
    root = _root(content)
    return " ".join(node.text or "" for node in root.iter(f"{SVG}text"))


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_svg_download_holds_its_title_source_line_and_licence(client, grid, licence):
    response = client.get(f"{PAGE}graphique.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="observatoire-zones-grille.svg"'
    root = _root(response.content)
    assert root.find(f"{SVG}title").text == TITLE
    text = _svg_text(response.content)
    assert text.startswith(TITLE)
    assert "Source : étude fictive zones (démonstration)" in text
    assert "Licence : Licence fictive de démonstration (https://example.org/licence-fictive)" in text
    assert text.endswith(f"http://testserver{PAGE}")
    assert "Non lisible dans la source : Réponse 0" in text  # the chart itself, with its lost value


def test_without_a_licence_set_the_svg_says_it_is_still_to_be_stated(client, grid):
    text = _svg_text(client.get(f"{PAGE}graphique.svg").content)

    assert "Licence : à préciser par l'Observatoire des partenariats" in text


def test_a_segment_s_chart_is_that_segment_s_and_an_unknown_one_is_refused(client, grid):
    _question, zone = grid

    response = client.get(f"{PAGE}graphique.svg?segment={zone.pk}")
    assert _root(response.content).find(f"{SVG}title").text == (
        "Q9 — Grille fictive — Nord-Est (Étude fictive zones, mars 2021)"
    )
    assert response["Content-Disposition"].endswith(f'-segment-{zone.pk}.svg"')
    for suffix in ("graphique.svg", "graphique.json", "integrer/"):
        refused = client.get(f"{PAGE}{suffix}?segment=999999")
        assert refused.status_code == 400
        assert "Segment inconnu pour cette question : « 999999 »" in refused.content.decode()


def test_the_metadata_say_title_source_period_licence_units_and_the_csv(client, grid, licence):
    question, zone = grid

    data = client.get(f"{PAGE}graphique.json?segment={zone.pk}").json()

    assert data["title"] == "Q9 — Grille fictive — Nord-Est (Étude fictive zones, mars 2021)"
    assert data["source"] == "Source : étude fictive zones (démonstration)"
    assert data["period"] == "mars 2021"
    assert data["units"] == "%"
    assert data["segment"] == "Nord-Est"
    assert data["licence"] == {
        "name": "Licence fictive de démonstration",
        "url": "https://example.org/licence-fictive",
        "text": "Licence fictive de démonstration",
    }
    assert data["svg_url"] == f"http://testserver{PAGE}graphique.svg?segment={zone.pk}"
    assert data["embed_url"] == f"http://testserver{PAGE}integrer/?segment={zone.pk}"
    assert data["csv_url"] == f"http://testserver/api/v1/figures/?question={question.pk}&segment=Nord-Est&format=csv"
    rows = _csv(client.get(data["csv_url"].removeprefix("http://testserver")))
    assert [(row["segment"], row["answer"], row["value"]) for row in rows] == [("Nord-Est", "Réponse 0", "5")]


def test_the_whole_sample_s_csv_holds_the_figures_its_chart_draws(client, grid):
    question, _zone = grid
    data = client.get(f"{PAGE}graphique.json").json()

    response = client.get(data["csv_url"].removeprefix("http://testserver"))

    assert data["csv_url"].endswith(f"?question={question.pk}&segment=Ensemble&format=csv")
    assert data["licence"]["name"] is None and "à préciser" in data["licence"]["text"]
    rows = _csv(response)
    assert len(rows) == question.figures.filter(segment__label="Ensemble").count() == 2 * 3
    assert {row["segment"] for row in rows} == {"Ensemble"}
    assert [row["value"] for row in rows if row["row"] == "Ligne 0"] == ["", "10", "20"]


def test_a_question_of_one_segment_links_the_csv_of_all_its_figures(client):
    make_grid(make_study("seule"), rows=2)

    data = client.get("/enquetes/seule/grille/graphique.json").json()

    assert re.search(r"\?question=\d+&format=csv$", data["csv_url"])


def test_the_embed_page_has_the_chart_without_the_site_s_chrome(client, grid, licence):
    content = client.get(f"{PAGE}integrer/").content.decode()

    assert f"<h1>{TITLE}</h1>" in content
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"' in content
    caption = re.search(r'<figcaption class="source-line">(.*?)</figcaption>', content, re.S)[1]
    assert caption.startswith("Source : étude fictive zones (démonstration)")
    assert '<a href="https://example.org/licence-fictive">Licence fictive de démonstration</a>' in caption
    assert f'href="http://testserver{PAGE}"' in caption
    assert 'class="site-header"' not in content and "<nav" not in content and "<footer" not in content
    assert "<script" not in content and " style=" not in content


def test_only_the_embed_page_may_be_framed_and_by_the_configured_sites(client, grid, settings):
    settings.CHART_EMBED_FRAME_ANCESTORS = ["'self'", "https://journal.example.org"]

    embed = client.get(f"{PAGE}integrer/")
    page = client.get(PAGE)
    svg = client.get(f"{PAGE}graphique.svg")

    assert "X-Frame-Options" not in embed
    policy = dict(part.split(" ", 1) for part in embed["Content-Security-Policy"].split("; "))
    assert policy["frame-ancestors"] == "'self' https://journal.example.org"
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'"
    for other in (page, svg):
        assert other["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in other["Content-Security-Policy"]


def test_the_embed_page_keeps_its_frame_policy_when_served_from_the_page_cache(client, grid, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    cache.clear()

    first = client.get(f"{PAGE}integrer/")
    again = client.get(f"{PAGE}integrer/")

    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "frame-ancestors 'self' https:" in again["Content-Security-Policy"]
    assert "X-Frame-Options" not in again
    cache.clear()


def test_the_question_page_offers_the_downloads_and_the_iframe_code(client, grid, licence):
    _question, zone = grid
    content = client.get(f"{PAGE}?segment={zone.pk}").content.decode()
    section = re.search(r'<section class="takeaway".*?</section>', content, re.S)[0]

    links = dict(re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', section))
    assert links[f"http://testserver{PAGE}graphique.svg?segment={zone.pk}"] == "Télécharger le graphique (SVG)"
    assert links[f"http://testserver{PAGE}integrer/?segment={zone.pk}"] == "Version à intégrer"
    assert "Données du graphique (CSV)" in links.values() and "Description du graphique (JSON)" in links.values()
    code = re.search(r'<textarea id="code-integration"[^>]*>(.*?)</textarea>', section, re.S)[1]
    assert code.startswith(f"&lt;iframe src=&quot;http://testserver{PAGE}integrer/?segment={zone.pk}&quot;")
    assert "title=&quot;Q9 — Grille fictive — Nord-Est (Étude fictive zones, mars 2021)&quot;" in code
    caption = re.search(r'<figcaption class="source-line">(.*?)</figcaption>', content, re.S)[1]
    assert 'Licence : <a href="https://example.org/licence-fictive">Licence fictive de démonstration</a>.' in caption


def test_an_unpublished_study_s_chart_is_not_found(client):
    make_grid(make_study("interne", published=False))

    for suffix in ("graphique.svg", "graphique.json", "integrer/"):
        assert client.get(f"/enquetes/interne/grille/{suffix}").status_code == 404


def test_the_svg_costs_a_fixed_number_of_queries(client, grid, django_assert_num_queries):
    with django_assert_num_queries(6):
        response = client.get(f"{PAGE}graphique.svg")

    assert _root(response.content).find(f"{SVG}title").text == TITLE
