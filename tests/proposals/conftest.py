"""A valid proposal as the form posts it, the files it may carry, and a clean cache for the rate limit."""

import pytest
from django.core.cache import cache

from tests.media.conftest import stored_files
from tests.media.files import jpeg_upload, pdf_upload

URL = "/cas/proposer/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_rate_count():
    """The rate limit counts in the cache: each test starts with no submission counted."""
    cache.clear()
    yield
    cache.clear()


def management(prefix: str, total: int) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def proposal_data(**overrides) -> dict:
    """What a visitor sends for a fictitious alliance: one organisation, a department, two domains."""
    data = {
        "title": "Jardin partagé fictif de la Croix-Rousse",
        "summary": "Une association et une entreprise fictives cultivent un jardin avec les habitants.",
        "body": "Le besoin de départ : un terrain vague.\n\nLes partenaires apportent le terrain et les outils.",
        "start_year": "2021",
        "region": "",
        "department": "69",
        "place": "Lyon 4e",
        "domains": ["isolement-lien-social", "environnement"],
        "name": "Camille Fictive",
        "email": "camille@example.org",
        "consent": "on",
        "website": "",
        **management("org", 3),
        "org-0-name": "Association fictive des jardins",
        "org-0-kind": "association",
        "org-0-role": "porteur",
        "org-1-name": "",
        "org-1-kind": "",
        "org-1-role": "partenaire",
        "org-2-name": "",
        "org-2-kind": "",
        "org-2-role": "partenaire",
        **management("photo", 3),
        **management("doc", 2),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def with_files(data: dict | None = None, *, photos=(), documents=()) -> dict:
    """`data` with photos (upload, alt text) and documents (upload, title) in the formsets' rows."""
    data = dict(data or proposal_data())
    for number, (upload, alt_text) in enumerate(photos):
        data.update({f"photo-{number}-file": upload, f"photo-{number}-alt_text": alt_text})
        data.update({f"photo-{number}-credit": "Photo fictive", f"photo-{number}-licence": "CC BY 4.0"})
    for number, (upload, title) in enumerate(documents):
        data.update({f"doc-{number}-file": upload, f"doc-{number}-title": title})
    return data


def a_photo_and_a_pdf() -> dict:
    return with_files(
        photos=[(jpeg_upload(size=(900, 600)), "Des habitants au jardin")], documents=[(pdf_upload(), "La fiche")]
    )


__all__ = ["URL", "a_photo_and_a_pdf", "proposal_data", "stored_files", "with_files"]
