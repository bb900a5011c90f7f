"""A report's PDF is made once per content version and served from storage; making PDFs is bounded per
machine, and a request that cannot get its turn in time gets a 503 saying when to come back."""

import re
import threading

import pytest

from cases.models import Case
from observatoire.territories import pdf
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

URL = "/territoires/84/rapport.pdf"


@pytest.fixture
def stored(settings, tmp_path, monkeypatch):
    settings.REPORT_PDF_STORED = True
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    made = []
    real = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda html: made.append(html) or real(html))
    return made  # the HTML of each PDF made


@pytest.mark.django_db(transaction=True)  # the content's version moves when an edit commits
def test_the_pdf_is_made_once_per_content_version_and_read_from_storage_after(client, stored, settings):
    first = client.get(URL)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    second = client.get(URL)
    assert second.content == first.content
    assert len(stored) == 1
    files = sorted(path.name for path in (settings.MEDIA_ROOT / "rapports").rglob("*.pdf"))
    assert files == ["fr-rapport-region-84.pdf"]  # one per language
    CaseFactory(title="Une alliance de plus")  # an edit to the content
    assert client.get(URL).status_code == 200
    assert len(stored) == 2
    # The previous version's PDF is removed once the new one is stored.
    assert len(list((settings.MEDIA_ROOT / "rapports").rglob("*.pdf"))) == 1


def test_a_request_finding_every_slot_taken_gets_a_503_with_retry_after(client, stored, settings):
    settings.REPORT_PDF_CONCURRENCY = 1
    settings.REPORT_PDF_WAIT_SECONDS = 0
    taken, release = threading.Event(), threading.Event()

    def hold_the_slot():
        with pdf.generation_slot() as slot:
            assert slot == 0
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_slot)
    holder.start()
    try:
        assert taken.wait(10)
        response = client.get(URL)
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "<h1>Rapport en cours de préparation</h1>" in html
    assert stored == []
    # Once the slot is free, the PDF is made.
    assert client.get(URL).status_code == 200 and len(stored) == 1


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_case_hidden_by_an_update_that_sends_no_signal_gets_a_new_pdf_without_it(client, stored):
    """`QuerySet.update()` sends no signal: the version the database keeps moves on, and with it the PDF's."""
    CaseFactory(departments=["69"])
    hidden = CaseFactory(departments=["38"])

    assert client.get(URL).status_code == 200
    Case.objects.filter(pk=hidden.pk).update(status=Case.Status.DRAFT)
    assert client.get(URL).status_code == 200

    counted = [re.search(r"(\d+) études? de cas publiées?", " ".join(html.split())).group(0) for html in stored]
    assert counted == ["2 études de cas publiées", "1 étude de cas publiée"]
