"""/cas/proposer/: a valid proposal becomes a draft case with its files; every refusal says why and stores nothing."""

import pytest
from django.core import mail

from cases.media import CaseDocument, CaseImage
from cases.models import Case, Organization, Participation
from proposals.models import Proposal
from tests.factories import CaseFactory, OrganizationFactory
from tests.media.files import PDF_BYTES, image_bytes, jpeg_upload, pdf_upload, upload
from tests.proposals.conftest import URL, a_photo_and_a_pdf, proposal_data, stored_files, with_files

pytestmark = pytest.mark.django_db


def propose(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data)


def assert_nothing_stored(media_root) -> None:
    assert Case.objects.count() == 0
    assert Proposal.objects.count() == 0
    assert Organization.objects.count() == 0
    assert CaseImage.objects.count() == 0 and CaseDocument.objects.count() == 0
    assert stored_files(media_root) == []
    assert mail.outbox == []


def test_the_page_offers_the_form_with_the_consent_statement_and_its_retention(client, settings):
    settings.PROPOSAL_CONTACT_RETENTION_DAYS = 200
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Proposer une étude de cas</h1>" in page
    assert 'enctype="multipart/form-data"' in page
    assert "effacés 200 jours après la décision" in page
    assert 'name="website"' in page and "Laissez ce champ vide" in page
    assert 'name="org-2-name"' in page and 'name="org-3-name"' not in page  # three organisations
    assert 'name="photo-2-file"' in page and 'name="doc-1-file"' in page and page.count('type="file"') == 5


def test_the_case_list_and_the_footer_link_to_the_form(client):
    page = client.get("/cas/").content.decode()
    assert page.count(f'href="{URL}"') == 2


