"""The proposers' contact data: erased after the retention period, exported or erased on request."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from proposals.models import Proposal
from tests.conftest import grant
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/proposals/proposal/"


def make_proposal(*, email="camille@example.org", age_days=0, decided_days_ago=None, state="new") -> Proposal:
    now = timezone.now()
    proposal = Proposal.objects.create(
        case=CaseFactory(status=Case.Status.DRAFT, published_at=None),
        name="Camille Fictive",
        email=email,
        consent_given=True,
        consent_version="1",
        consent_text="J'accepte…",
        consent_at=now,
        organizations_typed=[{"name": "Association fictive", "kind": "association", "role": "porteur"}],
        state=state,
        decided_at=None if decided_days_ago is None else now - timedelta(days=decided_days_ago),
    )
    Proposal.objects.filter(pk=proposal.pk).update(created_at=now - timedelta(days=age_days))
    return proposal


def purge(*args) -> str:
    out = StringIO()
    call_command("proposals_purge_contacts", *args, stdout=out)
    return out.getvalue()


# Retention --------------------------------------------------------------------------------------------


def test_the_command_erases_the_contacts_past_the_retention_after_the_decision(settings):
    settings.PROPOSAL_CONTACT_RETENTION_DAYS = 30
    expired = make_proposal(email="ancien@example.org", age_days=100, decided_days_ago=31, state="declined")
    recent = make_proposal(email="recent@example.org", age_days=100, decided_days_ago=29, state="accepted")
    undecided_old = make_proposal(email="oublie@example.org", age_days=31)
    undecided_new = make_proposal(email="nouveau@example.org", age_days=29)

    assert purge() == "2 proposal contacts older than 30 days erased.\n"

    rows = {p.pk: p for p in Proposal.objects.all()}
    for erased in (expired, undecided_old):
        assert (rows[erased.pk].name, rows[erased.pk].email) == ("", "")
        assert rows[erased.pk].contact_erased_at is not None
    for kept in (recent, undecided_new):
        assert rows[kept.pk].email == kept.email and rows[kept.pk].contact_erased_at is None
    # What is not personal stays: the case, the decision, the consent record.
    assert rows[expired.pk].case_id == expired.case_id and rows[expired.pk].state == "declined"
    assert rows[expired.pk].consent_given


def test_the_command_is_idempotent(settings):
    settings.PROPOSAL_CONTACT_RETENTION_DAYS = 30
    make_proposal(age_days=40)
    purge()
    first = Proposal.objects.get().contact_erased_at
    assert purge() == "0 proposal contacts older than 30 days erased.\n"
    assert Proposal.objects.get().contact_erased_at == first


def test_a_dry_run_counts_and_erases_nothing(settings):
    settings.PROPOSAL_CONTACT_RETENTION_DAYS = 30
    make_proposal(age_days=40)
    assert purge("--dry-run") == "1 proposal contacts older than 30 days would be erased (dry run).\n"
    assert Proposal.objects.get().email == "camille@example.org"


# Export and erasure on request ---------------------------------------------------------------------------


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.org", "administratrice-2026")


def test_an_administrator_exports_every_proposal_of_the_address_as_json(client, administrator):
    first = make_proposal(email="Camille@Example.org")
    second = make_proposal(email="camille@example.org", state="declined", decided_days_ago=1)
    make_proposal(email="autre@example.org")
    client.force_login(administrator)
    response = client.post(CHANGELIST, {"action": "export_proposer_data", "_selected_action": [first.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="proposant-')
    [proposer] = json.loads(response.content)["proposers"]
    assert proposer["email"] == "camille@example.org"
    assert [item["id"] for item in proposer["proposals"]] == [first.pk, second.pk]
    assert proposer["proposals"][1]["state"] == "declined"
    assert proposer["proposals"][0]["name"] == "Camille Fictive"
    assert proposer["proposals"][0]["organizations_typed"][0]["name"] == "Association fictive"


def test_an_administrator_erases_a_proposer_after_confirming(client, administrator):
    first = make_proposal(email="camille@example.org")
    second = make_proposal(email="CAMILLE@example.org")
    other = make_proposal(email="autre@example.org")
    client.force_login(administrator)

    confirm = client.post(CHANGELIST, {"action": "erase_proposer_data", "_selected_action": [first.pk]})
    assert confirm.status_code == 200 and "camille@example.org" in confirm.content.decode()
    assert Proposal.objects.with_contact().count() == 3

    done = client.post(CHANGELIST, {"action": "erase_proposer_data", "_selected_action": [first.pk], "apply": "1"})
    assert done.status_code == 302
    assert set(Proposal.objects.with_contact().values_list("pk", flat=True)) == {other.pk}
    erased = Proposal.objects.get(pk=second.pk)
    assert (erased.name, erased.email) == ("", "") and erased.contact_erased_at is not None
    assert Case.objects.count() == 3  # the cases are not personal data


def test_curators_may_neither_export_nor_erase(curator_client):
    proposal = make_proposal()
    for action in ("export_proposer_data", "erase_proposer_data"):
        response = curator_client.post(CHANGELIST, {"action": action, "_selected_action": [proposal.pk], "apply": "1"})
        assert response.status_code == 302  # back to the list: no such action for them
    assert Proposal.objects.with_contact().count() == 1
    actions = curator_client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "export_proposer_data" not in {name for name, _label in actions}


def test_the_permission_to_manage_contact_data_can_be_granted_to_a_staff_member(client, staff_without_permission):
    grant(staff_without_permission, "proposals.view_proposal", "proposals.manage_contact_data")
    proposal = make_proposal()
    client.force_login(staff_without_permission)
    response = client.post(CHANGELIST, {"action": "export_proposer_data", "_selected_action": [proposal.pk]})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
