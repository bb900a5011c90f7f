"""The `facets` of `/api/v1/cases/` equal counts made independently, in Python, over the published cases."""

from collections import Counter

import pytest
from django.test import Client

from cases.models import Case, CaseImpact
from foundation.reference.models import CollectiveDynamic, EngagementPractice, Impact, PartnershipType
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory
from tests.module_data import module_data

pytestmark = pytest.mark.django_db

# What each case is tagged with, by facet parameter.
TAGS = {
    "domain": lambda case: {term.slug for term in case.domains.all()},
    "partnership": lambda case: {term.slug for term in case.partnership_types.all()},
    "engagement": lambda case: {term.slug for term in case.engagement_practices.all()},
    "dynamic": lambda case: {term.slug for term in case.dynamics.all()},
    "region": lambda case: {region.code for region in case.regions.all()},
    "department": lambda case: {department.code for department in case.departments.all()},
    "organization_kind": lambda case: {p.organization.kind for p in case.participations.all()},
    "impact": lambda case: {term.slug for term in case.impacts.all()},
    "sdg": lambda case: {str(goal.number) for goal in case.sdgs.all()},
    "country": lambda case: {case.country.code},
    "collection": lambda case: {c.slug for c in case.collections.all() if c.is_published},
}


@module_data
def corpus():
    domains = [["sante"], ["sante", "emploi"], ["emploi"], ["education"], ["sante", "education"]]
    departments = [["69"], ["38"], ["59"], ["69"], ["2A"]]
    partnerships = PartnershipType.objects.order_by("position")
    engagements = EngagementPractice.objects.order_by("position")
    dynamics = CollectiveDynamic.objects.order_by("position")
    kinds = ["association", "entreprise", "fondation"]
    impacts = Impact.objects.order_by("position")
    goals = [[17], [4, 17], [], [10]]
    for index in range(15):
        case = CaseFactory(
            domains=domains[index % 5],
            departments=departments[index % 5 if index % 3 else (index + 1) % 5],
            status=Case.Status.PUBLISHED if index % 7 else Case.Status.DRAFT,
        )
        case.partnership_types.set([partnerships[index % 4]])
        case.engagement_practices.set([engagements[index % 3]])
        case.dynamics.set([dynamics[index % 2]])
        ParticipationFactory(case=case, organization=OrganizationFactory(kind=kinds[index % 3]))
        for impact in impacts[index % 6 : index % 6 + index % 3]:
            CaseImpact.objects.create(case=case, impact=impact, evidence="Un fait observé (fictif).")
        case.sdgs.set(goals[index % 4])


def _expected(filters: dict[str, set[str]]) -> dict[str, dict[str, int]]:
    cases = list(Case.objects.published())
    expected = {}
    for param, tags_of in TAGS.items():
        others = {name: values for name, values in filters.items() if name != param}
        counts = Counter()
        for case in cases:
            if all(TAGS[name](case) & values for name, values in others.items()):
                counts.update(tags_of(case))
        expected[param] = dict(counts)
    return expected


def _facets(client, query: str) -> dict[str, dict[str, int]]:
    response = client.get(f"/api/v1/cases/?{query}")
    assert response.status_code == 200
    return {
        param: {item["value"]: item["count"] for item in items} for param, items in response.json()["facets"].items()
    }


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("", {}),
        ("domain=sante", {"domain": {"sante"}}),
        ("domain=sante&domain=education&region=84", {"domain": {"sante", "education"}, "region": {"84"}}),
        (
            "organization_kind=entreprise&dynamic=tiers-lieux&department=69",
            {"organization_kind": {"entreprise"}, "dynamic": {"tiers-lieux"}, "department": {"69"}},
        ),
        (
            "impact=innovation-territoriale&impact=confiance&sdg=17",
            {"impact": {"innovation-territoriale", "confiance"}, "sdg": {"17"}},
        ),
        ("sdg=4&domain=sante", {"sdg": {"4"}, "domain": {"sante"}}),
    ],
)
def test_facets_equal_the_counts_over_the_published_cases(client, corpus, query, filters):
    assert _facets(client, query) == _expected(filters)


def test_a_facet_value_carries_its_label(client, corpus):
    response = client.get("/api/v1/cases/?domain=sante")
    sante = next(item for item in response.json()["facets"]["domain"] if item["value"] == "sante")
    assert sante["label"] == "Santé"
    assert set(sante) == {"value", "label", "count"}


def test_drafts_count_in_the_facets_only_for_those_who_may_change_cases(curator_client, corpus):
    everyone = sum(item["count"] for item in Client().get("/api/v1/cases/").json()["facets"]["dynamic"])
    curators = sum(item["count"] for item in curator_client.get("/api/v1/cases/").json()["facets"]["dynamic"])
    assert everyone == Case.objects.published().count()
    assert curators == Case.objects.count()
