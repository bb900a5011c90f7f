"""Photos and documents in the API: in the case's representation, and as nested resources for curators."""

import pytest
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.test import APIClient

from cases.api.serializers import CaseSerializer, cases_with_details, cases_with_relations
from cases.media import CaseDocument, CaseImage, case_document_add, case_image_add
from cases.models import Case
from cases.search import search
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory
from tests.media.conftest import stored_files
from tests.media.files import PDF_BYTES, image_bytes, jpeg_upload, pdf_upload, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def curator_api(curator):
    client = APIClient()
    client.force_authenticate(curator)
    return client


@pytest.fixture
def case():
    case = CaseFactory(slug="jardin-fictif")
    case_image_add(case, jpeg_upload(size=(1300, 700)), alt_text="Un jardin", credit="Photo fictive", licence="CC BY")
    case_document_add(case, pdf_upload(), title="Fiche")
    return case


def test_the_case_representation_lists_its_photos_and_documents(api, case):
    data = api.get("/api/v1/cases/jardin-fictif/").json()
    image, document = case.images.get(), case.documents.get()
    assert data["images"] == [
        {
            "id": image.pk,
            "url": f"http://testserver{image.url}",
            "width": 1300,
            "height": 700,
            "variants": [
                {"url": f"http://testserver{variant['url']}", "width": variant["width"], "height": variant["height"]}
                for variant in image.variant_urls()
            ],
            "alt_text": "Un jardin",
            "credit": "Photo fictive",
            "licence": "CC BY",
            "position": 1,
        }
    ]
    assert data["documents"] == [
        {
            "id": document.pk,
            "url": f"http://testserver{document.url}",
            "title": "Fiche",
            "content_type": "application/pdf",
            "size": len(PDF_BYTES),
            "position": 1,
        }
    ]
    assert api.get("/api/v1/cases/").json()["results"][0]["images"] == data["images"]


def test_the_case_list_reads_each_relation_of_a_page_in_one_query(api, django_assert_num_queries):
    for index in range(3):
        case = CaseFactory()
        case_image_add(case, jpeg_upload(size=(600, 400)), alt_text="Une photo")
        case_document_add(case, pdf_upload(), title="Fiche")
        if index == 0:
            case_image_add(case, jpeg_upload(size=(400, 400)), alt_text="Une autre photo")
    assert api.get("/api/v1/cases/?page_size=10").status_code == 200
    # The search in a transaction of its own (5 in a test's: a savepoint, the planner's settings, the count
    # with the facets and the page's ids, back to the savepoint and released), the page's cases (1), their
    # tags (7: the vocabularies, the territories and the SDGs), and one query per relation they show:
    # organisations, observed impacts, links, photos and documents (5), whatever the number of cases.
    with django_assert_num_queries(18) as captured:
        response = api.get("/api/v1/cases/?page_size=10")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [len(case["images"]) for case in results] == [1, 1, 2]
    assert [image["alt_text"] for image in results[2]["images"]] == ["Une photo", "Une autre photo"]
    assert [len(case["documents"]) for case in results] == [1, 1, 1]
    for table in ("cases_caseimage", "cases_casedocument", "cases_participation"):
        assert len([query for query in captured.captured_queries if f'FROM "{table}"' in query["sql"]]) == 1, table


def test_anyone_lists_a_published_cases_files_in_order(api, case):
    case_image_add(case, jpeg_upload(size=(640, 480)), alt_text="Deuxième")
    response = api.get("/api/v1/cases/jardin-fictif/images/")
    assert response.status_code == 200
    assert [image["alt_text"] for image in response.json()] == ["Un jardin", "Deuxième"]
    assert api.get("/api/v1/cases/jardin-fictif/documents/").json()[0]["title"] == "Fiche"


def test_a_drafts_files_are_not_found_by_the_public(api, case):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    response = api.get("/api/v1/cases/jardin-fictif/images/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable : étude de cas « jardin-fictif »."}
    assert api.get(f"/api/v1/cases/jardin-fictif/documents/{case.documents.get().pk}/").status_code == 404


