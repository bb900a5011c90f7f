"""The admin's "view on site" redirect (/admin/r/<type>/<id>/) tells a draft's address only to whom may see it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from cases.models import Case
from tests.conftest import grant
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_url():
    draft = CaseFactory(slug="brouillon-secret", status=Case.Status.DRAFT, published_at=None)
    return f"/admin/r/{ContentType.objects.get_for_model(Case).pk}/{draft.pk}/"


def test_a_staff_member_without_permission_gets_a_404_and_no_address(staff_client, draft_url):
    response = staff_client.get(draft_url)
    assert response.status_code == 404
    assert "Location" not in response.headers
    assert "brouillon-secret" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page_without_the_address(draft_url):
    response = Client().get(draft_url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "brouillon-secret" not in response["Location"]


def test_a_curator_is_redirected_to_the_case(curator_client, draft_url):
    response = curator_client.get(draft_url)
    assert response.status_code == 302
    assert response["Location"].endswith("/cas/brouillon-secret/")


def test_the_view_permission_alone_is_enough(staff_client, staff_without_permission, draft_url):
    grant(staff_without_permission, "cases.view_case")
    assert staff_client.get(draft_url).status_code == 302


def test_a_permission_on_another_model_is_not_enough(staff_client, staff_without_permission, draft_url):
    grant(staff_without_permission, "cases.view_organization")
    assert staff_client.get(draft_url).status_code == 404


@pytest.mark.parametrize("url", ["/admin/r/abc/1/", "/admin/r/999999/1/", "/admin/r/99999999999999999999999/1/"])
def test_an_unknown_content_type_is_a_404(curator_client, url):
    assert curator_client.get(url).status_code == 404
