"""A case's observed impacts and SDGs through `/api/v1/cases/`: written by a curator, read back the same,
filtered; bad input changes nothing."""

import pytest

from cases.models import Case, CaseImpact
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

IMPACTS = [
    {
        "impact": "innovation-territoriale",
        "evidence": "Un nouveau service né sur le territoire (fictif).",
        "evidence_url": "https://example.org/preuve",
        "formal_evaluation": True,
        "evaluation_url": "https://example.org/evaluation.pdf",
    },
    {"impact": "confiance", "evidence": "Des habitants y reviennent (fictif).", "formal_evaluation": False},
]


def _patch(client, slug: str, data: dict):
    return client.patch(f"/api/v1/cases/{slug}/", data, content_type="application/json")


def test_impacts_and_sdgs_written_by_a_curator_read_back_the_same(curator_client):
    case = CaseFactory(slug="alliance-fictive-impacts")
    response = _patch(curator_client, case.slug, {"impacts": IMPACTS, "sdgs": [17, 4]})
    assert response.status_code == 200, response.json()
    read = curator_client.get(f"/api/v1/cases/{case.slug}/").json()
    assert read["sdgs"] == [
        {"number": 4, "name": "Éducation de qualité"},
        {"number": 17, "name": "Partenariats pour la réalisation des objectifs"},
    ]
    assert [item["impact"]["slug"] for item in read["impacts"]] == ["innovation-territoriale", "confiance"]
    first = read["impacts"][0]
    assert first["impact"] == {
        "slug": "innovation-territoriale",
        "name": "Innovation territoriale",
        "family": "innovation",
    }
    assert (first["evidence_url"], first["formal_evaluation"], first["evaluation_url"]) == (
        "https://example.org/preuve",
        True,
        "https://example.org/evaluation.pdf",
    )
    assert read["impacts"][1]["evaluation_url"] == "" and read["impacts"][1]["formal_evaluation"] is False
    # Sending back what was read changes nothing.
    again = _patch(
        curator_client, case.slug, {"impacts": [{**i, "impact": i["impact"]["slug"]} for i in read["impacts"]]}
    )
    assert again.status_code == 200
    assert curator_client.get(f"/api/v1/cases/{case.slug}/").json()["impacts"] == read["impacts"]


def test_a_report_without_a_formal_evaluation_or_an_unknown_goal_is_refused_and_changes_nothing(curator_client):
    case = CaseFactory(slug="alliance-fictive-refus")
    bad = [{**IMPACTS[0], "formal_evaluation": False}]
    response = _patch(curator_client, case.slug, {"impacts": bad})
    assert response.status_code == 400
    assert "formal_evaluation" in str(response.json())
    assert _patch(curator_client, case.slug, {"sdgs": [18]}).status_code == 400
    assert not CaseImpact.objects.exists() and not Case.objects.get(pk=case.pk).sdgs.exists()


def test_the_list_filters_by_impact_and_by_goal_and_shows_no_draft(client):
    shown = CaseFactory(title="Alliance fictive confiante")
    draft = CaseFactory(title="Alliance fictive en brouillon", status=Case.Status.DRAFT)
    other = CaseFactory(title="Alliance fictive autre")
    for case in (shown, draft):
        CaseImpact.objects.create(case=case, impact_id=_impact("confiance"), evidence="Fictif.")
        case.sdgs.set([17])
    other.sdgs.set([4])
    titles = [item["title"] for item in client.get("/api/v1/cases/?impact=confiance").json()["results"]]
    assert titles == ["Alliance fictive confiante"]
    titles = [item["title"] for item in client.get("/api/v1/cases/?sdg=17&sdg=4&sort=title").json()["results"]]
    assert titles == ["Alliance fictive autre", "Alliance fictive confiante"]
    assert client.get("/api/v1/cases/?impact=inconnu").status_code == 400


def _impact(slug: str) -> int:
    from foundation.reference.models import Impact

    return Impact.objects.get(slug=slug).pk
