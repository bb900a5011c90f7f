"""The admin's forms refuse C0 control characters (other than tab and line breaks) as the public forms,
the API and the imports do: a clear message on the field, nothing written."""

import pytest

from cases.models import Case, Link, Organization
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

MESSAGE = "Ce texte contient un caractère de contrôle invisible (U+0001) : retirez-le, puis envoyez à nouveau."


def field_errors(response, field: str) -> list[str]:
    """The errors shown beside one field of an admin form, as the curator reads them."""
    page = parse(response.content.decode())
    rows = page.find_all("div", class_=f"field-{field}")
    return [
        item.text for row in rows for errors in row.find_all("ul", class_="errorlist") for item in errors.find_all("li")
    ]


def test_the_case_change_form_refuses_a_control_character_in_the_title(curator_client):
    case = CaseFactory(title="Titre fictif")
    url = f"/admin/cases/case/{case.pk}/change/"
    data = change_form_data(curator_client.get(url), title="Titre\x01 fictif", summary="Résumé\tavec\nune tabulation")
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert field_errors(response, "title") == [MESSAGE]
    assert field_errors(response, "summary") == []  # tab and line breaks are text
    assert Case.objects.get(pk=case.pk).title == "Titre fictif"


def test_a_case_inline_refuses_a_control_character(curator_client):
    case = CaseFactory()
    url = f"/admin/cases/case/{case.pk}/change/"
    data = change_form_data(curator_client.get(url))
    prefix = next(key.removesuffix("-TOTAL_FORMS") for key in data if key.startswith("links") and "TOTAL" in key)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-url": "https://example.org/",
            f"{prefix}-0-kind": "source",
            f"{prefix}-0-title": "a\x01",
        }
    )
    response = curator_client.post(url, data)
    assert response.status_code == 200
    errors = [str(error) for form in response.context["inline_admin_formsets"] for error in form.formset.errors]
    assert any(MESSAGE in error for error in errors)
    assert not Link.objects.filter(case=case).exists()


def test_the_organization_form_refuses_a_control_character(curator_client):
    response = curator_client.post(
        "/admin/cases/organization/add/", {"name": "Association\x01 fictive", "kind": "association"}
    )
    assert response.status_code == 200
    assert field_errors(response, "name") == [MESSAGE]
    assert not Organization.objects.exists()
