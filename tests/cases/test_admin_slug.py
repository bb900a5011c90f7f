"""The slug's help shows the real address; a never-published case whose title changed is offered a new slug."""

import re

import pytest
from django.urls import reverse

from cases.models import Case
from tests.admin_forms import change_form_data
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

OFFER = "Mettre l&#x27;adresse à jour d&#x27;après le titre : /cas/jardin-des-habitants/"


def _help(html: str) -> str:
    return re.search(r'id="id_slug_helptext">\s*<div>([^<]*)</div>', html).group(1)


def test_a_retitled_draft_is_offered_the_slug_of_its_new_title_and_takes_it(curator_client):
    draft = CaseFactory(
        slug="texte-du-proposant", title="Jardin des habitants", status=Case.Status.DRAFT, published_at=None
    )
    url = reverse("admin:cases_case_change", args=[draft.pk])
    page = curator_client.get(url)
    html = page.content.decode()
    assert _help(html) == "Adresse de la page : /cas/texte-du-proposant/. Ne plus la changer une fois publiée."
    assert OFFER in html
    response = curator_client.post(url, change_form_data(page, slug_from_title="on"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "jardin-des-habitants"
    assert OFFER not in curator_client.get(url).content.decode()


def test_a_case_once_published_is_not_offered_a_new_slug(curator_client):
    case = CaseFactory(slug="adresse-publiee", title="Un autre titre")
    html = curator_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert "Mettre l&#x27;adresse à jour" not in html
    assert _help(html) == "Adresse de la page : /cas/adresse-publiee/. Ne plus la changer une fois publiée."
