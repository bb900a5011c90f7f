"""The editorial desk, the admin's home page: what is waiting for the curators, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from desk.sections import DESK_LIST_SIZE, month_start
from proposals.models import Proposal
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

DRAFT, REVIEW, PUBLISHED = Case.Status.DRAFT, Case.Status.REVIEW, Case.Status.PUBLISHED


def submitted(by, **kwargs) -> Case:
    """A draft that `by` put in review (so the history says who and when)."""
    case = CaseFactory(status=DRAFT, published_at=None, **kwargs)
    case._history_user = by
    case.move_to(REVIEW, user=by)
    return case


def populate(n: int, curator, other) -> None:
    """n cases, proposals and so on in each of the desk's lists, and as many that must stay out of them."""
    long_ago = timezone.now() - timedelta(days=400)
    last_month = month_start() - timedelta(days=3)
    for _ in range(n):
        submitted(other, assigned_to=curator)
        dormant = CaseFactory(status=DRAFT, published_at=None, assigned_to=other)
        fresh = CaseFactory(status=DRAFT, published_at=None, assigned_to=curator)
        Case.objects.filter(pk=dormant.pk).update(updated_at=long_ago)
        CaseFactory(status=PUBLISHED, assigned_to=curator)
        CaseFactory(status=PUBLISHED, published_at=last_month)
        Proposal.objects.create(case=fresh, name="Camille Fictive", email="camille@example.org")
        accepted = CaseFactory(status=DRAFT, published_at=None)
        Proposal.objects.create(case=accepted, name="Dominique Fictif", state=Proposal.State.ACCEPTED)


@pytest.fixture
def other_curator(django_user_model):
    from foundation.reference.services import curators_group_sync

    user = django_user_model.objects.create_user(
        "marc", password="curateur-2026", is_staff=True, first_name="Marc", last_name="Relecteur"
    )
    user.groups.add(curators_group_sync())
    return user


@pytest.mark.parametrize("n", [3, 30])
def test_desk_costs_the_same_queries_whatever_the_base_size(
    curator_client, curator, other_curator, n, django_assert_num_queries
):
    populate(n, curator, other_curator)
    with django_assert_num_queries(9):
        response = curator_client.get(reverse("admin:index"))
    assert response.status_code == 200
    sections = {section.slug: section for section in response.context["desk_sections"]}
    assert list(sections) == ["propositions", "relecture", "dormants", "ce-mois", "a-moi"]
    for slug in ["propositions", "relecture", "dormants", "ce-mois"]:
        assert sections[slug].total == n
        assert len(sections[slug].rows) == min(n, DESK_LIST_SIZE)
    # Assigned to the curator and still in progress: the cases in review and the fresh drafts.
    assert sections["a-moi"].total == 2 * n


def test_desk_lists_say_who_and_since_when(curator_client, curator, other_curator):
    populate(2, curator, other_curator)
    case = submitted(other_curator, title="Alliance fictive en relecture récente")
    response = curator_client.get(reverse("admin:index"))
    content = response.content.decode()
    review = next(section for section in response.context["desk_sections"] if section.slug == "relecture")
    assert review.rows[-1].pk == case.pk  # the most recent submission comes last
    assert review.rows[-1].review_by == "Marc Relecteur"
    assert review.rows[-1].review_since is not None
    assert "Alliance fictive en relecture récente" in content
    assert reverse("admin:cases_case_change", args=[case.pk]) in content
    assert 'Relire<span class="visually-hidden"> « Alliance fictive en relecture récente »</span>' in content
    assert "Bureau éditorial" in content
    # The app list is still there, below the desk.
    assert reverse("admin:cases_case_changelist") in content
    assert reverse("admin:app_list", args=["surveys"]) in content


