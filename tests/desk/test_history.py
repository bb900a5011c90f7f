"""A case's history: a readable diff of each version, and restoring an earlier one."""

import pytest
from django.urls import reverse

from cases.models import Case
from cases.search import search
from desk.history import CaseHistoryDiffer, text_diff
from foundation.reference.models import Domain
from tests.admin_forms import change_form_data
from tests.conftest import grant
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def history_url(case: Case) -> str:
    return reverse("admin:cases_case_history", args=[case.pk])


def version_url(case: Case, record) -> str:
    return reverse("admin:cases_case_simple_history", args=[case.pk, record.history_id])


def test_text_diff_marks_removed_and_added_words_and_escapes_first():
    diff = text_diff("Une alliance <b>locale</b> entre voisins", "Une alliance <b>régionale</b> entre voisins")
    assert "&lt;b&gt;" in diff
    assert "<b>" not in diff
    assert '<del><span class="visually-hidden">[supprimé : </span>locale<' in diff
    assert '<ins><span class="visually-hidden">[ajouté : </span>régionale<' in diff


def test_text_diff_cuts_long_unchanged_runs():
    same = " ".join(f"mot{i}" for i in range(200))
    diff = text_diff(f"Début {same} fin ancienne", f"Début {same} fin nouvelle")
    assert "[…]" in diff
    assert "mot100" not in diff
    assert "mot199" in diff  # kept as context next to the change


def test_each_version_lists_its_changes_with_french_labels(curator):
    case = CaseFactory(status=Case.Status.DRAFT, published_at=None, summary="Ancien résumé", domains=["sante"])
    case.summary = "Nouveau résumé"
    case.assigned_to = curator
    case.save()
    case.domains.set(Domain.objects.filter(slug__in=["emploi"]))
    case.publish(user=curator)
    records = list(case.history.order_by("-history_date", "-history_id"))
    CaseHistoryDiffer(Case).annotate(records)
    changes = [(change.label, str(change.diff)) for record in records for change in record.desk_changes or []]
    labelled = dict(changes)
    assert labelled["Statut"] == "Brouillon → Publiée"
    assert labelled["Assignée à"] == "(vide) → claire"
    assert "Nouveau" in labelled["Résumé"] and "<del>" in labelled["Résumé"]
    domains = [diff for label, diff in changes if label == "Domaines de fragilité"]
    sante, emploi = Domain.objects.get(slug="sante").name, Domain.objects.get(slug="emploi").name
    assert f"ajouté : <ins>{emploi}</ins>" in domains
    assert f"retiré : <del>{sante}</del>" in domains
    assert records[-1].desk_changes is None  # the first version has nothing before it


def test_the_history_page_shows_the_diff_and_restore_links(curator_client):
    case = CaseFactory(title="Titre premier")
    first = case.history.get()
    case.title = "Titre second"
    case.save()
    response = curator_client.get(history_url(case))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Titre :</strong>" in content
    assert version_url(case, first) in content
    assert "Restaurer cette version" in content


def test_restoring_a_version_brings_back_its_content_and_keeps_the_status(curator_client, curator):
    case = CaseFactory(
        status=Case.Status.DRAFT,
        published_at=None,
        title="Jardin partagé fictif",
        summary="Avec des grainothèques",
        domains=["sante"],
    )
    case._history_user = curator
    case.title, case.summary = "Atelier vélo fictif", "Avec des mécaniciens bénévoles"
    case.save()
    case.domains.set(Domain.objects.filter(slug="emploi"))
    case.publish(user=curator)
    original = case.history.filter(title="Jardin partagé fictif").latest("history_date")

    response = curator_client.get(version_url(case, original))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["title"].value() == "Jardin partagé fictif"
    assert [str(pk) for pk in form["domains"].value()] == [str(Domain.objects.get(slug="sante").pk)]
    assert "Le statut, la date de publication" in response.content.decode()

    response = curator_client.post(version_url(case, original), change_form_data(response))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.summary) == ("Jardin partagé fictif", "Avec des grainothèques")
    assert list(case.domains.values_list("slug", flat=True)) == ["sante"]
    assert case.status == Case.Status.PUBLISHED and case.published_at is not None
    # Saved through the model: the search finds the restored words, not the replaced ones.
    assert case.pk in search({"q": "grainothèques"}, user=None).ids()
    assert case.pk not in search({"q": "mécaniciens"}, user=None).ids()
    assert "restaurée" in case.history.latest("history_date").history_change_reason


def test_restoring_needs_the_right_to_change(client, staff_without_permission):
    grant(staff_without_permission, "cases.view_case")
    client.force_login(staff_without_permission)
    case = CaseFactory(title="Titre premier")
    first = case.history.get()
    case.title = "Titre second"
    case.save()
    response = client.get(version_url(case, first))
    assert response.status_code == 200
    assert "Restaurer" not in response.content.decode()
    response = client.post(version_url(case, first), {"title": "Titre premier", "slug": case.slug, "summary": "x"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title == "Titre second"
