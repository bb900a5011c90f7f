"""The public survey pages: studies by programme, a study's questions, a question's chart and table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import Study
from tests.surveys.conftest import add_single_choice, make_grid, make_study

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_list_groups_studies_by_programme(demo, client):
    content = client.get("/enquetes/").content.decode()
    assert content.index("Programme ARPEA") < content.index("Programme PHARE") < content.index("Programme IMPACT")
    assert "PHARE-Institutions" in content and "octobre 2016" in content and "Comisis — OpinionWay" in content


def test_the_list_filters_by_population(demo, client):
    content = client.get("/enquetes/?population=elus").content.decode()
    assert "PHARE-Institutions" in content and "IMPACT-Citoyens" not in content


def test_an_unknown_filter_value_is_a_400_with_its_reason(demo, client):
    response = client.get("/enquetes/?population=martiens")
    assert response.status_code == 400
    assert "martiens" in response.content.decode()


def test_a_study_page_shows_each_question_with_a_chart(demo, client):
    content = client.get("/enquetes/impact-citoyens-2019/").content.decode()
    assert content.count("<svg") == 3
    assert (
        "Source : étude IMPACT-Citoyens de l&#x27;Observatoire des partenariats (Comisis — OpinionWay, octobre 2019)"
        in (content)
    )
    assert "6,3 millions" in content and "Provence-Alpes-Côte d&#x27;Azur + Corse" in content
    assert "/api/v1/figures/?study=impact-citoyens-2019&amp;format=csv" in content


def test_a_question_page_has_chart_table_base_source_notes_and_download(demo, client):
    content = client.get("/enquetes/phare-institutions-2016/q3/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in content
    assert "<table" in content and "Ensemble des maires" in content
    assert "(Comisis — OpinionWay, octobre 2016)" in content
    assert "(calculé : 87 − 42)" in content
    assert "/api/v1/figures/?question=" in content and "format=csv" in content


def test_a_lost_value_reads_as_not_legible_never_as_zero(demo, client):
    content = client.get("/enquetes/impact-citoyens-2019/q1/").content.decode()
    assert content.count("non lisible dans la source") >= 11
    assert "Base :</strong> Ensemble — 50,2 millions" in content


def test_means_compare_with_the_previous_wave(demo, client):
    content = client.get("/enquetes/impact-citoyens-2019/q1/").content.decode()
    assert "Emploi / chômage / insertion — 2019 : 6,4 ; 2015 : 7,1." in content
    assert "/enquetes/phare-population-2015/fragilites/" in content


def test_a_grid_of_several_answers_switches_segment(db, client):
    study = make_study("zones")
    question = make_grid(study, rows=2, answers=2)
    other = study.segments.create(label="Nord-Est", kind="area", position=2)
    question.figures.filter(row__label="Ligne 0", answer__label="Réponse 0").update(value=None, provenance="missing")
    question.figures.create(row=question.rows.first(), answer=question.answers.first(), segment=other, value=5)
    content = client.get(f"/enquetes/zones/grille/?segment={other.pk}").content.decode()
    assert "Grille fictive — Nord-Est" in content
    assert client.get("/enquetes/zones/grille/?segment=999999").status_code == 400


def test_an_unpublished_study_is_not_public(db, client):
    study = make_study("brouillon", published=False)
    make_grid(study)
    assert client.get("/enquetes/brouillon/").status_code == 404
    assert client.get("/enquetes/brouillon/grille/").status_code == 404
    assert "brouillon" not in client.get("/enquetes/").content.decode()


def test_an_unknown_question_is_a_404(demo, client):
    assert client.get("/enquetes/impact-citoyens-2019/q99/").status_code == 404


def test_the_study_page_query_count_does_not_grow_with_figures(db, client):
    small = make_study("petite")
    make_grid(small, rows=10)
    add_single_choice(small)
    large = make_study("grande")
    make_grid(large, rows=200)
    add_single_choice(large)
    assert _queries(client, "/enquetes/petite/") == _queries(client, "/enquetes/grande/")


def test_the_question_page_query_count_does_not_grow_with_figures(db, client):
    make_grid(make_study("petite"), rows=10)
    make_grid(make_study("grande"), rows=200)
    assert _queries(client, "/enquetes/petite/grille/") == _queries(client, "/enquetes/grande/grille/")


def test_the_list_query_count_does_not_grow_with_studies(db, client):
    make_study("une")
    first = _queries(client, "/enquetes/")
    for n in range(20):
        make_study(f"autre-{n}")
    assert Study.objects.count() == 21
    assert _queries(client, "/enquetes/") == first