def test_review_since_counts_from_the_last_submission(curator, other_curator):
    from desk.sections import with_review_submission

    case = submitted(curator)
    case._history_user = curator
    case.move_to(DRAFT, user=curator)
    case = Case.objects.get(pk=case.pk)
    case._history_user = other_curator
    case.move_to(REVIEW, user=other_curator)
    last = case.history.filter(status=REVIEW).latest("history_date")
    annotated = with_review_submission(Case.objects.filter(pk=case.pk)).get()
    assert annotated.review_since == last.history_date
    assert annotated.review_by == "Marc Relecteur"


def test_each_list_holds_only_what_it_says(curator_client, curator, other_curator):
    populate(1, curator, other_curator)
    response = curator_client.get(reverse("admin:index"))
    sections = {section.slug: section for section in response.context["desk_sections"]}
    assert {row.state for row in sections["propositions"].rows} == {Proposal.State.NEW}
    assert {row.status for row in sections["relecture"].rows} == {REVIEW}
    assert all(
        row.status == DRAFT and row.updated_at < timezone.now() - timedelta(days=90)
        for row in sections["dormants"].rows
    )
    assert all(row.published_at >= month_start() for row in sections["ce-mois"].rows)
    assert all(row.assigned_to_id == curator.pk and row.status in {DRAFT, REVIEW} for row in sections["a-moi"].rows)


def test_proposals_oldest_first_and_waiting_for_information_included(curator_client):
    first = Proposal.objects.create(case=CaseFactory(status=DRAFT, published_at=None), name="A")
    second = Proposal.objects.create(
        case=CaseFactory(status=DRAFT, published_at=None), name="B", state=Proposal.State.MORE_INFORMATION
    )
    Proposal.objects.filter(pk=second.pk).update(created_at=first.created_at - timedelta(days=2))
    response = curator_client.get(reverse("admin:index"))
    section = response.context["desk_sections"][0]
    assert [row.pk for row in section.rows] == [second.pk, first.pk]


def test_see_all_links_open_the_same_cases_in_the_admin_list(curator_client, curator, other_curator):
    populate(2, curator, other_curator)
    Case.objects.filter(status=DRAFT, assigned_to=other_curator).update(assigned_to=None)
    sections = {s.slug: s for s in curator_client.get(reverse("admin:index")).context["desk_sections"]}
    for slug in ["relecture", "dormants", "ce-mois"]:
        response = curator_client.get(sections[slug].see_all_url)
        assert response.status_code == 200
        shown = {case.pk for case in response.context["cl"].result_list}
        assert shown == {case.pk for case in sections[slug].rows}, slug
    mine = curator_client.get(sections["a-moi"].see_all_url)
    assert {case.assigned_to_id for case in mine.context["cl"].result_list} == {curator.pk}


def test_the_desk_is_for_those_who_may_see_cases(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["desk_sections"] == []
    assert "Bureau éditorial" not in response.content.decode()


def test_stale_draft_days_come_from_the_settings(curator_client, settings):
    settings.DESK_STALE_DRAFT_DAYS = 10
    case = CaseFactory(status=DRAFT, published_at=None)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - timedelta(days=11))
    sections = {s.slug: s for s in curator_client.get(reverse("admin:index")).context["desk_sections"]}
    assert [row.pk for row in sections["dormants"].rows] == [case.pk]
    assert "depuis plus de 10 jours" in sections["dormants"].description


def test_proposals_link_to_their_admin_page_and_list(curator_client):
    waiting = Proposal.objects.create(case=CaseFactory(status=DRAFT, published_at=None), name="A")
    Proposal.objects.create(case=CaseFactory(status=DRAFT, published_at=None), state=Proposal.State.DECLINED)
    response = curator_client.get(reverse("admin:index"))
    assert reverse("admin:proposals_proposal_change", args=[waiting.pk]) in response.content.decode()
    section = response.context["desk_sections"][0]
    listed = curator_client.get(section.see_all_url)
    assert listed.status_code == 200
    assert [proposal.pk for proposal in listed.context["cl"].result_list] == [waiting.pk]
