"""Nouvelles études de cas: published cases month by month (/cas/nouveautes/) and their Atom feed."""

from datetime import datetime
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

ATOM = "{http://www.w3.org/2005/Atom}"


def at(year: int, month: int, day: int = 15) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12))


def populate(per_month: int) -> None:
    for month in (3, 4, 5):
        for _ in range(per_month):
            CaseFactory(published_at=at(2025, month))
    CaseFactory(title="Brouillon fictif caché", status=Case.Status.DRAFT, published_at=at(2025, 5))
    CaseFactory(title="Relecture fictive cachée", status=Case.Status.REVIEW, published_at=None)
    CaseFactory(title="Archivée fictive cachée", status=Case.Status.ARCHIVED, published_at=at(2025, 2))


def test_months_newest_first_with_their_published_cases_only(client):
    populate(2)
    newest = CaseFactory(title="La plus récente", published_at=at(2025, 5, 28))
    response = client.get("/cas/nouveautes/")
    assert response.status_code == 200
    months = response.context["months"]
    assert [(m.start.month, m.count) for m in months] == [(5, 3), (4, 2), (3, 2)]
    assert months[0].cases[0] == newest
    content = response.content.decode()
    assert "Mai 2025" in content
    assert "cachée" not in content and "caché" not in content
    assert 'href="/cas/nouveautes/atom/"' in content


def test_a_month_shows_its_latest_cases_and_links_to_all_of_them(client):
    for day in range(1, 14):
        CaseFactory(published_at=at(2025, 6, day))
    month = client.get("/cas/nouveautes/").context["months"][0]
    assert month.count == 13 and len(month.cases) == 10
    assert [case.published_at.day for case in month.cases] == list(range(13, 3, -1))
    response = client.get(month.url)
    assert month.url == "/cas/nouveautes/2025/6/"
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 13
    assert "Publiées en juin 2025" in response.content.decode()


def test_months_are_cut_at_midnight_in_the_site_time_zone(client):
    # 23:30 on 31 May in Paris is already June in UTC: the case belongs to May.
    CaseFactory(title="Fin de mois fictive", published_at=timezone.make_aware(datetime(2025, 5, 31, 23, 30)))
    [month] = client.get("/cas/nouveautes/").context["months"]
    assert (month.start.month, month.count) == (5, 1)
    assert client.get("/cas/nouveautes/2025/5/").status_code == 200
    assert client.get("/cas/nouveautes/2025/6/").status_code == 404


@pytest.mark.parametrize("url", ["/cas/nouveautes/2025/13/", "/cas/nouveautes/1800/1/", "/cas/nouveautes/2025/2/"])
def test_a_month_without_published_cases_is_not_found(client, url):
    populate(1)  # an archived case in February: not published
    assert client.get(url).status_code == 404


def test_months_are_paginated_by_twelve(client):
    for month in range(1, 13):
        CaseFactory(published_at=at(2024, month))
    CaseFactory(published_at=at(2025, 1))
    first = client.get("/cas/nouveautes/")
    assert len(first.context["months"]) == 12
    second = client.get("/cas/nouveautes/?page=2")
    assert [(m.start.year, m.start.month) for m in second.context["months"]] == [(2024, 1)]
    assert client.get("/cas/nouveautes/?page=abc").status_code == 200


@pytest.mark.parametrize("per_month", [1, 12])
def test_the_pages_cost_two_queries_whatever_the_numbers(client, per_month, django_assert_num_queries):
    populate(per_month)
    with django_assert_num_queries(2):
        assert client.get("/cas/nouveautes/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/cas/nouveautes/2025/4/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/cas/nouveautes/atom/").status_code == 200


def test_the_feed_is_atom_with_published_cases_at_their_publication_date(client):
    populate(1)
    response = client.get("/cas/nouveautes/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Nouvelles études de cas — Observatoire des partenariats"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert all("cach" not in title for title in titles)
    published = [entry.find(f"{ATOM}published").text for entry in entries]
    assert published == sorted(published, reverse=True)
    assert published[0].startswith("2025-05-15")


def test_the_case_list_and_the_home_page_link_to_the_news(client):
    for url in ("/cas/", "/"):
        assert 'href="/cas/nouveautes/"' in client.get(url).content.decode(), url


def test_nouveautes_is_not_a_case_slug():
    case = CaseFactory.build(slug="nouveautes")
    with pytest.raises(ValidationError) as raised:
        case.clean()
    assert raised.value.message_dict == {"slug": ["« nouveautes » est réservé à une autre page du site."]}
