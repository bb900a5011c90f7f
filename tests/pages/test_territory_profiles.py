"""Territory profiles over HTTP: `/territoires/<region>/`, `/territoires/departements/<department>/`, the report,
its PDF, the method page and the profile API (data from tests/profile_data.py, surveys from the source)."""

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from foundation.reference.models import CollectiveDynamic, PartnershipType, Region
from indicators.models import Indicator, IndicatorValue
from observatoire.territories.pdf import BASE_URL, StaticOnlyFetcher, static_path
from surveys.models import Answer, Figure, Question, Row, Segment
from tests.factories import CaseFactory
from tests.profile_data import make_indicator, make_values, priority_example
from tests.snapshots import surveys_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    surveys_demo()
    return priority_example()


def text_of(response) -> str:
    """The page's text, tags and repeated white space removed, for sentences that span elements."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace(" ,", ",")


def priorities_by_slug(response) -> dict:
    return {priority.domain.slug: priority for priority in response.context["profile"].priorities}


# The region profile ------------------------------------------------------------------------------------------


def test_a_region_profile_shows_each_indicator_with_its_value_period_rank_source_and_licence(client, example):
    response = client.get("/territoires/84/")

    assert response.status_code == 200
    row = re.search(r"<tr>\s*<th scope=\"row\">Indicateur fictif education.*?</tr>", response.content.decode(), re.S)[0]
    assert "5,0</span>" in row and "<td>2021</td>" in row
    assert "1ʳᵉ région sur 5" in row
    assert "DREES, tableau de démonstration — Licence Ouverte / Etalab 2.0" in row
    assert "Indicateur approché : il mesure la reconnaissance du handicap." in text_of(response)


def test_a_value_the_source_does_not_give_says_so_and_is_never_zero(client, example):
    response = client.get("/territoires/53/")  # Bretagne has no population value

    row = re.search(r"<th scope=\"row\">Population fictive.*?</tr>", response.content.decode(), re.S)[0]
    assert "non disponible dans la source" in row
    assert ">0<" not in row


def test_the_national_reference_is_shown_where_the_source_gives_one(client, example):
    content = text_of(client.get("/territoires/84/"))

    assert "7,1 (France métropolitaine, 4ᵉ trimestre 2024)" in content


def test_the_perception_is_national_and_says_so_when_the_region_has_no_segment(client, example):
    response = client.get("/territoires/84/")

    emploi = priorities_by_slug(response)["emploi"]
    assert (emploi.perceived.cell.value, emploi.perceived.scope) == (Decimal("6.4"), "national")
    assert "chiffres nationaux" in text_of(response)
    assert "(national)" in response.content.decode()


def test_a_regional_segment_added_by_a_curator_is_picked_up(client, example):
    question = Question.objects.get(study__slug="impact-citoyens-2019", slug="q1")
    segment = Segment.objects.create(
        study=question.study, label="Auvergne-Rhône-Alpes (Q1)", kind="region", position=99
    )
    segment.regions.set(["84"])
    row = Row.objects.get(question=question, domain__slug="emploi")
    Figure.objects.create(
        question=question, row=row, answer=Answer.objects.get(question=question), segment=segment, value="4.2"
    )

    response = client.get("/territoires/84/")
    department = client.get("/territoires/departements/69/")
    elsewhere = client.get("/territoires/53/")

    emploi = priorities_by_slug(response)["emploi"]
    assert (emploi.perceived.cell.value, emploi.perceived.scope) == (Decimal("4.2"), "Auvergne-Rhône-Alpes (Q1)")
    assert priorities_by_slug(response)["sante"].perceived.scope == "national"
    assert "segment « Auvergne-Rhône-Alpes (Q1) »" in text_of(response)
    assert priorities_by_slug(department)["emploi"].perceived.cell.value == Decimal("4.2")
    assert priorities_by_slug(elsewhere)["emploi"].perceived.scope == "national"


def test_the_priorities_name_the_gaps_between_data_and_perception(client, example):
    response = client.get("/territoires/84/")

    priorities = priorities_by_slug(response)
    orders = {
        slug: (p.objective_order, p.perceived_order, p.gap)
        for slug, p in priorities.items()
        if p.gap or p.perceived_order
    }
    assert orders == {
        "education": (1, 6, "objective"),
        "sante": (2, 5, "objective"),
        "transition-energetique": (3, 4, ""),
        "securite-delinquance": (4, 3, ""),
        "niveau-de-vie": (5, 2, "perceived"),
        "emploi": (6, 1, "perceived"),
    }
    content = text_of(response)
    assert "Indicateur fictif education" in content
    # The region has no perception of its own: the label names the national one and claims no local gap.
    assert (
        "Rang plus haut selon les données, par rapport à la perception nationale "
        "(ordre 1 selon les données, 6 selon la perception)"
    ) in content
    assert (
        "Rang plus bas selon les données, par rapport à la perception nationale "
        "(ordre 6 selon les données, 1 selon la perception)"
    ) in content
    assert "Fragilité objective forte, peu perçue" not in content


def test_the_priorities_chart_is_an_accessible_svg_with_both_columns(client, example):
    content = client.get("/territoires/84/").content.decode()

    svg = re.search(r'<svg [^>]*aria-labelledby="priorites-title priorites-desc".*?</svg>', content, re.S)[0]
    assert '<title id="priorites-title">Fragilités objectives et perçues — Auvergne-Rhône-Alpes</title>' in svg
    assert "Éducation : position objective 100/100 · 1ʳᵉ région sur 5, fragilité perçue 5,6/10 (national)" in svg
    assert " style=" not in svg


def test_a_domain_without_official_indicator_is_listed_as_such(client, example):
    response = client.get("/territoires/84/")

    culture = priorities_by_slug(response)["culture-loisirs"]
    assert not culture.position.has_indicators and culture.position.score is None
    assert "Aucun indicateur officiel pour ce domaine : rien n'est déduit." in text_of(response)


def test_the_alliances_count_the_region_cases_and_link_each_count_to_the_search(client, example):
    dynamic = CollectiveDynamic.objects.first()
    practice = PartnershipType.objects.first()
    for case in CaseFactory.create_batch(2, departments=["38"]):
        case.regions.set(["84"])
        case.dynamics.set([dynamic])
        case.partnership_types.set([practice])
    CaseFactory(departments=["35"]).regions.set(["53"])

    content = client.get("/territoires/84/").content.decode()

    assert (
        f'<a href="/cas/?region=84&amp;dynamic={dynamic.slug}">{dynamic.name} <span class="count">2</span></a>'
        in content
    )
    assert f'href="/cas/?region=84&amp;partnership={practice.slug}"' in content
    assert "2 études de cas publiées dans la région Auvergne-Rhône-Alpes" in text_of(client.get("/territoires/84/"))


def test_the_profile_links_the_report_its_pdf_and_the_method(client, example):
    content = client.get("/territoires/84/").content.decode()

    assert 'href="/territoires/84/rapport/"' in content
    assert 'href="/territoires/84/rapport.pdf"' in content
    assert 'href="/a-propos/indicateurs/"' in content


# Departments ---------------------------------------------------------------------------------------------------


def test_a_department_profile_compares_it_with_the_departments(client, example):
    response = client.get("/territoires/departements/38/")

    assert response.status_code == 200
    assert "<h1>Isère (38)</h1>" in response.content.decode()
    education = priorities_by_slug(response)["education"]
    assert (education.position.score, education.position.rank, education.position.peers) == (50, 2, 3)
    assert "2ᵉ département sur 3" in response.content.decode()
    assert 'href="/territoires/84/"' in response.content.decode()  # its region


def test_region_and_department_codes_that_collide_lead_to_different_pages(client, example):
    region = client.get("/territoires/11/")
    department = client.get("/territoires/departements/11/")

    assert "<h1>Île-de-France</h1>" in region.content.decode()
    assert "<h1>Aude (11)</h1>" in department.content.decode()


def test_a_corsican_department_code_is_read_in_either_case(client, example):
    assert client.get("/territoires/departements/2A/").status_code == 200
    assert client.get("/territoires/departements/2a/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/territoires/99/",
        "/territoires/abc/",
        "/territoires/8%004/",
        "/territoires/84%00/rapport/",
        "/territoires/departements/99/",
        "/territoires/departements/2%00A/",
        "/territoires/departements/38%00/rapport.pdf",
        "/territoires/departements/11111/rapport/",
    ],
)
def test_an_unknown_or_malformed_code_is_a_404(client, url):
    assert client.get(url).status_code == 404


# Query counts --------------------------------------------------------------------------------------------------

# The region (1); positions: domains, indicators, their domains, values (4); perception: the question, its
# figures (2); alliances: three vocabulary counts, the total, the three vocabularies (7); the domains' counts
# and names (2); the region's survey segments, their regions and figures (3: the source prints no figure for
# this region's segment, so the whole's figures are not read); the departments and their counts (2); the
# latest cases and the four tag lists their cards show (5); the published cases by observed impact (1).
PROFILE_QUERIES = 31  # the department positions (4) for the heat table of the region's departments


def region_cases(number: int) -> None:
    for case in CaseFactory.create_batch(number, departments=["38"], domains=["sante"]):
        case.regions.set(["84"])
        case.dynamics.set(CollectiveDynamic.objects.all())


def test_the_profile_page_reads_a_constant_number_of_queries(client, example, django_assert_num_queries):
    region_cases(1)
    with django_assert_num_queries(PROFILE_QUERIES):
        client.get("/territoires/84/")

    for number in range(5):
        extra = make_indicator(f"supplementaire-{number}", Indicator.Direction.HIGHER_MORE_FRAGILE, ["mal-logement"])
        make_values(extra, IndicatorValue.Level.REGION, {"84": str(number), "11": "2"})
    region_cases(12)
    with django_assert_num_queries(PROFILE_QUERIES):
        response = client.get("/territoires/84/")
    assert len(response.context["profile"].indicators) == 7 + 5
    assert response.context["profile"].case_count == 13


# The report and its PDF ----------------------------------------------------------------------------------------


def test_the_report_is_one_printable_page_with_the_three_sections(client, example):
    response = client.get("/territoires/84/rapport/")

    assert response.status_code == 200
    content = text_of(response)
    assert "Rapport régional : Auvergne-Rhône-Alpes" in content
    for heading in [
        "Profil structurel et socio-économique",
        "Fragilités prioritaires : données objectives et perception",
        "Les dynamiques d'alliances à l'œuvre",
        "Méthode et sources",
    ]:
        assert heading in content
    assert 'href="/static/css/report.css"' in response.content.decode()


def test_the_pdf_is_made_from_live_data_and_holds_the_region_indicators_periods_and_sources(client, example):
    response = client.get("/territoires/84/rapport.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="rapport-region-84.pdf"'
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Rapport régional : Auvergne-Rhône-Alpes" in text
    assert re.search(r"Indicateur fictif education .*?2021", text)
    assert "DREES, INSEE — Licence Ouverte / Etalab 2.0" in text
    assert "IMPACT-Citoyens" in text


def test_a_department_report_has_its_pdf_too(client, example):
    response = client.get("/territoires/departements/2A/rapport.pdf")

    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Rapport départemental : Corse-du-Sud (2A)" in re.sub(r"\s+", " ", text)


def test_the_pdf_renderer_serves_local_static_files_and_refuses_any_other_address():
    assert static_path(f"{BASE_URL}static/css/report-pdf.css").name == "report-pdf.css"
    for url in [
        "https://example.org/static/css/report-pdf.css",
        "http://rapport.invalid/static/css/report-pdf.css",
        f"{BASE_URL}static/../observatoire/settings.py",
        f"{BASE_URL}static/css/absent.css",
        f"{BASE_URL}admin/",
        "file:///etc/passwd",
    ]:
        assert static_path(url) is None, url
        with pytest.raises(ValueError):
            StaticOnlyFetcher().fetch(url)


# The method page ----------------------------------------------------------------------------------------------


def test_the_method_page_explains_the_method_and_lists_the_indicators(client, example):
    response = client.get("/a-propos/indicateurs/")

    content = text_of(response)
    assert response.status_code == 200
    assert "Le rang en centile." in content
    assert "au moins 3 places" in content
    assert "Indicateur fictif education" in content
    assert "Indicateur approché : il mesure la reconnaissance du handicap." in content
    assert "Domaines sans indicateur officiel" in content and "Culture / loisirs" in content
    assert 'href="/a-propos/indicateurs/"' in client.get("/a-propos/").content.decode()


# The profile API -----------------------------------------------------------------------------------------------


def test_the_profile_api_gives_the_report_data(client, example):
    response = client.get("/api/v1/profiles/regions/84/")

    assert response.status_code == 200
    data = response.json()
    assert data["territory"] == {"level": "region", "code": "84", "name": "Auvergne-Rhône-Alpes", "region": "84"}
    education = next(item for item in data["indicators"] if item["slug"] == "indicateur-education")
    assert (education["value"], education["period"], education["rank"], education["peers"]) == (
        "5.0000000",
        "2021",
        1,
        5,
    )
    assert education["licence"] == "Licence Ouverte / Etalab 2.0"
    population_bretagne = client.get("/api/v1/profiles/regions/53/").json()["indicators"][0]
    assert (population_bretagne["slug"], population_bretagne["value"]) == ("population-fictive", None)
    domains = {item["slug"]: item for item in data["domains"]}
    assert domains["emploi"]["perceived"] == {
        "value": "6.4",
        "scope": "national",
        "is_national": True,
        "previous_value": "7.1",
    }
    assert (domains["education"]["score"], domains["education"]["gap"]) == (100.0, "objective")
    assert domains["culture-loisirs"]["has_indicators"] is False
    assert data["report_pdf_url"] == "http://testserver/territoires/84/rapport.pdf"


def test_the_department_profile_api_and_its_errors(client, example):
    assert client.get("/api/v1/profiles/departments/2A/").json()["territory"]["region"] == "94"
    missing = client.get("/api/v1/profiles/departments/99/")
    assert missing.status_code == 404 and "détail" not in missing.json()
    assert client.get("/api/v1/profiles/regions/8%004/").status_code == 404


def test_the_profile_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    assert "/api/v1/profiles/regions/{code}/" in schema["paths"]
    assert "/api/v1/profiles/departments/{code}/" in schema["paths"]
    assert Region.objects.exists()
