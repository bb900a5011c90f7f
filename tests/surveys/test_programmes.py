"""Programmes, their phases and volets, and the stage of a study: an announced study never shows a figure."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Case
from surveys.models import Figure, Programme, Question, Segment, Study
from tests.factories import CaseFactory

from .conftest import add_single_choice, make_study

pytestmark = pytest.mark.django_db


def section(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_the_programmes_are_loaded_as_the_deck_prints_them(demo):
    arpea, phare, impact = Programme.objects.order_by("position")
    assert (arpea.period, arpea.start_year, arpea.end_year) == ("2008 — 2012", 2008, 2012)
    # The deck prints no dates for PHARE: none is made up.
    assert (phare.period, phare.start_year, phare.end_year) == ("", None, None)
    assert str(impact.launched_on) == "2017-11-23"
    assert [(phase.period, phase.name) for phase in impact.phases.all()] == [
        ("2018-2019", "Étude exploratoire"),
        ("2019-2021", "Phase quantitative"),
        ("2021-2022", "Mise en débat en territoires"),
    ]
    assert [str(volet) for volet in impact.volets.all()] == [
        "Volet 1 : IMPACT-Territoires",
        "Volet 1 : IMPACT-Pratiques innovantes",
        "Volet 2 : IMPACT-Citoyens",
        "Volet 3 : IMPACT-Entreprises",
        "Volet 4 : IMPACT-Associations / fondations",
        "Volet 5 : IMPACT-Elus / Maires",
    ]


def test_jouer_collectif_is_filed_in_impacts_quantitative_phase_and_the_2011_recall_is_inferred(demo):
    for slug in ["jouer-collectif-citoyens-2020", "jouer-collectif-pme-2020"]:
        study = Study.objects.get(slug=slug)
        assert (study.programme.slug, study.phase.name, study.programme_inferred) == (
            "impact",
            "Phase quantitative",
            False,
        )
    recall = Study.objects.get(slug="entreprises-2011")
    assert (recall.programme.slug, recall.programme_inferred) == ("arpea", True)


def test_the_four_announced_studies_are_loaded_with_their_expected_date_as_worded(demo):
    announced = Study.objects.filter(stage=Study.Stage.ANNOUNCED).order_by("slug")
    assert [(study.name, study.expected, study.volet.name) for study in announced] == [
        ("IMPACT-Associations", "à programmer courant 2021", "IMPACT-Associations / fondations"),
        ("IMPACT-Elus locaux", "à programmer fin 2020 ou 2021", "IMPACT-Elus / Maires"),
        ("IMPACT-Entreprises", "courant 2021", "IMPACT-Entreprises"),
        ("Pilote IMPACT-Entreprises avec le CJD", "juillet 2020", "IMPACT-Entreprises"),
    ]
    assert not Question.objects.filter(study__in=announced).exists()


def test_the_impact_page_lists_phases_volets_and_announced_studies(demo, client):
    CaseFactory()
    CaseFactory(status=Case.Status.DRAFT)
    page = client.get("/programmes/impact/").content.decode()
    phases = section(page, 'id="phases"', "</ol>")
    quantitative = section(phases, "2019-2021 — Phase quantitative", "</li>\n")
    assert "« Jouer collectif » — volet citoyens</a> — mai 2020" in quantitative
    volets = section(page, 'id="volets"', "</section>")
    elus = section(volets, "Volet 5 : IMPACT-Elus / Maires", "</li>")
    assert "IMPACT-Elus locaux</a> — <strong>annoncée</strong>, à programmer fin 2020 ou 2021" in elus
    assert ">1 étude de cas publiée</a>" in section(volets, "IMPACT-Pratiques innovantes", "</li>")


def test_the_phare_page_says_its_period_is_not_printed(demo, client):
    page = client.get("/programmes/phare/").content.decode()
    assert "<dt>Période</dt><dd>non précisée par la source</dd>" in page
    assert client.get("/programmes/jouer-collectif/").status_code == 404


def test_an_announced_study_never_shows_a_figure(demo, client):
    study = Study.objects.get(slug="impact-elus-locaux")
    # Even with a figure entered by mistake, nothing of it reaches the public.
    segment = Segment.objects.create(study=study, label="Ensemble", kind=Segment.Kind.ENSEMBLE)
    question = add_single_choice(study, slug="fuite", values=(73,))
    assert Figure.objects.filter(question=question, value=Decimal(73), segment=segment).exists()

    page = client.get(study.get_absolute_url()).content.decode()
    assert "Étude annoncée</strong> — date prévue : à programmer fin 2020 ou 2021" in page
    assert "fuite" not in page and "73" not in page and "Questions</h2>" not in page
    assert client.get("/enquetes/impact-elus-locaux/fuite/").status_code == 404
    assert client.get("/api/v1/figures/", {"question": question.pk}).status_code == 400
    assert all(row["study"] != "impact-elus-locaux" for row in client.get("/api/v1/figures/").json()["results"])
    assert client.get("/api/v1/studies/impact-elus-locaux/").json()["questions"] == []


def test_the_study_list_shows_announced_studies_as_such(demo, client):
    page = client.get("/enquetes/").content.decode()
    row = section(page, "Pilote IMPACT-Entreprises avec le CJD</a>", "</tr>")
    assert "<strong>Annoncée</strong> — juillet 2020" in row
    assert '<td class="num">—</td>' in row
    assert client.get("/enquetes/", {"stage": "announced"}).context["groups"][0][1][0].stage == "announced"


def test_a_published_study_needs_a_year_and_a_citation_and_an_announced_one_an_expected_date(db):
    study = make_study()
    study.citation = ""
    with pytest.raises(ValidationError) as error:
        study.full_clean()
    assert set(error.value.message_dict) == {"citation"}
    study.stage, study.year = Study.Stage.ANNOUNCED, None
    with pytest.raises(ValidationError) as error:
        study.full_clean()
    assert set(error.value.message_dict) == {"expected"}
    study.expected = "courant 2021"
    study.full_clean()


def test_a_phase_of_another_programme_is_refused(demo):
    study = Study.objects.get(slug="phare-institutions-2016")
    study.phase = Programme.objects.get(slug="impact").phases.first()
    with pytest.raises(ValidationError) as error:
        study.full_clean()
    assert "phase" in error.value.message_dict


def test_the_api_lists_programme_stage_and_expected_date(demo, client):
    studies = {row["slug"]: row for row in client.get("/api/v1/studies/", {"page_size": 50}).json()["results"]}
    assert {key: studies["impact-entreprises"][key] for key in ["programme", "stage", "expected", "year"]} == {
        "programme": "impact",
        "stage": "announced",
        "expected": "courant 2021",
        "year": None,
    }
    assert studies["entreprises-2011"]["programme_inferred"] is True


def test_a_curator_edits_a_programme_in_the_admin(demo, curator_client):
    impact = Programme.objects.get(slug="impact")
    assert curator_client.get(reverse("admin:surveys_programme_change", args=[impact.pk])).status_code == 200


@pytest.mark.parametrize("extra", [0, 6])
def test_the_programme_page_query_count_does_not_grow_with_studies(db, client, django_assert_num_queries, extra):
    programme = Programme.objects.create(slug="impact", name="IMPACT")
    phase = programme.phases.create(period="2019-2021", name="Phase quantitative")
    programme.volets.create(number=2, name="IMPACT-Citoyens")
    for index in range(extra + 1):
        study = make_study(f"etude-{index}")
        Study.objects.filter(pk=study.pk).update(phase=phase)
    # programme, phases, volets, studies, resources
    with django_assert_num_queries(5):
        page = client.get("/programmes/impact/").content.decode()
    assert page.count("Étude fictive etude-") == extra + 1
