import pytest
from django.core.exceptions import ValidationError

from cases.models import Case
from foundation.reference.text import render_markdown
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_dates_it_and_opens_it_to_the_public(curator):
    case = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    assert not Case.objects.published().filter(pk=case.pk).exists()
    case.publish(user=curator)
    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED
    assert case.published_at is not None
    assert Case.objects.published().filter(pk=case.pk).exists()


def test_republishing_keeps_the_first_publication_date(curator):
    case = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    case.publish(user=curator)
    first = case.published_at
    case.unpublish(user=curator)
    case.publish(user=curator)
    assert case.published_at == first


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Case.Status.DRAFT, Case.Status.REVIEW),
        (Case.Status.REVIEW, Case.Status.PUBLISHED),
        (Case.Status.PUBLISHED, Case.Status.ARCHIVED),
        (Case.Status.ARCHIVED, Case.Status.DRAFT),
        (Case.Status.PUBLISHED, Case.Status.DRAFT),
    ],
)
def test_allowed_transitions(start, target, curator):
    case = CaseFactory(status=start)
    case.move_to(target, user=curator)
    assert Case.objects.get(pk=case.pk).status == target


@pytest.mark.parametrize(
    ("start", "target"),
    [(Case.Status.PUBLISHED, Case.Status.REVIEW), (Case.Status.ARCHIVED, Case.Status.PUBLISHED)],
)
def test_it_refuses_transitions_the_workflow_does_not_allow(start, target, curator):
    case = CaseFactory(status=start)
    with pytest.raises(ValidationError):
        case.move_to(target, user=curator)
    assert Case.objects.get(pk=case.pk).status == start


def test_only_published_cases_are_public():
    published = CaseFactory()
    for status in (Case.Status.DRAFT, Case.Status.REVIEW, Case.Status.ARCHIVED):
        CaseFactory(status=status)
    assert list(Case.objects.published()) == [published]


def test_a_department_brings_its_region():
    case = CaseFactory(departments=["69"])
    assert list(case.regions.values_list("code", flat=True)) == ["84"]


def test_the_body_is_rendered_once_to_html():
    case = CaseFactory(body="## Contexte\n\nUn **projet** commun.")
    assert case.body_html == "<h2>Contexte</h2>\n<p>Un <strong>projet</strong> commun.</p>\n"


def test_an_end_year_before_the_start_year_is_refused():
    case = CaseFactory.build(start_year=2020, end_year=2019)
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "end_year" in error.value.message_dict


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert('x')</script>",
        "[clic](javascript:alert('x'))",
        '<a href="javascript:alert(1)">clic</a>',
        '<img src=x onerror="alert(1)">',
        "[clic](JaVaScRiPt:alert(1))",
    ],
)
def test_markdown_with_scripts_comes_out_harmless(source):
    html = render_markdown(source).lower()
    assert "<script" not in html
    assert '<a href="javascript' not in html
    assert "<img" not in html


def test_markdown_links_keep_their_address_and_gain_a_safe_rel():
    html = render_markdown("[Le rapport](https://example.org/rapport)")
    assert 'href="https://example.org/rapport"' in html
    assert 'rel="noopener nofollow"' in html


def test_a_slug_that_names_another_page_is_refused():
    case = CaseFactory.build(slug="flux")
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize("target", [Case.Status.REVIEW, Case.Status.PUBLISHED, Case.Status.ARCHIVED])
def test_it_refuses_any_status_change_to_a_user_who_may_not_publish(staff_without_permission, target):
    case = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    with pytest.raises(ValidationError) as refusal:
        case.move_to(target, user=staff_without_permission)
    assert refusal.value.code == "permission"
    assert Case.objects.get(pk=case.pk).status == Case.Status.DRAFT


def test_keeping_the_same_status_needs_no_permission(staff_without_permission):
    case = CaseFactory(status=Case.Status.DRAFT, published_at=None)
    case.check_move(Case.Status.DRAFT, user=staff_without_permission)
