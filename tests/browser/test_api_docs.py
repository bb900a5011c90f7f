"""/api/docs/ in a real browser: Swagger UI renders the operations under the site's strict CSP."""

import pytest
from playwright.sync_api import expect

from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_render_every_resource_without_console_errors(page):
    CaseFactory(slug="cas-documente")
    page.goto("/api/docs/")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/cases/" in paths
    assert "/api/v1/cases/{slug}/" in paths
    assert "/api/v1/departments/{code}/" in paths


def test_an_operation_can_be_tried_from_the_docs(page):
    CaseFactory(slug="cas-essaye", title="Cas essayé fictif")
    page.goto("/api/docs/#/cases/casesList")
    operation = page.locator("#operations-cases-casesList")
    expect(operation.get_by_role("button", name="Try it out")).to_be_visible()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table td.response-col_status:not(.col_header)")).to_contain_text("200")
    expect(operation.locator(".live-responses-table .microlight").first).to_contain_text("Cas essayé fictif")
