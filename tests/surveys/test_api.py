"""`/api/v1/studies|questions|figures/`: public reads, one filter per parameter, CSV in the import format."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import Figure, Question
from tests.surveys.conftest import make_grid, make_study

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["count"]


FILTERS = [
    ("", 127),
    ("study=impact-citoyens-2019", 41),
    ("study=impact-citoyens-2019&study=phare-population-2015", 57),
    ("segment=Nord-Est", 2),
    ("segment_kind=area", 10),
    ("region=11", 2),
    ("domain=emploi", 3),
    ("domain=environnement", 5),
    ("provenance=derived", 7),
    ("provenance=missing", 34),
    ("study=impact-citoyens-2019&provenance=missing", 13),
]


def test_figures_filter_by_each_parameter(demo, client):
    counts = [(query, _count(client, f"/api/v1/figures/?{query}")) for query, _ in FILTERS]
    assert counts == FILTERS


def test_figures_filter_by_question(demo, client):
    q8 = Question.objects.get(study__slug="impact-citoyens-2019", slug="q8")
    assert _count(client, f"/api/v1/figures/?question={q8.pk}") == 7


def test_an_unknown_filter_value_is_a_400_naming_the_parameter(demo, client):
    for query in [
        "study=inconnue",
        "domain=inconnu",
        "region=999",
        "provenance=lu",
        "question=abc",
        "segment=Atlantide",
    ]:
        response = client.get(f"/api/v1/figures/?{query}")
        assert (response.status_code, list(response.json())) == (400, [query.split("=")[0]])


def test_questions_filter_by_study_and_domain(demo, client):
    assert _count(client, "/api/v1/questions/?study=phare-institutions-2016") == 6
    assert _count(client, "/api/v1/questions/?domain=environnement") == 5
    q1 = client.get("/api/v1/questions/?study=impact-citoyens-2019&kind=score").json()["results"][0]
    assert q1["rows"][0] == {"label": "Emploi / chômage / insertion", "domain": "emploi", "partnership_type": None}


def test_a_question_lists_its_nets_with_their_parts(demo, client):
    question = client.get("/api/v1/questions/?study=impact-citoyens-2019&kind=single").json()["results"][0]
    nets = [answer for answer in question["answers"] if answer["is_net"]]
    assert nets[0] == {"label": "Indispensable + nécessaire", "is_net": True, "parts": ["Indispensable", "Nécessaire"]}


def test_studies_filter_by_population(demo, client):
    assert _count(client, "/api/v1/studies/?population=citoyens") == 3
    study = client.get("/api/v1/studies/phare-entreprises-2015/").json()
    assert study["fieldwork"] == "octobre 2015" and study["universe_size"] == 221_900


def test_unpublished_studies_and_their_figures_stay_out(db, client):
    make_grid(make_study("brouillon", published=False))
    assert _count(client, "/api/v1/studies/") == 0
    assert _count(client, "/api/v1/figures/") == 0
    assert client.get("/api/v1/studies/brouillon/").status_code == 404
    assert client.get(f"/api/v1/figures/{Figure.objects.first().pk}/").status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/studies/", "/api/v1/questions/", "/api/v1/figures/"])
def test_the_api_is_read_only_even_for_curators(demo, client, curator, url):
    # A method the address does not offer is refused before any credentials are asked for, with what it offers.
    anonymous = client.post(url, {}, content_type="application/json")
    assert anonymous.status_code == 405
    assert anonymous["Allow"] == "GET, HEAD, OPTIONS"
    assert "WWW-Authenticate" not in anonymous
    client.force_login(curator)
    as_curator = client.post(url, {}, content_type="application/json")
    assert as_curator.status_code == 405 and as_curator["Allow"] == "GET, HEAD, OPTIONS"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(context)


@pytest.mark.parametrize("url", ["/api/v1/figures/?page_size=100", "/api/v1/figures/?format=csv", "/api/v1/questions/"])
def test_the_query_count_does_not_grow_with_figures(db, client, url):
    make_grid(make_study("petite"), rows=5)
    few = _queries(client, url)
    make_grid(make_study("grande"), rows=150)
    assert _queries(client, url) == few


def test_the_csv_header_is_the_import_format(demo, client):
    response = client.get("/api/v1/figures/?study=phare-entreprises-2015&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "study,question,row,answer,segment,value,unit,provenance,significance,base"
    assert "phare-entreprises-2015,q11,Mécénat,Oui,Ensemble,30,percent,read,,221900" in lines
    assert len(lines) == 1 + 7


def test_the_schema_documents_the_survey_resources(demo, client):
    schema = client.get("/api/schema/?format=json").json()
    for path in ["/api/v1/studies/", "/api/v1/questions/", "/api/v1/figures/"]:
        assert path in schema["paths"]
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/figures/"]["get"]["parameters"]}
    assert {"study", "question", "segment", "region", "domain", "provenance", "format", "page"} <= parameters
