"""The national report and its PDF, and the region PDF's page layout (read with pypdf)."""

import csv
import io
import re

import pytest
from pypdf import PdfReader

from foundation.reference.models import Domain
from indicators.models import Indicator, IndicatorValue
from tests.factories import CaseFactory
from tests.profile_data import make_indicator, make_values, priority_example
from tests.snapshots import surveys_demo

pytestmark = pytest.mark.django_db
DEPARTMENT_QUERIES = 29  # with the published cases by observed impact (1)
NATIONAL_REPORT_QUERIES = 14


@pytest.fixture
def example():
    surveys_demo()
    return priority_example()


def pages_of(response) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(response.content)).pages]


def test_the_national_report_answers_and_holds_the_sixteen_domains(client, example):
    response = client.get("/territoires/france/rapport/")

    assert response.status_code == 200
    content = response.content.decode()
    heads = re.findall(r'<th scope="col" id="domaine-([a-z-]+)">', content)
    assert sorted(heads) == sorted(Domain.objects.values_list("slug", flat=True)) and len(heads) == 16
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content))
    assert "En bref" in text and "Les dynamiques d'alliances à l'œuvre" in text and "Méthode et sources" in text
    # The domain the public rates most fragile nationally comes first, with its most fragile regions.
    assert re.search(r"En bref .*?1?Emploi / chômage / insertion : 6,4/10 ; régions les plus fragiles", text)
    assert 'href="/territoires/france/rapport.pdf"' in content


def test_the_national_report_pdf_holds_the_sixteen_domains(client, example):
    response = client.get("/territoires/france/rapport.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pages_of(response))
    assert "Rapport national : les fragilités des régions" in text
    assert "En bref" in text
    squeezed = text.replace(" ", "")
    for name in Domain.objects.values_list("name", flat=True):
        assert name.replace(" ", "") in squeezed, name


def test_every_profile_links_the_national_view(client, example):
    for url in ["/territoires/84/", "/territoires/departements/38/", "/territoires/84/rapport/", "/domaines/", "/"]:
        assert 'href="/territoires/france/"' in client.get(url).content.decode(), url


def test_the_region_pdf_opens_with_en_bref_keeps_the_chart_with_its_heading_and_orphans_no_heading(client, example):
    response = client.get("/territoires/84/rapport.pdf")

    pages = pages_of(response)
    assert len(pages) <= 6
    assert "En bref" in pages[0]
    heading = "Fragilités prioritaires : données objectives et perception"
    with_heading = [page for page in pages if heading in page]
    assert len(with_heading) == 1
    assert "Position objective (0 à 100)" in with_heading[0]  # the chart's first line, on the same page
    assert with_heading[0].index("Position objective (0 à 100)") > with_heading[0].index(heading)
    headings = ["En bref", heading, "Profil structurel et socio-économique", "Les dynamiques d'alliances à l'œuvre"]
    for page in pages:
        for title in headings:
            if title in page:
                after = page[page.index(title) + len(title) :].strip()
                # what follows a heading on its page is more than a page footer ("3 / 5")
                assert len(re.sub(r"\d+ / \d+$", "", after)) > 40, (title, after)


def test_the_home_page_counts_territories_with_at_least_one_case_and_says_so(client):
    content = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/").content.decode()))

    assert re.search(r"0 départements?, 0 régions? avec au moins une étude de cas", content)


def test_a_profile_offers_its_table_as_csv_its_chart_as_svg_with_its_source_and_its_json(client, example):
    content = client.get("/territoires/84/").content.decode()
    for link in ["/territoires/84/profil.csv", "/territoires/84/priorites.svg", "/api/v1/profiles/regions/84/"]:
        assert f'href="{link}"' in content

    rows = list(csv.reader(io.StringIO(client.get("/territoires/84/profil.csv").content.decode())))
    education = next(row for row in rows if row[0] == "indicateur-education")
    assert education[1:4] == ["5", "%", "2021"] and education[5:7] == ["1", "5"]
    svg = client.get("/territoires/departements/38/priorites.svg")
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "Sources : indicateurs officiels" in svg.content.decode()
    assert client.get("/territoires/departements/38/profil.csv").status_code == 200


def test_the_map_offers_its_table_as_csv_with_the_source_digits_and_the_rank_of_fragility(client, example):
    page = client.get("/territoires/?indicateur=indicateur-emploi&niveau=region").content.decode()
    assert 'href="/territoires/carte.csv?indicateur=indicateur-emploi&amp;niveau=region"' in page

    rows = list(
        csv.reader(io.StringIO(client.get("/territoires/carte.csv?indicateur=indicateur-emploi").content.decode()))
    )
    assert rows[0][:3] == ["code", "territoire", "valeur"]
    auvergne = next(row for row in rows if row[0] == "84")
    assert auvergne[2] == "0.5" and auvergne[6:8] == ["5", "5"]
    assert client.get("/territoires/carte.csv?indicateur=inconnu").status_code == 400


def test_a_case_whose_domains_have_no_readable_perception_draws_no_empty_chart(client, example):
    unreadable = CaseFactory(domains=["pauvrete-exclusion"])  # "non lisible dans la source" in the survey
    readable = CaseFactory(domains=["sante"])

    content = client.get(unreadable.get_absolute_url()).content.decode()
    assert "Comment le public perçoit ces fragilités" in content
    assert "Aucune note n'est lisible dans la source pour ces domaines : pas de graphique" in content
    assert '<figure class="chart chart-small">' not in content
    assert '<figure class="chart chart-small">' in client.get(readable.get_absolute_url()).content.decode()


def _more(number: int) -> None:
    for index in range(number):
        extra = make_indicator(f"en-plus-{index}", Indicator.Direction.HIGHER_MORE_FRAGILE, ["mal-logement"])
        make_values(extra, IndicatorValue.Level.REGION, {"84": str(index), "11": "2"})
        make_values(extra, IndicatorValue.Level.DEPARTMENT, {"38": str(index), "69": "2"})
    # at least one case: the case cards' prefetches run only when there is a case to show
    for case in CaseFactory.create_batch(number, departments=["38"], domains=["sante"]):
        case.regions.set(["84"])


@pytest.mark.parametrize("extra", [1, 7])
def test_the_department_profile_and_the_national_report_read_a_constant_number_of_queries(
    client, example, extra, django_assert_num_queries
):
    _more(extra)
    with django_assert_num_queries(DEPARTMENT_QUERIES):
        response = client.get("/territoires/departements/38/")
    assert len(response.context["profile"].rows) == 7 + extra
    with django_assert_num_queries(NATIONAL_REPORT_QUERIES):
        response = client.get("/territoires/france/rapport/")
    assert response.context["profile"]["case_count"] == extra


REGION_REPORT_QUERIES = 14
DEPARTMENT_REPORT_QUERIES = 18  # the region's positions beside the department's


@pytest.mark.parametrize("extra", [1, 7])
def test_the_printable_reports_read_a_constant_number_of_queries(client, example, extra, django_assert_num_queries):
    _more(extra)
    with django_assert_num_queries(REGION_REPORT_QUERIES):
        response = client.get("/territoires/84/rapport/")
    assert len(response.context["profile"].rows) == 7 + extra and response.context["profile"].case_count == extra
    with django_assert_num_queries(DEPARTMENT_REPORT_QUERIES):
        response = client.get("/territoires/departements/38/rapport/")
    assert len(response.context["profile"].rows) == 7 + extra and response.context["profile"].case_count == extra
