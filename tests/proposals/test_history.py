"""A case created from a proposal has one version in its history, whose author is the proposal."""

import pytest
from django.test import Client

from proposals.models import Proposal
from tests.html import parse
from tests.proposals.conftest import URL, a_photo_and_a_pdf

pytestmark = pytest.mark.django_db


def history_rows(client, case) -> list[list[str]]:
    """The history page's versions as a curator reads them: each row's cells' text."""
    response = client.get(f"/admin/cases/case/{case.pk}/history/")
    assert response.status_code == 200
    table = parse(response.content.decode()).find("table", id="change-history")
    return [[cell.text for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")]


def test_a_proposed_case_has_one_version_with_its_relations_and_its_proposal(curator_client):
    Client().post(URL, a_photo_and_a_pdf())
    proposal = Proposal.objects.select_related("case").get()
    case = proposal.case

    [version] = case.history.all()
    assert version.history_type == "+"
    assert version.history_change_reason == (
        f"Proposée par le formulaire public ({proposal.reference}), 1 photo(s) et 1 document(s)"
    )
    assert sorted(version.domains.values_list("domain__slug", flat=True)) == ["environnement", "isolement-lien-social"]
    assert list(version.departments.values_list("department_id", flat=True)) == ["69"]

    [row] = history_rows(curator_client, case)
    assert row[1] == "—"  # no account: the proposal, named in the reason, is the author
    assert row[2] == f"Création. Proposée par le formulaire public ({proposal.reference}), 1 photo(s) et 1 document(s)"