@pytest.mark.sqlite
def test_a_valid_proposal_makes_a_draft_case_with_its_files_and_a_proposal(
    client, media_root, django_capture_on_commit_callbacks
):
    OrganizationFactory(name="Entreprise fictive du Rhône", kind=Organization.Kind.COMPANY)
    data = a_photo_and_a_pdf()
    data.update({"org-1-name": "entreprise fictive du rhône", "org-1-kind": "entreprise", "org-1-role": "financeur"})
    data["engagement_practices"] = ["engagement-salaries"]
    response = propose(client, data, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == f"{URL}merci/"
    case = Case.objects.get()
    assert (case.title, case.slug, case.status, case.is_fictitious) == (
        "Jardin partagé fictif de la Croix-Rousse",
        "jardin-partage-fictif-de-la-croix-rousse",
        Case.Status.DRAFT,
        False,
    )
    assert case.place == "Lyon 4e" and case.start_year == 2021
    assert "<p>Le besoin de départ : un terrain vague.</p>" in case.body_html
    assert sorted(case.domains.values_list("slug", flat=True)) == ["environnement", "isolement-lien-social"]
    assert list(case.engagement_practices.values_list("slug", flat=True)) == ["engagement-salaries"]
    assert list(case.departments.values_list("code", flat=True)) == ["69"]
    assert list(case.regions.values_list("code", flat=True)) == ["84"]  # the department's region
    assert sorted(Participation.objects.filter(case=case).values_list("organization__name", "role")) == [
        ("Association fictive des jardins", "porteur"),
        ("Entreprise fictive du Rhône", "financeur"),  # matched by name, whatever its case
    ]
    assert Organization.objects.count() == 2

    image, document = case.images.get(), case.documents.get()
    assert (image.alt_text, image.credit, image.licence) == ("Des habitants au jardin", "Photo fictive", "CC BY 4.0")
    assert (document.title, document.size) == ("La fiche", len(PDF_BYTES))
    assert stored_files(media_root) == sorted([*image.stored_names(), document.file.name])

    proposal = Proposal.objects.get()
    assert proposal.case == case
    assert (proposal.name, proposal.email, proposal.state) == ("Camille Fictive", "camille@example.org", "new")
    assert proposal.consent_given and proposal.consent_at and proposal.consent_version == "1"
    assert "365 jours après la décision" in proposal.consent_text
    assert proposal.organizations_typed == [
        {"name": "Association fictive des jardins", "kind": "association", "role": "porteur"},
        {"name": "entreprise fictive du rhône", "kind": "entreprise", "role": "financeur"},
    ]

    [acknowledgement] = mail.outbox
    assert acknowledgement.to == ["camille@example.org"]
    assert acknowledgement.subject == "Votre proposition d'étude de cas est bien reçue"
    assert "« Jardin partagé fictif de la Croix-Rousse »" in acknowledgement.body
    assert "effacés 365 jours après la décision" in acknowledgement.body


def test_a_title_on_several_lines_becomes_one_line(client, django_capture_on_commit_callbacks):
    propose(client, proposal_data(title="Jardin\r\nBcc: autre@example.org"), django_capture_on_commit_callbacks)
    assert Case.objects.get().title == "Jardin Bcc: autre@example.org"
    assert mail.outbox[0].to == ["camille@example.org"] and mail.outbox[0].bcc == []


def test_an_email_that_fails_leaves_the_proposal_stored(client, monkeypatch, django_capture_on_commit_callbacks):
    def unreachable(proposal):
        raise ConnectionRefusedError("no SMTP server")

    monkeypatch.setattr("proposals.emails.send_acknowledgement", unreachable)
    response = propose(client, proposal_data(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Proposal.objects.count() == 1 and mail.outbox == []


def test_the_thank_you_page_says_what_happens_next(client):
    response = client.get(f"{URL}merci/")
    assert response.status_code == 200
    assert "Merci pour votre proposition" in response.content.decode()


def test_the_curators_are_told_when_an_address_is_set(client, settings, django_capture_on_commit_callbacks):
    settings.PROPOSALS_NOTIFY_EMAIL = ["curateurs@example.org"]
    settings.SITE_URL = "https://observatoire.example.org"
    propose(client, proposal_data(), django_capture_on_commit_callbacks)
    acknowledgement, notice = mail.outbox
    proposal = Proposal.objects.get()
    assert acknowledgement.reply_to == ["curateurs@example.org"]
    assert notice.to == ["curateurs@example.org"]
    assert f"https://observatoire.example.org/admin/proposals/proposal/{proposal.pk}/change/" in notice.body
    assert "camille" not in notice.body.lower()


def test_a_taken_title_gets_a_free_slug(client, django_capture_on_commit_callbacks):
    CaseFactory(slug="jardin-partage-fictif-de-la-croix-rousse")
    propose(client, proposal_data(), django_capture_on_commit_callbacks)
    assert Case.objects.filter(status=Case.Status.DRAFT).get().slug == "jardin-partage-fictif-de-la-croix-rousse-2"


def test_a_title_that_is_a_reserved_path_gets_a_free_slug(client, django_capture_on_commit_callbacks):
    propose(client, proposal_data(title="Proposer"), django_capture_on_commit_callbacks)
    assert Case.objects.get().slug == "proposer-2"


# Refusals: a clear reason, what was typed kept, nothing stored -------------------------------------------


def test_the_honeypot_refuses_the_submission_and_stores_nothing(client, media_root, django_capture_on_commit_callbacks):
    data = a_photo_and_a_pdf()
    data["website"] = "http://spam.example"
    response = propose(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ressemble à celui d&#x27;un robot" in page
    assert 'value="Jardin partagé fictif de la Croix-Rousse"' in page  # what was typed is kept
    assert "choisissez-les à nouveau" in page
    assert_nothing_stored(media_root)


def test_without_consent_nothing_is_stored_and_the_page_says_why(
    client, media_root, django_capture_on_commit_callbacks
):
    response = propose(client, proposal_data(consent=None), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sans votre accord sur l&#x27;usage de vos coordonnées" in page
    assert 'href="#id_consent"' in page  # the summary leads to the field
    assert 'value="camille@example.org"' in page
    assert_nothing_stored(media_root)


def test_a_proposal_names_at_least_one_organisation(client, media_root, django_capture_on_commit_callbacks):
    response = propose(
        client,
        proposal_data(**{"org-0-name": "", "org-0-kind": "", "org-0-role": "partenaire"}),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    assert "Indiquez au moins une organisation impliquée" in response.content.decode()
    assert_nothing_stored(media_root)


def test_a_department_outside_the_chosen_region_is_refused(client, media_root, django_capture_on_commit_callbacks):
    response = propose(client, proposal_data(region="11", department="69"), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Rhône n&#x27;est pas dans la région Île-de-France" in response.content.decode()
    assert_nothing_stored(media_root)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(
            {"photos": [(upload("photo.jpg", PDF_BYTES, "image/jpeg"), "Une photo")]},
            "« photo.jpg » n&#x27;est pas une image lisible",
            id="a PDF disguised as a photo",
        ),
        pytest.param(
            {"documents": [(upload("fiche.pdf", image_bytes(), "application/pdf"), "La fiche")]},
            "« fiche.pdf » n&#x27;est pas un document PDF",
            id="a photo disguised as a PDF",
        ),
        pytest.param(
            {"photos": [(jpeg_upload(), "")]},
            "Décrivez la photo",
            id="a photo without its alternative text",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_stored(
    client, media_root, django_capture_on_commit_callbacks, files, message
):
    data = (
        with_files(documents=[(pdf_upload(), "Une bonne fiche")], **files) if "photos" in files else with_files(**files)
    )
    response = propose(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Les fichiers choisis, eux, ne peuvent pas être gardés : choisissez-les à nouveau." in page
    assert_nothing_stored(media_root)


def test_an_oversized_file_is_refused(client, settings, media_root, django_capture_on_commit_callbacks):
    settings.CASE_DOCUMENT_MAX_BYTES = len(PDF_BYTES) - 1
    response = propose(client, with_files(documents=[(pdf_upload(), "La fiche")]), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "« fiche.pdf » dépasse la taille permise" in response.content.decode()
    assert_nothing_stored(media_root)


def test_too_many_files_are_refused(client, settings, media_root, django_capture_on_commit_callbacks):
    settings.CASE_FILES_MAX = 1
    response = propose(client, a_photo_and_a_pdf(), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Une étude de cas compte au plus 1 fichiers" in response.content.decode()
    assert_nothing_stored(media_root)


def test_more_file_rows_than_the_page_offers_are_refused(client, media_root, django_capture_on_commit_callbacks):
    data = with_files(photos=[(jpeg_upload(name=f"p{number}.jpg"), f"Photo {number}") for number in range(4)])
    data["photo-TOTAL_FORMS"] = "4"
    response = propose(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Trop de fichiers de ce genre : 3 au plus." in response.content.decode()
    assert_nothing_stored(media_root)


def test_a_post_without_the_formsets_is_refused_not_an_error(client, media_root, django_capture_on_commit_callbacks):
    data = {key: value for key, value in proposal_data().items() if not key.startswith(("org-", "photo-", "doc-"))}
    response = propose(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert_nothing_stored(media_root)


def test_a_failure_while_storing_removes_the_files_already_written(
    client, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("the storage is full")

    monkeypatch.setattr("proposals.services.case_document_add", broken)
    with pytest.raises(RuntimeError):
        propose(client, a_photo_and_a_pdf(), django_capture_on_commit_callbacks)
    assert_nothing_stored(media_root)


def test_a_proposer_suggests_impacts_with_what_attests_them(client, media_root, django_capture_on_commit_callbacks):
    data = proposal_data(impacts=["confiance", "innovation-territoriale"], impacts_evidence="Un fait observé fictif.")
    assert propose(client, data, django_capture_on_commit_callbacks).status_code == 302
    observed = list(Case.objects.get().observed_impacts.values_list("impact__slug", "evidence", "formal_evaluation"))
    assert observed == [
        ("innovation-territoriale", "Un fait observé fictif.", False),
        ("confiance", "Un fait observé fictif.", False),
    ]


def test_impacts_without_what_attests_them_are_refused(client, media_root, django_capture_on_commit_callbacks):
    response = propose(client, proposal_data(impacts=["confiance"]), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Dites ce qui atteste les impacts cochés" in response.content.decode()
    assert not Case.objects.exists()
