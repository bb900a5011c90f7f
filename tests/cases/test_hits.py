"""The public search through the narrow search table (cases.hits) answers as the general path does."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict

from cases.filters import CaseFilter, case_facets
from cases.hits import public_hits
from cases.models import Case, Organization, SearchEntry
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def corpus():
    """Published cases and drafts sharing words and tags, so that a leak of a draft changes a count."""
    company = OrganizationFactory(name="Entreprise fictive", kind=Organization.Kind.COMPANY)
    specs = [
        ("Potager partagé de Lyon", ["sante"], ["69"], 2015, None, Case.Status.PUBLISHED),
        ("Potagers et emploi à Lille", ["emploi", "sante"], ["59"], 2019, 2021, Case.Status.PUBLISHED),
        ("Atelier numérique du tiers-lieu", ["acces-numerique"], ["69"], 2021, None, Case.Status.PUBLISHED),
        ("Un potager pour l'école", ["education"], ["75"], 2012, 2014, Case.Status.PUBLISHED),
        ("Brouillon : potager secret", ["sante"], ["69"], 2020, None, Case.Status.DRAFT),
        ("Archivé : potager ancien", ["emploi"], ["59"], 2010, 2011, Case.Status.ARCHIVED),
    ]
    cases = []
    for title, domains, departments, start, end, status in specs:
        case = CaseFactory(title=title, domains=domains, departments=departments, start_year=start, end_year=end)
        case.status = status
        case.save()
        cases.append(case)
    ParticipationFactory(case=cases[1], organization=company)
    ParticipationFactory(case=cases[4], organization=company)
    return cases


def _both(params: dict) -> tuple:
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    base = Case.objects.published()
    filterset = CaseFilter(data, queryset=base)
    assert filterset.is_valid(), filterset.errors
    hits = public_hits(filterset, base)
    assert hits is not None
    general = list(filterset.qs.values_list("title", flat=True))
    return (
        (hits.count(), [case.title for case in hits[0:50]], hits.facets),
        (len(general), general, case_facets(data, base, filterset=filterset)),
    )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "potager"},
        {"q": "potagers", "domain": "sante"},
        {"q": "potager", "domain": ["sante", "education"], "department": "69"},
        {"domain": "sante", "organization_kind": "entreprise"},
        {"q": "potager", "sort": "recent"},
        {"year_min": "2016"},
        {"year_max": "2014", "q": "potager"},
        {"q": '"potager partagé"'},
        {"q": '"potager" -lyon', "domain": ["sante", "education"]},
        {"q": "tiers-lieu"},
        {"q": "introuvable"},
        {"q": "« »"},
    ],
)
def test_the_narrow_table_finds_counts_and_orders_as_the_general_path(corpus, params):
    narrow, general = _both(params)
    assert narrow == general
    assert not any("Brouillon" in title or "Archivé" in title for title in narrow[1])


def test_drafts_are_in_no_count_and_no_facet(corpus):
    (total, titles, facets), _ = _both({"q": "potager"})
    assert total == 3
    assert {row["value"]: row["count"] for row in facets["domain"]} == {"sante": 2, "emploi": 1, "education": 1}
    assert {row["value"]: row["count"] for row in facets["organization_kind"]} == {"entreprise": 1}
    assert sorted(titles) == ["Potager partagé de Lyon", "Potagers et emploi à Lille", "Un potager pour l'école"]


def test_the_rows_follow_publication_tags_and_deletion(corpus, curator):
    draft = corpus[4]
    draft.publish(user=curator)
    assert _both({"q": "secret"})[0][0] == 1
    draft.domains.add(*draft.domains.model.objects.filter(slug="mal-logement"))
    assert [row["count"] for row in _both({"q": "secret"})[0][2]["domain"] if row["value"] == "mal-logement"] == [1]
    draft.unpublish(user=curator)
    assert _both({"q": "secret"})[0][0] == 0
    case_id = draft.pk
    draft.delete()
    assert not SearchEntry.objects.filter(case_id=case_id).exists()


def test_the_title_order_takes_the_general_path(corpus):
    filterset = CaseFilter(QueryDict("sort=title"), queryset=Case.objects.published())
    assert filterset.is_valid()
    assert public_hits(filterset, Case.objects.published()) is None


def test_a_phrase_ranks_the_ids_its_count_found(corpus):
    filterset = CaseFilter(QueryDict('q="potager"'), queryset=Case.objects.published())
    assert filterset.is_valid()
    hits = public_hits(filterset, Case.objects.published())
    assert hits.count() == 2
    first, second = hits[0:1], hits[1:2]
    assert {first[0].title, second[0].title} == {"Potager partagé de Lyon", "Un potager pour l'école"}


def test_a_page_reads_only_its_rows(corpus):
    _, general = _both({"q": "potager"})
    data = QueryDict("q=potager")
    filterset = CaseFilter(data, queryset=Case.objects.published())
    filterset.is_valid()
    hits = public_hits(filterset, Case.objects.published())
    assert [case.title for case in hits[1:3]] == general[1][1:3]
    assert hits[5:5] == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_searchentry")
        assert cursor.fetchone()[0] == len(corpus)


# The content version moves when an edit commits: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_counts_of_everything_are_kept_until_the_next_edit(corpus, settings, curator):
    settings.CONTENT_CACHE = True
    cache.clear()
    assert _both({})[0][0] == 4
    corpus[4].publish(user=curator)
    narrow, general = _both({})
    assert narrow[0] == general[0] == 5
    assert narrow == general
