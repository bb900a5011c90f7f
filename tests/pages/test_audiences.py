"""The audiences' entry points, the researchers' codebook, the deck's reference text and the home page's links."""

import pytest

from resources.models import Audience
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory
from tests.resources.conftest import make_resource
from tests.snapshots import surveys_demo
from tests.surveys.conftest import make_study

pytestmark = pytest.mark.django_db


def section(page: str, marker: str) -> str:
    start = page.index(marker)
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize(
    ("slug", "quote"),
    [
        ("organisations", "La base de données IMPACT Pratiques innovantes pour s&#x27;inspirer"),
        ("territoires", "Les rapports IMPACT régionaux pour établir des diagnostics territoriaux"),
        ("collectivites", "Les études IMPACT Elus locaux pour connaître l&#x27;avis de ses « pairs »"),
        ("institutions", "Les études du programme IMPACT pour une vision systémique"),
    ],
)
def test_each_audience_page_quotes_the_decks_data_for_it_and_lists_its_resources(client, slug, quote):
    make_resource("pour-ce-public", audiences=[slug])
    make_resource("pour-un-autre", audiences=["chercheurs"])
    page = client.get(f"/pour/{slug}/").content.decode()
    assert quote in section(page, 'id="donnees"')
    tools = section(page, 'id="outils"')
    assert "/ressources/pour-ce-public/" in tools and "pour-un-autre" not in tools


def test_an_unknown_audience_is_a_404(client):
    assert client.get("/pour/tout-le-monde/").status_code == 404


def test_the_local_authorities_page_leads_to_the_region_reports_the_mayors_figures_and_their_coming_study(client):
    surveys_demo()
    page = client.get("/pour/collectivites/").content.decode()
    data = section(page, 'id="donnees"')
    assert data.count("/rapport/") == 18
    assert "étude PHARE-Institutions (octobre 2016)" in data
    assert "IMPACT-Elus locaux</a> : étude annoncée, à programmer fin 2020 ou 2021." in data


def test_the_supporting_organisations_come_from_published_cases_only(client):
    public = OrganizationFactory(name="Accompagnateur public")
    hidden = OrganizationFactory(name="Accompagnateur d'un brouillon")
    ParticipationFactory(case=CaseFactory(), organization=public, role="accompagnateur")
    ParticipationFactory(case=CaseFactory(status="draft"), organization=hidden, role="accompagnateur")
    skills = section(client.get("/pour/organisations/").content.decode(), 'id="competences"')
    assert "Accompagnateur public" in skills and "brouillon" not in skills


def test_the_researchers_page_gives_the_codebook_the_method_and_how_to_cite(client):
    surveys_demo()
    page = client.get("/pour/chercheurs/").content.decode()
    assert '<th scope="row"><code>provenance</code></th>' in section(page, 'id="chiffres"')
    assert "<code>missing</code> — Imprimé mais non lisible" in page
    assert "<code>slug</code>" in section(page, 'id="cas"')
    method = section(page, 'id="methode"')
    citoyens = method[method.index("IMPACT-Citoyens</a>") :]
    assert citoyens.index("octobre 2019") < citoyens.index("Comisis — OpinionWay") < citoyens.index("Français adultes")
    assert "Pilote IMPACT-Entreprises" not in method  # announced: no method yet
    assert "Source : étude" in section(page, 'id="citer"')


def test_the_audiences_exist_for_curators_to_tag_resources():
    assert list(Audience.objects.values_list("slug", flat=True)) == [
        "organisations",
        "collectivites",
        "institutions",
        "territoires",
        "chercheurs",
    ]


def test_the_home_page_leads_to_the_five_audiences(client):
    entry = section(client.get("/").content.decode(), 'id="publics"')
    assert [part.split('"')[0] for part in entry.split('href="/pour/')[1:]] == [
        "organisations/",
        "collectivites/",
        "institutions/",
        "territoires/",
        "chercheurs/",
    ]


def test_the_notions_page_prints_the_decks_reference_text_with_its_pages(client):
    page = client.get("/a-propos/notions/").content.decode()
    assert "La notion de fragilité est évolutive ET dépendante de son environnement." in section(page, 'id="fragilite"')
    alliance = section(page, 'id="alliance"')
    assert "« Position, qui traduit une capacité d'ouverture à l'autre" in alliance
    assert "p. 4" in alliance
    figures = section(page, 'id="chiffres-cles"')
    assert "<strong>113 Md€</strong> de budget" in figures and "Source : Le RAMEAU" in figures
    assert "/a-propos/notions/" in client.get("/a-propos/").content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_an_audience_page_query_count_does_not_grow_with_content(client, django_assert_num_queries, count):
    for index in range(count):
        make_resource(f"r{index}", audiences=["organisations"])
        ParticipationFactory(case=CaseFactory(), role="accompagnateur")
    # resources, cases and the four tag lists their cards show, supporting organisations: one query each,
    # whatever their number
    with django_assert_num_queries(7):
        page = client.get("/pour/organisations/").content.decode()
    assert section(page, 'id="ressources-public"').count("<li>") == count


@pytest.mark.parametrize("extra", [0, 3])
def test_the_researchers_page_query_count_does_not_grow_with_studies(client, django_assert_num_queries, extra):
    surveys_demo()
    for index in range(extra):
        make_study(f"etude-{index}")
    with django_assert_num_queries(8):
        page = client.get("/pour/chercheurs/").content.decode()
    assert section(page, 'id="methode"').count("<tr>") == 8 + extra + 1
