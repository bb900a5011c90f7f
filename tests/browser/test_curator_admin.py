"""A curator at work in the admin, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_curator_creates_tags_and_publishes_a_case(page, curator):
    log_in(page, "claire", "curatrice-2026")
    page.goto("/admin/cases/case/add/")
    page.get_by_label("Titre").press_sequentially("Atelier numérique fictif")
    expect(page.get_by_label("Slug")).to_have_value("atelier-numerique-fictif")
    page.get_by_label("Résumé").fill("Une alliance fictive pour tester la saisie.")
    page.get_by_label("Éducation").check()
    page.get_by_label("Accès au numérique").check()
    # Departments are chosen by autocomplete.
    page.locator(".field-departments .select2-selection").click()
    page.locator(".select2-search__field").fill("Rhône")
    page.get_by_role("option", name="Rhône (69)").click()
    page.get_by_label("Fictive").check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("a été ajouté")

    case = Case.objects.get(slug="atelier-numerique-fictif")
    assert case.status == Case.Status.DRAFT
    assert set(case.domains.values_list("slug", flat=True)) == {"education", "acces-numerique"}
    assert list(case.departments.values_list("code", flat=True)) == ["69"]

    page.goto("/admin/cases/case/")
    page.get_by_role("row", name=re.compile("Atelier numérique fictif")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Publier les études de cas sélectionnées")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 étude(s) de cas publiée(s)")
    assert Case.objects.published().filter(slug="atelier-numerique-fictif").exists()


def test_staff_without_permission_is_refused(page, staff_without_permission):
    log_in(page, "sam", "sans-droits-2026")
    response = page.goto("/admin/cases/case/add/")
    assert response.status == 403
    page.console_errors.remove("Failed to load resource: the server responded with a status of 403 (Forbidden)")


def test_an_anonymous_visitor_is_sent_to_the_login_page(page):
    page.goto("/admin/cases/case/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/cases/case/"))
