"""The desk's additions to the cases' admin: assignment, internal comments."""

import pytest
from django.urls import reverse

from cases.models import Case
from desk.models import CaseComment
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def change_url(case: Case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def test_a_curator_assigns_a_case_and_finds_it_under_assigned_to_me(curator_client, curator):
    case = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    other = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    response = curator_client.get(change_url(case))
    assert 'name="assigned_to"' in response.content.decode()
    response = curator_client.post(change_url(case), change_form_data(response, assigned_to=curator.pk))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).assigned_to == curator
    listed = curator_client.get(reverse("admin:cases_case_changelist") + "?assignation=moi")
    assert [c.pk for c in listed.context["cl"].result_list] == [case.pk]
    unassigned = curator_client.get(reverse("admin:cases_case_changelist") + "?assignation=personne")
    assert other.pk in {c.pk for c in unassigned.context["cl"].result_list}
    assert "Assignées à moi" in listed.content.decode()


def test_only_staff_accounts_may_be_assigned(curator_client, reader):
    case = CaseFactory()
    response = curator_client.get(change_url(case))
    response = curator_client.post(change_url(case), change_form_data(response, assigned_to=reader.pk))
    assert response.status_code == 200
    assert "assigned_to" in response.context["adminform"].form.errors
    assert Case.objects.get(pk=case.pk).assigned_to is None


def test_deleting_an_account_leaves_its_cases_unassigned(curator, django_user_model):
    case = CaseFactory(assigned_to=curator)
    history_count = case.history.count()
    django_user_model.objects.filter(pk=curator.pk).delete()
    case.refresh_from_db()
    assert case.assigned_to_id is None
    assert case.history.count() == history_count


def test_a_curator_writes_an_internal_comment_signed_with_their_name(curator_client, curator):
    case = CaseFactory()
    response = curator_client.get(change_url(case))
    content = response.content.decode()
    assert "Nouveau commentaire interne (visible des seuls curateurs)" in content
    data = change_form_data(response, **{"comments-2-TOTAL_FORMS": 1, "comments-2-0-text": "Appeler le porteur."})
    response = curator_client.post(change_url(case), data)
    assert response.status_code == 302
    comment = CaseComment.objects.get(case=case)
    assert (comment.author, comment.text) == (curator, "Appeler le porteur.")
    shown = curator_client.get(change_url(case)).content.decode()
    assert "Appeler le porteur." in shown
    assert "claire" in shown


def test_written_comments_cannot_be_edited_from_the_case_form(curator_client, curator):
    case = CaseFactory()
    comment = CaseComment.objects.create(case=case, author=curator, text="Texte d'origine")
    response = curator_client.get(change_url(case))
    data = change_form_data(response, **{"comments-0-text": "Texte réécrit", "comments-0-id": comment.pk})
    curator_client.post(change_url(case), data)
    comment.refresh_from_db()
    assert comment.text == "Texte d'origine"


def test_staff_without_permission_sees_no_comment(client, staff_without_permission):
    from tests.conftest import grant

    grant(staff_without_permission, "cases.view_case", "cases.change_case")
    case = CaseFactory()
    CaseComment.objects.create(case=case, text="Réservé aux curateurs")
    client.force_login(staff_without_permission)
    response = client.get(change_url(case))
    assert response.status_code == 200
    assert "Réservé aux curateurs" not in response.content.decode()
