"""Curators create, change and delete cases through the API, validated as in the admin."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from cases.models import Case, Link, Organization, Participation
from cases.search import search
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _post(client, data: dict):
    return client.post("/api/v1/cases/", data, content_type="application/json")


def _patch(client, slug: str, data: dict):
    return client.patch(f"/api/v1/cases/{slug}/", data, content_type="application/json")


def _snapshot() -> tuple:
    """Everything a case write could touch."""
    return (
        list(Case.objects.values_list("pk", "slug", "title", "status", "updated_at")),
        list(Case.domains.through.objects.values_list("case_id", "domain_id")),
        list(Case.departments.through.objects.values_list("case_id", "department_id")),
        list(Case.regions.through.objects.values_list("case_id", "region_id")),
        list(Participation.objects.values_list("case_id", "organization_id", "role")),
        list(Link.objects.values_list("case_id", "url")),
    )


@pytest.fixture
def organization():
    return OrganizationFactory(name="Fondation fictive Bêta", kind="fondation")


def test_a_curator_creates_a_case_with_its_tags_territories_organisations_and_links(
    curator_client, curator, organization
):
    response = _post(
        curator_client,
        {
            "slug": "alliance-fictive-api",
            "title": "Alliance fictive créée par l'API",
            "summary": "Un résumé.",
            "body": "## Contexte\n\nDu *texte*.",
            "is_fictitious": True,
            "start_year": 2020,
            "domains": ["sante", "emploi"],
            "partnership_types": ["mecenat"],
            "engagement_practices": ["engagement-salaries"],
            "dynamics": ["tiers-lieux"],
            "departments": ["69", "2A"],
            "participations": [{"organization": organization.pk, "role": "financeur"}],
            "links": [{"kind": "source", "title": "Rapport", "url": "https://example.org/rapport"}],
        },
    )

    assert response.status_code == 201, response.content
    case = Case.objects.get(slug="alliance-fictive-api")
    assert case.status == Case.Status.DRAFT
    assert "<em>texte</em>" in case.body_html
    assert set(case.domains.values_list("slug", flat=True)) == {"sante", "emploi"}
    assert set(case.departments.values_list("code", flat=True)) == {"69", "2A"}
    assert set(case.regions.values_list("code", flat=True)) == {"84", "94"}
    assert list(case.participations.values_list("organization__name", "role")) == [
        ("Fondation fictive Bêta", "financeur")
    ]
    assert list(case.links.values_list("title", flat=True)) == ["Rapport"]
    assert response.json()["domains"][0].keys() == {"slug", "name"}
    assert case.pk in search({"q": "Bêta"}, user=curator).ids()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("domains", ["sante", "domaine-inconnu"]),
        ("departments", ["69", "99"]),
        ("regions", ["00"]),
        ("partnership_types", ["inconnue"]),
    ],
)
def test_an_unknown_slug_or_code_is_a_400_naming_the_field_and_writes_nothing(curator_client, field, value):
    before = _snapshot()
    response = _post(curator_client, {"slug": "jamais-creee", "title": "Jamais créée", "summary": "Non.", field: value})
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert _snapshot() == before


def test_an_unknown_code_in_an_update_writes_nothing(curator_client):
    case = CaseFactory(slug="existante", title="Titre d'origine", domains=["sante"], departments=["13"])
    before = _snapshot()
    response = _patch(
        curator_client, case.slug, {"title": "Nouveau titre", "domains": ["emploi"], "departments": ["99"]}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["departments"]
    assert _snapshot() == before


def test_the_models_own_rules_apply(curator_client):
    response = _post(
        curator_client,
        {"slug": "dates-inversees", "title": "Dates", "summary": "Non.", "start_year": 2020, "end_year": 2010},
    )
    assert response.status_code == 400
    assert response.json() == {"end_year": ["L'année de fin précède l'année de début."]}


def test_the_models_rules_see_the_stored_values_on_a_partial_update(curator_client):
    case = CaseFactory(start_year=2018)
    response = _patch(curator_client, case.slug, {"end_year": 2000})
    assert response.status_code == 400
    assert list(response.json()) == ["end_year"]


def test_a_slug_already_taken_is_a_400(curator_client):
    CaseFactory(slug="prise")
    response = _post(curator_client, {"slug": "prise", "title": "Doublon", "summary": "Non."})
    assert response.status_code == 400
    assert list(response.json()) == ["slug"]


def test_an_unknown_organisation_or_a_repeated_role_is_a_400(curator_client, organization):
    unknown = _post(
        curator_client,
        {"slug": "a", "title": "A", "summary": "A.", "participations": [{"organization": 999999, "role": "porteur"}]},
    )
    repeated = _post(
        curator_client,
        {
            "slug": "b",
            "title": "B",
            "summary": "B.",
            "participations": [{"organization": organization.pk, "role": "porteur"}] * 2,
        },
    )
    assert unknown.status_code == repeated.status_code == 400
    assert list(unknown.json()) == list(repeated.json()) == ["participations"]
    assert not Case.objects.filter(slug__in=["a", "b"]).exists()


def test_lists_sent_replace_the_current_ones_and_lists_left_out_are_kept(curator_client, organization):
    case = CaseFactory(domains=["sante"], departments=["69"])
    ParticipationFactory(case=case, organization=OrganizationFactory(name="Ancienne fictive"), role="porteur")

    response = _patch(
        curator_client, case.slug, {"participations": [{"organization": organization.pk, "role": "porteur"}]}
    )

    assert response.status_code == 200
    assert list(case.participations.values_list("organization__name", flat=True)) == ["Fondation fictive Bêta"]
    assert list(case.domains.values_list("slug", flat=True)) == ["sante"]


def test_changing_the_regions_keeps_those_of_the_departments(curator_client):
    case = CaseFactory(departments=["69"])
    response = _patch(curator_client, case.slug, {"regions": ["11"]})
    assert response.status_code == 200
    assert set(case.regions.values_list("code", flat=True)) == {"11", "84"}


def test_a_body_that_is_not_json_is_a_415(curator_client):
    response = curator_client.post("/api/v1/cases/", {"slug": "form", "title": "Form", "summary": "Non."})
    assert response.status_code == 415
    assert not Case.objects.filter(slug="form").exists()


def test_organisations_are_written_by_curators_and_protected_while_in_use(curator_client):
    created = curator_client.post(
        "/api/v1/organizations/",
        {"name": "Collectif fictif Gamma", "kind": "collectif_citoyen", "department": "2B", "is_fictitious": True},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    organization = Organization.objects.get(name="Collectif fictif Gamma")
    assert organization.department_id == "2B"

    unknown = curator_client.patch(
        f"/api/v1/organizations/{organization.pk}/", {"department": "99"}, content_type="application/json"
    )
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["department"]

    ParticipationFactory(organization=organization)
    in_use = curator_client.delete(f"/api/v1/organizations/{organization.pk}/")
    assert in_use.status_code == 409
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_a_write_by_token_is_recorded_in_the_history_under_the_curator(curator):
    case = CaseFactory(title="Avant")
    token = Token.objects.create(user=curator)
    response = Client().patch(
        f"/api/v1/cases/{case.slug}/",
        {"title": "Après"},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )
    assert response.status_code == 200
    latest = case.history.latest()
    assert (latest.title, latest.history_user) == ("Après", curator)


def test_a_write_of_a_case_and_its_relations_is_one_version(curator_client, curator):
    case = CaseFactory(title="Avant", domains=["sante"], departments=["69"])
    versions = case.history.count()
    response = _patch(
        curator_client,
        case.slug,
        {"title": "Après", "domains": ["emploi", "education"], "departments": ["38"], "dynamics": ["tiers-lieux"]},
    )
    assert response.status_code == 200
    assert case.history.count() == versions + 1
    latest = case.history.latest()
    assert (latest.title, latest.history_type, latest.history_user) == ("Après", "~", curator)
    assert sorted(row.domain.slug for row in latest.domains.all()) == ["education", "emploi"]
    assert sorted(row.department.code for row in latest.departments.all()) == ["38"]

    new = {"slug": "alliance-fictive-une-version", "title": "Une version", "summary": "Résumé.", "domains": ["sante"]}
    created = _post(curator_client, new)
    assert created.status_code == 201, created.json()
    history = Case.objects.get(slug="alliance-fictive-une-version").history.all()
    assert [(version.history_type, version.history_user) for version in history] == [("+", curator)]


@pytest.mark.parametrize(
    ("field", "items", "missing"),
    [
        ("participations", [{"role": "porteur"}], "organization"),
        ("links", [{"kind": "source", "title": "Un lien"}], "url"),
        ("impacts", [{"evidence": "Des chiffres fictifs."}], "impact"),
    ],
)
def test_a_patch_with_an_incomplete_list_item_is_a_400_naming_what_is_missing(curator_client, field, items, missing):
    CaseFactory(slug="cas-fictif")
    before = _snapshot()
    response = _patch(curator_client, "cas-fictif", {field: items})
    assert response.status_code == 400
    assert response.json() == {
        field: [f"Chaque élément de la liste doit donner : {missing} (la liste remplace l'actuelle)."]
    }
    assert _snapshot() == before


NOT_TEXT = "Un texte est attendu ici (une chaîne entre guillemets), pas un nombre, un booléen, une liste ni un objet."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 123),
        ("summary", 1.5),
        ("slug", 2026),
        ("body", True),
        ("place", ["Lyon"]),
        ("citation", {"texte": "x"}),
        ("links", [{"kind": "source", "title": 7, "url": "https://example.org/"}]),
        ("impacts", [{"impact": "confiance", "evidence": 42}]),
    ],
)
def test_a_number_or_another_non_text_value_for_a_text_field_is_a_400_and_writes_nothing(curator_client, field, value):
    nested = {"links": "title", "impacts": "evidence"}
    expected = {"0": {nested[field]: [NOT_TEXT]}} if field in nested else [NOT_TEXT]
    case = CaseFactory(slug="cas-texte", title="Titre d'avant")
    before = _snapshot()
    response = _patch(curator_client, case.slug, {field: value})
    assert response.status_code == 400
    assert response.json() == {field: expected}
    assert _snapshot() == before
    created = _post(curator_client, {"slug": "nouveau-cas", "title": 123, "summary": "Un résumé."})
    assert (created.status_code, created.json()) == (400, {"title": [NOT_TEXT]})
    assert not Case.objects.filter(slug="nouveau-cas").exists()


def test_an_organisation_named_by_a_number_is_a_400(curator_client):
    response = curator_client.post(
        "/api/v1/organizations/", {"name": 123, "kind": "association"}, content_type="application/json"
    )
    assert (response.status_code, response.json()) == (400, {"name": [NOT_TEXT]})
    response = curator_client.post(
        "/api/v1/organizations/",
        {"name": "Association fictive", "kind": "association", "website": 8080},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (400, {"website": [NOT_TEXT]})
    assert not Organization.objects.exists()
