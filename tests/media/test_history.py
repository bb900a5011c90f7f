"""A photo or a document added to a case or removed from it is a version of the case, with its author, and
the history page says which file."""

import pytest

from cases.media import case_document_add, case_image_add
from tests.factories import CaseFactory
from tests.media.files import jpeg_upload, pdf_upload
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