def test_curators_add_a_photo_by_multipart_upload(curator_api, media_root):
    case = CaseFactory(slug="brouillon-fictif", status=Case.Status.DRAFT, published_at=None)
    response = curator_api.post(
        "/api/v1/cases/brouillon-fictif/images/",
        {"file": upload("p.jpg", image_bytes((900, 600), exif=True), "image/jpeg"), "alt_text": "Un atelier"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    image = case.images.get()
    assert response.json()["id"] == image.pk
    assert (response.json()["width"], response.json()["height"]) == (600, 900)
    assert stored_files(media_root) == sorted(image.stored_names())


def test_curators_add_a_document_at_a_chosen_position(curator_api, case):
    response = curator_api.post(
        "/api/v1/cases/jardin-fictif/documents/",
        {
            "file": pdf_upload("rapport.pdf", PDF_BYTES.replace(b"200 200", b"300 300")),
            "title": "Rapport",
            "position": 0,
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert [document.title for document in case.documents.all()] == ["Rapport", "Fiche"]


@pytest.mark.parametrize(
    ("path", "data", "errors"),
    [
        (
            "images",
            {"file": upload("photo.jpg", PDF_BYTES, "image/jpeg"), "alt_text": "Un"},
            {"file": ["« photo.jpg » n'est pas une image lisible (formats acceptés : JPEG, PNG, WebP ou GIF)."]},
        ),
        ("images", {"file": jpeg_upload()}, {"alt_text": ["Ce champ est obligatoire."]}),
        ("images", {"alt_text": "Sans fichier"}, {"file": ["Ce champ est obligatoire."]}),
        (
            "documents",
            {"file": upload("fiche.pdf", image_bytes(fmt="PNG"), "application/pdf"), "title": "Fiche"},
            {"file": ["« fiche.pdf » n'est pas un document PDF (seuls les PDF sont acceptés)."]},
        ),
    ],
)
def test_a_refused_upload_is_a_400_with_its_reason_and_nothing_is_stored(curator_api, media_root, path, data, errors):
    CaseFactory(slug="vide-fictif")
    response = curator_api.post(f"/api/v1/cases/vide-fictif/{path}/", data, format="multipart")
    assert response.status_code == 400
    assert response.json() == errors
    assert not CaseImage.objects.exists() and not CaseDocument.objects.exists()
    assert stored_files(media_root) == []


def test_too_many_files_is_a_400(curator_api, case, settings):
    settings.CASE_FILES_MAX = 2
    response = curator_api.post(
        "/api/v1/cases/jardin-fictif/images/",
        {"file": jpeg_upload(size=(500, 500)), "alt_text": "Une de trop"},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json() == {"file": ["Une étude de cas compte au plus 2 fichiers (photos et documents)."]}


def test_curators_reorder_and_edit_but_do_not_replace_the_file(curator_api, case):
    image = case.images.get()
    url = f"/api/v1/cases/jardin-fictif/images/{image.pk}/"
    response = curator_api.patch(url, {"alt_text": "Le jardin en été", "position": 4}, format="json")
    assert response.status_code == 200
    image.refresh_from_db()
    assert (image.alt_text, image.position) == ("Le jardin en été", 4)
    response = curator_api.patch(url, {"file": jpeg_upload(size=(500, 500))}, format="multipart")
    assert response.status_code == 400
    assert "ne se remplace pas" in response.json()["file"][0]
    assert curator_api.put(url, {"alt_text": "X"}, format="json").status_code == 405


def test_curators_delete_a_file(curator_api, case, media_root, django_capture_on_commit_callbacks):
    document = case.documents.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_api.delete(f"/api/v1/cases/jardin-fictif/documents/{document.pk}/")
    assert response.status_code == 204
    assert not case.documents.exists()
    assert document.file.name not in stored_files(media_root)


def test_anonymous_and_staff_without_permission_cannot_write(api, staff_without_permission, case):
    image = case.images.get()
    new = {"file": jpeg_upload(size=(500, 500)), "alt_text": "Non"}
    assert api.post("/api/v1/cases/jardin-fictif/images/", new, format="multipart").status_code == 401
    assert api.delete(f"/api/v1/cases/jardin-fictif/images/{image.pk}/").status_code == 401
    staff = APIClient()
    staff.force_authenticate(staff_without_permission)
    assert staff.post("/api/v1/cases/jardin-fictif/images/", new, format="multipart").status_code == 403
    assert staff.patch(f"/api/v1/cases/jardin-fictif/images/{image.pk}/", {"alt_text": "Non"}).status_code == 403
    assert case.images.get().alt_text == "Un jardin"


def test_a_write_without_credentials_is_a_401_whatever_the_case_and_the_404_comes_after_the_rights(api, curator_api):
    """As the schema orders the answers: credentials first, then whether the case exists."""
    new = {"alt_text": "Non"}
    response = api.post("/api/v1/cases/n-existe-pas/images/", new, format="multipart")
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Informations d'authentification non fournies."},
    )
    assert api.post("/api/v1/cases/n-existe-pas/documents/", new, format="multipart").status_code == 401
    response = curator_api.post("/api/v1/cases/n-existe-pas/images/", new, format="multipart")
    assert (response.status_code, response.json()) == (404, {"detail": "Introuvable : étude de cas « n-existe-pas »."})
    assert api.get("/api/v1/cases/n-existe-pas/images/").status_code == 404


def test_the_schema_documents_the_nested_resources(api):
    schema = api.get("/api/schema/?format=json").json()
    images = schema["paths"]["/api/v1/cases/{case_slug}/images/"]
    assert "multipart/form-data" in images["post"]["requestBody"]["content"]
    assert "put" not in schema["paths"]["/api/v1/cases/{case_slug}/images/{id}/"]
    assert "images" in schema["components"]["schemas"]["Case"]["properties"]


def test_the_direct_representation_is_drf_s_own_reading_of_the_fields(case, curator):
    """`CaseSerializer.to_representation` reads the fields directly for speed: it gives what DRF's generic
    reading of the declared fields gives, for a case with every kind of value and for a bare draft."""
    case.domains.set(case.domains.model.objects.filter(slug__in=["sante", "emploi"]))
    case.departments.set(["75", "2A"])
    case.regions.set(["11", "94"])
    case.end_year, case.citation = None, ""
    case.save()
    ParticipationFactory(case=case, organization=OrganizationFactory(website="https://example.org"), role="porteur")
    LinkFactory(case=case)
    draft = CaseFactory(status=Case.Status.DRAFT, published_at=None, summary="", place="", citation="Citée ainsi.")
    request = Request(RequestFactory().get("/api/v1/cases/"))
    serializer = CaseSerializer(context={"request": request})
    read = list(cases_with_relations(Case.objects.filter(pk__in=[case.pk, draft.pk])))
    found = list(search({}, user=curator, queryset=cases_with_details(Case.objects.all()))[0:10])
    assert {item.pk for item in found} == {case.pk, draft.pk}
    for item in [*read, *found]:
        direct = serializer.to_representation(item)
        assert direct == serializer.generic_representation(item)
        assert list(direct) == list(serializer.fields)


def test_a_list_page_shows_each_case_as_its_own_address_does(api):
    """The list reads a page's organisations, links, photos and documents in one query of its own: each
    case reads exactly as `/api/v1/cases/<slug>/` (the ORM's prefetches) shows it, order included."""
    first, second = CaseFactory(title="Premier"), CaseFactory(title="Second")
    for name, role in [("Zèbre solidaire", "partenaire"), ("Élan commun", "partenaire"), ("abeille", "porteur")]:
        ParticipationFactory(case=first, organization=OrganizationFactory(name=name), role=role)
    ParticipationFactory(case=second, organization=OrganizationFactory(name="Élan second"))
    LinkFactory(case=first, title="Deuxième", url="https://example.org/2", position=2)
    LinkFactory(case=first, title="Premier", url="https://example.org/1", position=1)
    for case in (first, second):
        case_image_add(case, jpeg_upload(size=(600, 400)), alt_text=f"Photo de {case.title}")
        case_document_add(case, pdf_upload(), title=f"Fiche de {case.title}")
    listed = api.get("/api/v1/cases/").json()["results"]
    assert len(listed) == 2
    for data in listed:
        assert data == api.get(f"/api/v1/cases/{data['slug']}/").json()
    organizations = [item["organization"]["name"] for item in listed[-1]["participations"]]
    assert len(organizations) == 3 and [link["title"] for link in listed[-1]["links"]] == ["Premier", "Deuxième"]
