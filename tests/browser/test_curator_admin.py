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
    page.locator("#id_title").press_sequentially("Atelier numérique fictif")
    expect(page.get_by_label("Slug")).to_have_value("atelier-numerique-fictif")
    page.locator("#id_summary").fill("Une alliance fictive pour tester la saisie.")
    page.get_by_role("checkbox", name="Éducation", exact=True).check()
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


def test_a_curator_previews_then_confirms_an_import(page, curator, tmp_path):
    csv_file = tmp_path / "cas.csv"
    csv_file.write_text(
        "slug,title,summary,status,is_fictitious,domains,dynamics,departments\n"
        "cas-importe-a,Cas importé A,Résumé A,draft,oui,sante|emploi,tiers-lieux,13\n"
        "cas-importe-b,Cas importé B,Résumé B,published,oui,education,dialogue-territorial,2A\n",
        encoding="utf-8",
    )
    log_in(page, "claire", "curatrice-2026")
    page.goto("/admin/cases/case/import/")
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.locator("select[name=format]").select_option(label="csv")
    page.locator("input[type=submit], button[type=submit]").last.click()
    expect(page.get_by_text("Cas importé B")).to_be_visible()
    assert Case.objects.count() == 0  # the preview writes nothing
    page.locator("input[name=confirm], button[name=confirm]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("2")
    assert set(Case.objects.values_list("slug", flat=True)) == {"cas-importe-a", "cas-importe-b"}


def test_a_file_with_an_unknown_domain_is_refused_with_its_row_and_column(page, curator, tmp_path):
    csv_file = tmp_path / "cas.csv"
    csv_file.write_text(
        "slug,title,summary,domains\ncas-ok,Cas correct,Résumé,sante\ncas-ko,Cas fautif,Résumé,pas-un-domaine\n",
        encoding="utf-8",
    )
    log_in(page, "claire", "curatrice-2026")
    page.goto("/admin/cases/case/import/")
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.locator("select[name=format]").select_option(label="csv")
    page.locator("input[type=submit], button[type=submit]").last.click()
    expect(page.get_by_text("pas-un-domaine").first).to_be_visible()
    expect(page.locator("input[name=confirm], button[name=confirm]")).to_have_count(0)
    page.screenshot(path=str(tmp_path / "import-errors.png"), full_page=True)
    assert Case.objects.count() == 0
