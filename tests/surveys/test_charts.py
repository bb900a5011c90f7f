"""Every chart is valid SVG, titled and described for screen readers, with no inline style (the CSP)."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from surveys import charts
from surveys.models import Question, Segment
from surveys.presentation import question_chart
from surveys.queries import figures_for_domain, perception_for_domains, question_views

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 — the SVG is ours, made by the code under test
    assert root.tag == f"{SVG}svg"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text, "a chart has a title"
    assert desc is not None and desc.text, "a chart has a description"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert not [element.tag for element in root.iter() if element.get("style") is not None], "no inline style"
    return root


def texts(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def mark(label: str, value, **kwargs) -> charts.Mark:
    number = None if value is None else Decimal(value)
    text = "non lisible dans la source" if number is None else f"{value}\u202f%"
    return charts.Mark(label=label, value=number, text=text, **kwargs)


@pytest.mark.django_db
def test_every_chart_of_the_source_is_valid_and_described(demo):
    views = question_views(Question.objects.all())
    assert len(views) == 17
    ids = set()
    for view in views:
        for segment in view.segments:
            root = parse(question_chart(view, segment))
            ids.add(root.find(f"{SVG}title").get("id"))
            if view.has_missing and segment.kind == Segment.Kind.ENSEMBLE:
                assert "non lisible dans la source" in root.find(f"{SVG}desc").text
    assert len(ids) == sum(len(view.segments) for view in views), "ids are unique on a page"


@pytest.mark.django_db
def test_the_charts_of_other_pages_are_valid(demo):
    from foundation.reference.models import Domain

    for domain in Domain.objects.all():
        for item in figures_for_domain(domain):
            parse(item.chart)
    parse(perception_for_domains(Domain.objects.filter(slug__in=["emploi", "mal-logement"])).chart)


def test_a_bar_chart_writes_every_value_and_sets_nets_apart():
    svg = charts.bar_chart(
        chart_id="c",
        title="Q3",
        groups=[
            ("", [mark("Oui, tout à fait", "45", derived=True), mark("Oui, plutôt", "42"), mark("Oui", "87", net=True)])
        ],
        maximum=Decimal(100),
    )
    root = parse(svg)
    assert {
        "45\u202f%*",
        "42\u202f%",
        "87\u202f%",
        "Total : Oui",
        "* valeur calculée à partir des chiffres imprimés",
    } <= set(texts(root))
    assert "Oui, tout à fait : 45\u202f% (calculé)" in root.find(f"{SVG}desc").text
    assert any(rect.get("fill") == "url(#c-hatch)" for rect in root.iter(f"{SVG}rect"))


def test_a_lost_value_is_drawn_as_lost_not_as_zero():
    root = parse(charts.bar_chart(chart_id="c", title="T", groups=[("", [mark("Santé", None)])], maximum=Decimal(100)))
    assert "non lisible dans la source" in texts(root)
    dashed = [rect for rect in root.iter(f"{SVG}rect") if rect.get("stroke-dasharray")]
    assert len(dashed) == 1 and dashed[0].get("fill") == "none"


def test_a_stacked_chart_names_the_parts_it_cannot_place():
    row = charts.StackRow(
        label="Légitimes",
        parts=[mark("Tout à fait", "20", derived=True), mark("Plutôt", "50"), mark("Ni l'un ni l'autre", None)],
        nets=[mark("D'accord", "70", net=True)],
    )
    root = parse(
        charts.stacked_chart(
            chart_id="s", title="Q6", answers=["Tout à fait", "Plutôt", "Ni l'un ni l'autre"], rows=[row]
        )
    )
    content = texts(root)
    assert "20*" in content and "50" in content and "70\u202f%" in content
    assert "Non lisible dans la source : Ni l'un ni l'autre" in content


def test_a_dot_chart_compares_waves_with_shapes_as_well_as_colours():
    rows = [charts.DotRow(label="Emploi", marks=[mark("Emploi", "6.4"), mark("Emploi", "7.1")])]
    root = parse(charts.dot_chart(chart_id="d", title="Q1", waves=["2019", "2015"], rows=rows))
    assert len(list(root.iter(f"{SVG}circle"))) == 2  # the legend's and the 2019 mean's
    assert any(rect.get("fill") == "#ffffff" for rect in root.iter(f"{SVG}rect"))  # 2015: an open square
    assert "Emploi — 2019 : 6.4\u202f% ; 2015 : 7.1\u202f%." in root.find(f"{SVG}desc").text


def test_text_is_escaped():
    root = parse(
        charts.bar_chart(chart_id="e", title="<b>&", groups=[("", [mark("a < b & c", "1")])], maximum=Decimal(10))
    )
    assert root.find(f"{SVG}title").text == "<b>&"
    assert "a < b & c" in texts(root)


def test_long_labels_wrap():
    assert charts.wrap("un deux trois quatre", 9) == ["un deux", "trois", "quatre"]
    assert charts.wrap("", 10) == [""]
