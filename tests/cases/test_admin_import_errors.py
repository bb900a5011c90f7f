"""A refused import says that nothing was written and shows each row error inline with the file's line."""

import io
import re

import pytest
from django.urls import reverse

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_row_errors_are_listed_with_the_files_line_and_nothing_is_written(curator_client):
    CaseFactory(slug="archivee", status=Case.Status.ARCHIVED)
    content = (
        "slug,title,summary,status,domains\n"
        "nouveau,Nouveau cas,Résumé,draft,sante\n"
        "archivee,Archivée,Résumé,published,sante\n"
        "autre,Autre cas,Résumé,draft,inconnu\n"
    )
    upload = io.BytesIO(content.encode())
    upload.name = "cas.csv"
    response = curator_client.post(
        reverse("admin:cases_case_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    html = response.content.decode().replace("&#x27;", "'")
    assert "<h2>Aucune ligne n'a été enregistrée</h2>" in html
    assert "Le fichier n'a rien écrit : 2 lignes sont à corriger." in html
    items = re.findall(r"<li>(Ligne \d+ du fichier[^<]*)</li>", html)
    assert items == [
        "Ligne 3 du fichier, colonne « status » : Passage impossible de « Archivée » à « Publiée ».",
        "Ligne 4 du fichier, colonne « domains » : Valeur(s) inconnue(s) : inconnu.",
    ]
    assert "validation-error-container" not in html  # no message left to a mouse hover
    assert not Case.objects.filter(slug__in=["nouveau", "autre"]).exists()
