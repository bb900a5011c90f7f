"""A resource's file (checked by content in the admin, served only once the resource is published) and its
SDGs (admin, API, facet of `/ressources/`, page, open data)."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from observatoire.opendata.tables.resources import TABLES
from resources.models import Resource
from tests.media.conftest import stored_files
from tests.media.files import PDF_BYTES, pdf_upload, upload

from .conftest import make_resource

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def office_bytes(*members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in members:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def _post(client, file, *, status="draft", sdgs=(17,), slug="kit-fictif"):
    data = {
        "title": "Kit fictif",
        "slug": slug,
        "kind": "kit",
        "status": status,
        "citation": "Ressource fictive (démonstration)",
        "sdgs": [str(number) for number in sdgs],
    }
    if file is not None:
        data["file"] = file
    return client.post(reverse("admin:resources_resource_add"), data)


def _errors(response) -> str:
    return " ".join(str(error) for error in response.context["adminform"].form.errors.get("file", []))


def test_a_curator_adds_a_pdf_served_to_the_public_once_the_resource_is_published(curator_client, media_root):
    client = Client()  # the public, beside the curator
    response = _post(curator_client, pdf_upload("Rapport final (v2).pdf"))
    assert response.status_code == 302
    resource = Resource.objects.get(slug="kit-fictif")
    assert resource.file.name.startswith("ressources/") and resource.file.name.endswith(".pdf")
    assert (resource.file_type, resource.file_size) == ("application/pdf", len(PDF_BYTES))
    assert stored_files(media_root) == [resource.file.name]
    assert list(resource.sdgs.values_list("number", flat=True)) == [17]
    assert client.get(resource.file_url).status_code == 404  # a draft's file: not public
    seen = curator_client.get(resource.file_url)
    assert seen.status_code == 200 and seen["Cache-Control"] == "private, no-store"
    Resource.objects.filter(pk=resource.pk).update(status=Resource.Status.PUBLISHED)
    served = client.get(resource.file_url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF_BYTES
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == 'inline; filename="kit-fictif.pdf"'
    assert served["X-Content-Type-Options"] == "nosniff"
    page = client.get(resource.get_absolute_url()).content.decode()
    assert f'href="{resource.file_url}" id="fichier"' in page
    assert f"Télécharger le fichier</a> (PDF, {len(PDF_BYTES)}\xa0octets)" in page


def test_an_office_document_is_accepted_by_its_content(curator_client):
    assert (
        _post(curator_client, upload("note.docx", office_bytes("[Content_Types].xml", "word/document.xml"))).status_code
        == 302
    )
    resource = Resource.objects.get(slug="kit-fictif")
    assert resource.file_type == DOCX
    assert resource.file.name.endswith(".docx")
    assert resource.download_name == "kit-fictif.docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("faux.pdf", b"<html>pas un PDF</html>", "n'est pas un document accepté"),
        ("macros.docx", office_bytes("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "sans macros"),
        ("archive.docx", office_bytes("readme.txt"), "n'est pas un document accepté"),
        ("coupe.pdf", PDF_BYTES[:-40], "PDF incomplet ou endommagé"),
    ],
)
def test_a_refused_file_is_an_error_on_the_field_and_nothing_is_written(
    curator_client, media_root, name, content, message
):
    response = _post(curator_client, upload(name, content))
    assert response.status_code == 200
    assert message in _errors(response)
    assert not Resource.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_limit_is_refused_with_the_limit(curator_client, settings, media_root):
    settings.CASE_DOCUMENT_MAX_BYTES = 100
    response = _post(curator_client, pdf_upload())
    assert "dépasse la taille permise (100\xa0octets au plus)" in _errors(response)
    assert not Resource.objects.exists() and stored_files(media_root) == []


def test_a_guessed_or_unknown_file_name_is_a_404(client):
    make_resource("r1")
    assert client.get("/fichiers/ressources/" + "0" * 32 + ".pdf").status_code == 404
    assert client.get("/fichiers/ressources/..%2Fsecret.pdf").status_code == 404
    assert client.get("/fichiers/ressources/x.exe").status_code == 404


def test_sdgs_are_a_facet_counted_exactly_without_drafts_and_in_the_api_page_and_open_data(client):
    goals = {"a": [17], "b": [17, 11], "c": [11], "d": []}
    for slug, numbers in goals.items():
        make_resource(slug).sdgs.set(numbers)
    make_resource("brouillon", status=Resource.Status.DRAFT).sdgs.set([17, 4])
    listed = client.get("/api/v1/resources/").json()
    assert {item["value"]: item["count"] for item in listed["facets"]["sdg"]} == {"11": 2, "17": 2}
    assert {item["slug"]: item["sdgs"] for item in listed["results"]} == {"a": [17], "b": [11, 17], "c": [11], "d": []}
    filtered = client.get("/api/v1/resources/", {"sdg": "17"}).json()
    assert sorted(item["slug"] for item in filtered["results"]) == ["a", "b"]
    assert {item["value"]: item["count"] for item in filtered["facets"]["sdg"]} == {"11": 2, "17": 2}
    page = client.get("/ressources/", {"sdg": "11"})
    assert page.context["count"] == 2
    facet = dict((name, values) for name, _label, values in page.context["facets"])["sdg"]
    assert [(item["value"], item["count"], item["checked"]) for item in facet] == [("11", 2, True), ("17", 2, False)]
    assert client.get("/ressources/", {"sdg": "4"}).context["count"] == 0  # only a draft holds it
    assert client.get("/ressources/", {"sdg": "99"}).status_code == 400
    detail = client.get("/ressources/b/").content.decode()
    assert '<a href="/odd/11/">ODD 11 — ' in detail and '<a href="/odd/17/">ODD 17 — ' in detail
    table = next(table for table in TABLES if table.name == "ressources")
    names = [column.name for column in table.columns]
    rows = {row[0]: dict(zip(names, row, strict=True)) for row in table.reader()}
    assert sorted(rows) == ["a", "b", "c", "d"]
    assert (rows["b"]["sdgs"], rows["d"]["sdgs"], rows["b"]["file"]) == ("11|17", "", "")


@pytest.mark.parametrize("goals", [[17], [1, 4, 11, 13, 17]])
def test_a_resource_page_takes_the_same_queries_however_many_goals_it_has(client, django_assert_num_queries, goals):
    make_resource("r1", audiences=["territoires", "chercheurs"]).sdgs.set(goals)
    # The resource with its programme, its audiences, domains, regions and goals.
    with django_assert_num_queries(5):
        page = client.get("/ressources/r1/").content.decode()
    assert page.count('<a href="/odd/') == len(goals)


def test_a_file_already_stored_is_shared_and_served_for_each_resource(curator_client, media_root):
    """The same PDF for two resources (or again for one that held it before): stored once under its content's
    name, never under a copy's name that the file view would not serve."""
    assert _post(curator_client, pdf_upload("kit.pdf"), status="published").status_code == 302
    assert _post(curator_client, pdf_upload("le-meme-kit.pdf"), status="published", slug="autre-kit").status_code == 302
    first, second = Resource.objects.get(slug="kit-fictif"), Resource.objects.get(slug="autre-kit")
    assert first.file.name == second.file.name
    assert stored_files(media_root) == [first.file.name]
    for resource in (first, second):
        page = Client().get(resource.get_absolute_url()).content.decode()
        assert f'href="{resource.file_url}" id="fichier"' in page
        served = Client().get(resource.file_url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == PDF_BYTES
