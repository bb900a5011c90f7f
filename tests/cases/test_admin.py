import pytest
from django.urls import reverse

from cases.models import Case
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory
from tests.html import find

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/cases/case/"
# The user and their permissions (3), the filters' vocabularies and regions (5), the count and the page's
# cases (2), their regions and domains (2).
QUERIES = 12


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_permission_is_refused(staff_client):
    assert staff_client.get(CHANGELIST).status_code == 403
    assert staff_client.get("/admin/cases/case/add/").status_code == 403


def test_curators_see_the_case_list_with_regions_and_domains(curator_client):
    CaseFactory(title="Jardin partagé fictif", domains=["environnement"], departments=["69"])
    response = curator_client.get(CHANGELIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jardin partagé fictif" in content
    assert "Auvergne-Rhône-Alpes" in content
    assert "Environnement / pollution / biodiversité" in content


def test_the_case_list_query_count_does_not_grow_with_cases(curator_client, django_assert_num_queries):
    """Four times the rows for the same queries: a query per row would show."""

    def rows() -> list[str]:
        with django_assert_num_queries(QUERIES):
            response = curator_client.get(CHANGELIST)
        return [
            row.find("th").text
            for row in find(response.content, "table", id="result_list").find("tbody").find_all("tr")
        ]

    CaseFactory.create_batch(3, title="Premier cas fictif", domains=["sante", "emploi"], departments=["13"])
    assert rows() == ["Premier cas fictif"] * 3
    CaseFactory.create_batch(9, title="Autre cas fictif", domains=["sante"], departments=["59", "2A"])
    assert sorted(rows()) == ["Autre cas fictif"] * 9 + ["Premier cas fictif"] * 3


def test_the_publish_action_publishes_the_selected_drafts(curator_client):
    drafts = CaseFactory.create_batch(2, status=Case.Status.DRAFT, published_at=None)
    response = curator_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [case.pk for case in drafts]}
    )
    assert response.status_code == 302
    assert Case.objects.published().count() == 2


def test_a_staff_member_who_may_only_edit_cannot_publish(client, staff_without_permission):
    from tests.conftest import grant

    grant(staff_without_permission, "cases.view_case", "cases.change_case")
    client.force_login(staff_without_permission)
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]})
    assert Case.objects.get(pk=draft.pk).status == Case.Status.DRAFT


def test_staff_can_preview_a_draft_that_the_public_cannot_see(curator_client, client):
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None, title="Brouillon fictif")
    preview = curator_client.get(reverse("admin:cases_case_preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert "Aperçu réservé" in preview.content.decode()
    client.logout()
    assert client.get(f"/cas/{draft.slug}/").status_code == 404


def test_the_history_names_what_changed(curator_client):
    case = CaseFactory(title="Titre d'origine", summary="Résumé d'origine")
    case.summary = "Résumé corrigé"
    case.save()
    response = curator_client.get(f"/admin/cases/case/{case.pk}/history/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<strong>Résumé :</strong>" in content
    assert '<del><span class="visually-hidden">[supprimé : </span>d&#x27;origine<' in content
    assert '<ins><span class="visually-hidden">[ajouté : </span>corrigé<' in content


def test_the_change_form_offers_the_allowed_status_moves(curator_client):
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    content = curator_client.get(f"/admin/cases/case/{draft.pk}/change/").content.decode()
    assert 'name="_move_to" value="published"' in content
    assert 'name="_move_to" value="draft"' not in content


def test_a_curator_publishes_from_the_change_form(curator_client):
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    response = curator_client.get(f"/admin/cases/case/{draft.pk}/change/")
    data = change_form_data(response, _move_to="published")
    response = curator_client.post(f"/admin/cases/case/{draft.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert Case.objects.get(pk=draft.pk).status == Case.Status.PUBLISHED


def test_admin_search_uses_the_case_search(curator_client):
    CaseFactory(title="Épicerie solidaire fictive")
    CaseFactory(title="Autre chose")
    response = curator_client.get(CHANGELIST, {"q": "epicerie"})
    content = response.content.decode()
    assert "Épicerie solidaire fictive" in content
    assert "Autre chose" not in content


def test_staff_without_permission_cannot_import_or_export_cases(staff_client):
    assert staff_client.get("/admin/cases/case/import/").status_code == 403
    assert staff_client.get("/admin/cases/case/export/").status_code == 403
