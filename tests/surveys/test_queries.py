"""What the pages above both apps (domain, region, case) get from the surveys, and how they render it."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from foundation.reference.models import Domain, Region
from surveys.models import Row
from surveys.queries import figures_for_domain, figures_for_region, perception_for_domains
from tests.surveys.conftest import make_grid, make_score, make_study

pytestmark = pytest.mark.django_db


def test_a_domain_gets_the_2019_mean_beside_2015_and_the_mayors_view(demo):
    items = figures_for_domain(Domain.objects.get(slug="emploi"))
    assert [(item.view.study.slug, item.view.question.slug) for item in items] == [
        ("impact-citoyens-2019", "q1"),
        ("phare-institutions-2016", "juste-place-entreprises"),
    ]
    q1 = items[0]
    assert q1.table.columns == ["2019", "2015"]
    assert [(line.label, [cell.text for cell in line.cells]) for line in q1.table.rows] == [
        ("Emploi / chômage / insertion", ["6,4", "7,1"])
    ]


def test_the_domain_include_renders_chart_table_and_source(demo):
    html = render_to_string(
        "surveys/_domain_figures.html", {"domain_figures": figures_for_domain(Domain.objects.get(slug="mal-logement"))}
    )
    assert "<svg" in html and "non lisible dans la source" in html
    assert "Source : étude IMPACT-Citoyens" in html
    assert render_to_string("surveys/_domain_figures.html", {"domain_figures": []}).strip() == ""


def test_a_region_gets_its_segments_bases_and_figures_beside_the_whole(demo):
    items = figures_for_region(Region.objects.get(code="11"))
    assert [(item.study.slug, item.segment.label, item.base_text) for item in items] == [
        ("impact-citoyens-2019", "Île-de-France", "6,3 millions — Français adultes"),
        ("phare-associations-2015", "Île-de-France", ""),
    ]
    employers = items[1].figures[0]
    assert (employers.row.label, employers.cell.text, employers.ensemble.text) == (
        "Associations employeuses",
        "46\u202f%",
        "53\u202f%",
    )
    html = render_to_string("surveys/_region_figures.html", {"region_figures": items})
    assert "6,3 millions" in html and "46" in html and "53" in html and "non lisible dans la source" in html


def test_a_shared_segment_names_the_other_region(demo):
    [item] = figures_for_region(Region.objects.get(code="94"))
    assert item.segment.label == "Provence-Alpes-Côte d'Azur + Corse"
    assert [region.code for region in item.shared_with] == ["93"]
    assert item.base_text == "4,3 millions — Français adultes"


def test_a_case_gets_how_the_public_perceives_its_domains(demo):
    perception = perception_for_domains(Domain.objects.filter(slug__in=["sante", "acces-numerique"]))
    assert perception.waves == ["2019", "2015"]
    assert [(row.label, [cell.text for cell in cells]) for row, cells in perception.rows] == [
        ("Santé", ["5,8", "6,2"]),
        ("L'accès au numérique (internet)", ["non lisible dans la source", "5,5"]),
    ]
    html = render_to_string("surveys/_case_perception.html", {"perception": perception})
    assert "/domaines/sante/" in html and "/enquetes/impact-citoyens-2019/q1/" in html


def test_no_domain_no_perception(demo):
    assert perception_for_domains([]) is None
    assert render_to_string("surveys/_case_perception.html", {"perception": None}).strip() == ""


def test_unpublished_studies_reach_none_of_these_pages(db):
    study = make_study("brouillon", published=False)
    question = make_grid(study)
    Row.objects.filter(question=question).update(domain=Domain.objects.get(slug="sante"))
    study.segments.get().regions.set(["11"])
    assert figures_for_domain(Domain.objects.get(slug="sante")) == []
    assert figures_for_region(Region.objects.get(code="11")) == []


def _queries(template: str, name: str, function, *args) -> int:
    """Queries to compute what a page needs and render its include."""
    with CaptureQueriesContext(connection) as context:
        render_to_string(template, {name: function(*args)})
    return len(context)


def test_the_query_counts_do_not_grow_with_figures(db):
    sante = Domain.objects.get(slug="sante")
    ile_de_france = Region.objects.get(code="11")

    def grow(slug: str, rows: int) -> None:
        study = make_study(slug)
        question = make_grid(study, rows=rows)
        question.rows.update(domain=sante)
        make_score(study, domains=Domain.objects.all())
        study.segments.get().regions.set([ile_de_france])

    def measure() -> list[int]:
        return [
            _queries("surveys/_domain_figures.html", "domain_figures", figures_for_domain, sante),
            _queries("surveys/_region_figures.html", "region_figures", figures_for_region, ile_de_france),
            _queries("surveys/_case_perception.html", "perception", perception_for_domains, [sante]),
        ]

    grow("petite", 5)
    assert perception_for_domains([sante]) is not None
    counts = measure()
    grow("grande", 120)
    assert measure() == counts
