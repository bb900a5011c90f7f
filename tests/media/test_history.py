"""A photo or a document added to a case or removed from it is a version of the case, with its author, and
the history page says which file."""

import pytest
from django.urls import reverse

from cases.media import case_document_add, case_image_add
from foundation.reference.models import Domain
from tests.factories import CaseFactory
from tests.media.files import jpeg_upload, pdf_upload
from tests.media.test_admin import _change_data
from tests.proposals.test_history import history_rows

pytestmark = pytest.mark.django_db


def test_adding_and_removing_files_are_versions_shown_in_the_history(curator, curator_client):
    case = CaseFactory(title="Jardin fictif")
    case._history_user = curator  # what the request's user is in the admin and the API
    image = case_image_add(case, jpeg_upload(), alt_text="Des habitants au jardin")
    case_document_add(case, pdf_upload(), title="La fiche du projet")
    image.delete()

    reasons = list(case.history.values_list("history_change_reason", "history_user"))
    assert reasons[:3] == [
        ("Photo retirée : « Des habitants au jardin »", curator.pk),
        ("Document ajouté : « La fiche du projet »", curator.pk),
        ("Photo ajoutée : « Des habitants au jardin »", curator.pk),
    ]
    rows = history_rows(curator_client, case)
    changes = [row[2] for row in rows[:3]]
    assert changes == [
        "Photo retirée : « Des habitants au jardin » Photos : [supprimé : Des habitants au jardin]",
        "Document ajouté : « La fiche du projet » Documents : [ajouté : La fiche du projet]",
        "Photo ajoutée : « Des habitants au jardin » Photos : [ajouté : Des habitants au jardin]",
    ]
    assert rows[0][1] == str(curator)


def test_deleting_a_case_with_files_records_no_file_version(curator):
    case = CaseFactory()
    case_image_add(case, jpeg_upload(), alt_text="Une photo")
    versions = case.history.count()
    case_id = case.pk
    case.delete()
    assert [record.history_type for record in case.history.model.objects.filter(id=case_id)][:1] == ["-"]
    assert case.history.model.objects.filter(id=case_id).count() == versions + 1


def test_one_save_of_the_admin_page_is_one_version_with_its_author_and_its_files(curator, curator_client):
    """A curator retitles a case, ticks a domain and adds a photo on its admin page, then saves once."""
    case = CaseFactory(title="Jardin fictif", domains=["sante"])
    case_image_add(case, jpeg_upload(), alt_text="La photo d'avant")
    versions = case.history.count()
    data = _change_data(
        curator_client,
        case,
        title="Jardin partagé fictif",
        domains=[str(case.domains.get().pk), str(Domain.objects.get(slug="emploi").pk)],
        **{"images-1-file": jpeg_upload(), "images-1-alt_text": "Des habitants au jardin", "images-1-position": 2},
    )
    data["images-0-DELETE"] = "on"
    response = curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]

    assert case.history.count() == versions + 1
    version = case.history.latest()
    assert (version.title, version.history_user) == ("Jardin partagé fictif", curator)
    assert sorted(version.domains.values_list("domain__slug", flat=True)) == ["emploi", "sante"]
    [row, *_older] = history_rows(curator_client, case)
    assert row[1] == str(curator)
    assert row[2] == (
        "Photo retirée : « La photo d'avant » ; Photo ajoutée : « Des habitants au jardin » "
        "Titre : Jardin [ajouté : partagé ]fictif "
        "Domaines de fragilité : ajouté : Emploi / chômage / insertion "
        "Photos : [supprimé : La photo d'avant] [ajouté : Des habitants au jardin]"
    )
