"""/organisations/ and /organisations/<slug>/: only organisations of published cases, faceted with exact
counts, in a constant number of queries."""

import pytest

from cases.models import Case, Organization
from cases.search import reindex_deferred
from foundation.reference.models import CollectiveDynamic
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _facet(response, param: str) -> dict[str, int]:
    facet = next(facet for facet in response.context["facets"] if facet["param"] == param)
    return {value["value"]: value["count"] for value in facet["values"]}


@pytest.fixture
def base():
    tiers_lieux = CollectiveDynamic.objects.get(slug="tiers-lieux")
    with reindex_deferred():
        lyon = OrganizationFactory(name="Association fictive de Lyon", kind="association", department_id="69")
        grenoble = OrganizationFactory(name="Entreprise fictive de Grenoble", kind="entreprise", department_id="38")
        lille = OrganizationFactory(name="Fondation fictive de Lille", kind="fondation", department_id="59")
        hidden = OrganizationFactory(name="Collectif fictif en brouillon", kind="collectif_citoyen")
        first = CaseFactory(title="Alliance fictive publiée")
        first.dynamics.set([tiers_lieux])
        second = CaseFactory(title="Autre alliance fictive publiée")
        draft = CaseFactory(title="Alliance fictive en brouillon", status=Case.Status.DRAFT)
        draft.dynamics.set([tiers_lieux])
        ParticipationFactory(case=first, organization=lyon, role="porteur")
        ParticipationFactory(case=first, organization=grenoble, role="financeur")
        ParticipationFactory(case=second, organization=lyon, role="partenaire")
        ParticipationFactory(case=second, organization=lille)
        ParticipationFactory(case=draft, organization=hidden)
        ParticipationFactory(case=draft, organization=lille)
    return {"lyon": lyon, "grenoble": grenoble, "lille": lille, "hidden": hidden}


def test_the_directory_lists_only_organisations_of_published_cases_with_exact_facets(client, base):
    response = client.get("/organisations/")
    assert response.status_code == 200
    names = [organization.name for organization in response.context["page"].object_list]
    assert names == ["Association fictive de Lyon", "Entreprise fictive de Grenoble", "Fondation fictive de Lille"]
    assert _facet(response, "kind") == {"association": 1, "entreprise": 1, "fondation": 1}
    assert _facet(response, "region") == {"84": 2, "32": 1}
    assert _facet(response, "department") == {"38": 1, "59": 1, "69": 1}
    # Lille's only tiers-lieu case is a draft: it does not count.
    assert _facet(response, "dynamic") == {"tiers-lieux": 2}
    assert "Collectif fictif en brouillon" not in response.content.decode()


def test_a_filter_narrows_the_list_and_the_other_facets_but_not_its_own(client, base):
    response = client.get("/organisations/?dynamic=tiers-lieux&region=84")
    names = [organization.name for organization in response.context["page"].object_list]
    assert names == ["Association fictive de Lyon", "Entreprise fictive de Grenoble"]
    assert _facet(response, "dynamic") == {"tiers-lieux": 2}
    assert _facet(response, "region") == {"84": 2}
    assert _facet(response, "kind") == {"association": 1, "entreprise": 1}
    assert client.get("/organisations/?region=99").status_code == 400


def test_a_drafts_organisation_gets_no_page_from_that_draft_alone(client, base):
    assert client.get(base["hidden"].get_absolute_url()).status_code == 404
    page = client.get(base["lille"].get_absolute_url())
    assert page.status_code == 200
    listed = [entry["case"].title for entry in page.context["cases"]]
    assert listed == ["Autre alliance fictive publiée"]
    assert "Alliance fictive en brouillon" not in page.content.decode()


def test_an_organisation_page_lists_its_cases_and_roles_and_the_case_page_links_it(client, base):
    page = client.get(base["lyon"].get_absolute_url())
    rows = [(entry["case"].title, entry["roles"]) for entry in page.context["cases"]]
    assert rows == [("Alliance fictive publiée", ["Porteur"]), ("Autre alliance fictive publiée", ["Partenaire"])]
    case_page = client.get(Case.objects.get(title="Alliance fictive publiée").get_absolute_url()).content.decode()
    assert f'<a href="/organisations/{base["lyon"].slug}/">Association fictive de Lyon</a>' in case_page


def test_names_differing_by_accents_get_distinct_slugs():
    first = Organization.objects.create(name="Élan fictif")
    second = Organization.objects.create(name="Elan fictif")
    assert (first.slug, second.slug) == ("elan-fictif", "elan-fictif-2")


@pytest.mark.postgres
@pytest.mark.parametrize("count", [3, 30])
def test_the_directory_and_a_page_take_a_constant_number_of_queries(client, django_assert_num_queries, count):
    lead = OrganizationFactory(name="Association fictive pivot", department_id="69")
    with reindex_deferred():
        for case in CaseFactory.create_batch(count):
            ParticipationFactory(case=case, organization=lead)
            ParticipationFactory(case=case, organization=OrganizationFactory(department_id="38"))
    # The page (1) and its count (1), and one query per facet (6).
    with django_assert_num_queries(8):
        response = client.get("/organisations/?kind=association")
    assert response.context["page"].paginator.count == count + 1
    # The organisation (1), its published participations with their cases (1).
    with django_assert_num_queries(2):
        page = client.get(lead.get_absolute_url())
    assert len(page.context["cases"]) == count
