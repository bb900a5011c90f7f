"""A curator's English title and summary: shown on English pages, never a machine translation; where there
is none, the French is marked `lang="fr"` with a note. Through the admin, the API, the import file, the
open data and the search (both backends)."""

import re

import pytest
import tablib
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from cases.models import Case
from cases.resources import CaseResource
from cases.search import search
from cases.views import case_detail, case_list
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

NOTE = "This case study is not translated: its text is the French original."


def english_page(view, path: str, **kwargs) -> str:
    """A public page rendered in English (as under /en/), whatever the URL configuration's prefixes."""
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    with translation.override("en"):
        return view(request, **kwargs).content.decode()


def _element(page: str, tag: str) -> str:
    """The first `<tag …>…</tag>` of the page's case header."""
    return re.search(rf"<{tag}\b[^>]*>.*?</{tag}>", page.split('class="case-header"')[1], re.S).group(0)


@pytest.fixture
def translated():
    return CaseFactory(
        title="Une cantine solidaire dans le quartier",
        summary="Une association et une entreprise servent des repas.",
        title_en="A solidarity canteen in the neighbourhood",
        summary_en="An association and a company serve meals.",
    )


def test_an_english_page_shows_the_curators_english_without_the_note(translated):
    page = english_page(case_detail, translated.get_absolute_url(), slug=translated.slug)
    assert _element(page, "h1") == "<h1>A solidarity canteen in the neighbourhood</h1>"
    assert '<p class="lead">An association and a company serve meals.</p>' in page
    assert NOTE not in page
    assert '<section aria-label="Description" class="prose case-body" lang="fr">' in page


def test_an_english_page_marks_the_untranslated_french_and_says_so():
    case = CaseFactory(title="Un jardin partagé", summary="Des habitants cultivent ensemble.")
    page = english_page(case_detail, case.get_absolute_url(), slug=case.slug)
    assert _element(page, "h1") == '<h1 lang="fr">Un jardin partagé</h1>'
    assert '<p class="lead" lang="fr">Des habitants cultivent ensemble.</p>' in page
    assert f'<p class="untranslated-note" role="note">{NOTE}</p>' in page


def test_the_french_page_shows_the_french_and_no_note(client, translated):
    page = client.get(translated.get_absolute_url()).content.decode()
    assert _element(page, "h1") == "<h1>Une cantine solidaire dans le quartier</h1>"
    assert "untranslated-note" not in page and "canteen" not in page


def test_an_english_card_marks_an_untranslated_title():
    CaseFactory(title="Un jardin partagé", summary="Des habitants cultivent ensemble.")
    page = english_page(case_list, "/cas/")
    assert re.search(r'<h3 class="card-title"><a href="[^"]+" lang="fr">Un jardin partagé</a></h3>', page)
    assert '<p class="card-summary" lang="fr">Des habitants cultivent ensemble.</p>' in page


def test_the_english_text_round_trips_through_the_api(curator_client, translated):
    detail = curator_client.get(f"/api/v1/cases/{translated.slug}/").json()
    assert (detail["title_en"], detail["summary_en"]) == (translated.title_en, translated.summary_en)
    response = curator_client.patch(
        f"/api/v1/cases/{translated.slug}/",
        {"title_en": "A shared canteen", "summary_en": "Meals for all."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["title_en"], response.json()["summary_en"]) == ("A shared canteen", "Meals for all.")
    translated.refresh_from_db()
    assert (translated.title, translated.title_en) == ("Une cantine solidaire dans le quartier", "A shared canteen")
    assert translated.history.latest().title_en == "A shared canteen"


def test_the_english_text_round_trips_through_the_admin(admin_client, translated):
    page = admin_client.get(f"/admin/cases/case/{translated.pk}/change/").content.decode()
    assert 'name="title_en"' in page and 'name="summary_en"' in page
    assert "A solidarity canteen in the neighbourhood" in page


def test_export_then_import_keeps_the_english_text_and_the_country(curator, translated):
    Case.objects.filter(pk=translated.pk).update(country="BE")
    exported = CaseResource().export()
    assert {"title_en", "summary_en", "country"} <= set(exported.headers)
    Case.objects.all().delete()
    result = CaseResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False, user=curator)
    assert not result.has_errors() and not result.has_validation_errors()
    case = Case.objects.get(slug=translated.slug)
    assert (case.title_en, case.summary_en, case.country.code) == (
        "A solidarity canteen in the neighbourhood",
        "An association and a company serve meals.",
        "BE",
    )


@pytest.mark.sqlite
def test_the_search_finds_a_case_by_its_english_title_and_summary(translated):
    other = CaseFactory(title="Un jardin partagé", summary="Des habitants cultivent ensemble.")
    assert search({"q": "canteen"}, user=None).ids() == [translated.pk]
    assert search({"q": "meals"}, user=None).ids() == [translated.pk]
    assert search({"q": "jardin"}, user=None).ids() == [other.pk]
    with translation.override("en"):
        assert search({"q": "cantine"}, user=None).ids() == [translated.pk]
