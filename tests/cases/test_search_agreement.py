"""The search engine agrees with plain SQL: the same cases, the same exact counts, the same facet counts.

The reference answer is computed here without the engine: each case's text goes through PostgreSQL's own
`to_tsvector('french_unaccent', …)` and the query through `plainto_tsquery` / `phraseto_tsquery`, the
filters and the visibility are applied to the case objects in Python. A corpus with drafts, cases in review,
archived cases, every kind of filter and edits (a new title, a removed tag, an unpublished case, a deleted
case, a new case) is searched as the public and as a curator, before and after the edits.
"""

import random
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, CaseImpact, Organization, Participation
from cases.models.case import TAG_LISTS
from cases.search import search, with_tags
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    SustainableDevelopmentGoal,
)
from tests.factories import CaseFactory, OrganizationFactory
from tests.module_data import module_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

CONFIG = "french_unaccent"
WORDS = [
    "jardin",
    "potager",
    "école",
    "numérique",
    "vélo",
    "atelier",
    "compostage",
    "quartier",
    "santé",
    "emploi",
    "musique",
    "théâtre",
    "marché",
    "chantier",
    "forêt",
    "rivière",
    "bibliothèque",
    "cantine",
    "stade",
    "ferme",
]
# Phrases with stop words inside leave gaps between their lexemes: "jardin du quartier" is
# 'jardin' <2> 'quarti', "marché de la ferme" 'march' <3> 'ferm'; the words of the texts are joined by "et".
PHRASES = [
    "jardin partagé",
    "atelier vélo",
    "école ouverte",
    "jardin du quartier",
    "marché de la ferme",
    "atelier vélo du quartier",
]
DEPARTMENTS = ["38", "69", "33", "59", "75", "13"]
KINDS = [Organization.Kind.ASSOCIATION, Organization.Kind.COMPANY, Organization.Kind.LOCAL_AUTHORITY]
STATUSES = [Case.Status.PUBLISHED] * 5 + [Case.Status.DRAFT, Case.Status.REVIEW, Case.Status.ARCHIVED]

# (name, case attribute or relation, what the URL carries)
FACETS = [
    ("domain", "domains", "slug"),
    ("partnership", "partnership_types", "slug"),
    ("engagement", "engagement_practices", "slug"),
    ("dynamic", "dynamics", "slug"),
    ("region", "regions", "code"),
    ("department", "departments", "code"),
    ("impact", "impacts", "slug"),
    ("sdg", "sdgs", "slug"),
]

QUERIES = [
    {},
    {"q": "jardin"},
    {"q": "jardins"},
    {"q": "potagers"},
    {"q": "École"},
    {"q": '"jardin partagé"'},
    {"q": '"atelier vélo"', "sort": "recent"},
    {"q": "atelier -vélo"},
    {"q": "vélo ou compostage"},
    {"q": "quartier santé"},
    {"q": "Isère"},
    {"q": "Auvergne-Rhône-Alpes"},
    {"q": "quartier", "domain": ["sante", "emploi"]},
    {"domain": ["education"], "region": ["84"]},
    {"partnership": ["mecenat"], "engagement": ["engagement-salaries"]},
    {"dynamic": ["tiers-lieux"], "department": ["69", "38"]},
    {"organization_kind": ["entreprise"], "q": "atelier"},
    {"year_min": "2019", "year_max": "2021"},
    {"q": "numérique", "sort": "title"},
    {"q": "emploi", "domain": ["emploi"], "partnership": ["mecenat"], "region": ["84", "75"]},
    {"q": '"jardin du quartier"'},
    {"q": '"jardin et potager"'},
    {"q": '"marché de la ferme"', "sort": "title"},
    {"q": '"atelier vélo du quartier"'},
    {"q": '"partagé jardin"'},
    {"q": '"vélo quartier"'},
    {"q": '"stade stade"'},
    {"q": '"jardin et de la ferme"'},
    {"q": '"jardin du quartier" -"atelier vélo"'},
    {"q": '"marché de la ferme" ou "jardin partagé"', "sort": "recent"},
    {"q": 'numérique "école ouverte"', "domain": ["education", "sante"]},
    # Words in nearly every case: the facets are every case's counts minus those of the cases without them.
    {"q": "alliance"},
    {"q": "alliance", "sort": "title"},
    {"q": "alliance -jardin", "sort": "title"},
    {"q": "contexte", "domain": ["sante", "emploi"]},
    {"q": "structure", "region": ["84"], "sort": "recent"},
    {"q": "alliance", "year_min": "2020"},
    {"q": '"structure fictive"'},
    {"q": '"structure fictive"', "domain": ["sante"]},
]


def _text(rng: random.Random, words: int) -> str:
    parts = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.25:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(PHRASES))
    return " et ".join(parts) + "."


def _corpus(count: int = 28, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    domains, partnerships = list(Domain.objects.all()), list(PartnershipType.objects.all())
    engagements, dynamics = list(EngagementPractice.objects.all()), list(CollectiveDynamic.objects.all())
    for index in range(count):
        status = STATUSES[index % len(STATUSES)]
        case = CaseFactory(
            title=f"Alliance {index} : {_text(rng, 1)}",
            summary=_text(rng, 2),
            body=f"## Contexte\n\n{_text(rng, 3)}",
            status=status,
            published_at=now - timedelta(days=rng.randrange(400)) if status != Case.Status.DRAFT else None,
            start_year=rng.choice([2015, 2018, 2020, 2022]),
            end_year=rng.choice([None, 2021, 2023]),
        )
        case.domains.set(rng.sample(domains, rng.randint(1, 3)))
        case.partnership_types.set(rng.sample(partnerships, rng.randint(0, 2)))
        case.engagement_practices.set(rng.sample(engagements, rng.randint(0, 2)))
        case.dynamics.set(rng.sample(dynamics, rng.randint(0, 1)))
        departments = list(Department.objects.filter(code__in=rng.sample(DEPARTMENTS, rng.randint(0, 2))))
        case.departments.set(departments)
        case.regions.set({department.region for department in departments})
        organization = OrganizationFactory(name=f"Structure fictive {index % 9}", kind=KINDS[index % len(KINDS)])
        Participation.objects.create(case=case, organization=organization)
    # Impacts and SDGs from a generator of their own, so that the rest of the corpus stays as it was.
    tags = random.Random(seed + 1)
    impacts, goals = list(Impact.objects.all()), list(SustainableDevelopmentGoal.objects.all())
    for case in Case.objects.order_by("pk"):
        case.sdgs.set(tags.sample(goals, tags.randint(0, 2)))
        for impact in tags.sample(impacts, tags.randint(0, 2)):
            CaseImpact.objects.create(case=case, impact=impact, evidence="Preuve fictive.")


def _document(case: Case) -> str:
    parts = [case.title, case.summary, case.body, case.outcomes, case.place]
    parts += [participation.organization.name for participation in case.participations.all()]
    for department in case.departments.all():
        parts += [department.name, department.region.name]
    parts += [region.name for region in case.regions.all()]
    for related in (
        case.domains,
        case.partnership_types,
        case.engagement_practices,
        case.dynamics,
        case.impacts,
        case.sdgs,
    ):
        parts += [term.name for term in related.all()]
    return " ".join(part for part in parts if part)


def _forms(word: str) -> list[str]:
    """The word and its other grammatical number, as the search documents it (regular French forms)."""
    if len(word) <= 3 or not word[-1].isalpha():
        return [word]
    return [word, word[:-1]] if word[-1] in "sxSX" else [word, word + "s"]


def _tsquery(query: str) -> tuple[str, list[str]]:
    """The reference tsquery of the documented syntax: words (either number), "phrases", -exclusions, or/ou."""
    alternatives, params = [], []
    for alternative in re.split(r"\s+(?:or|ou)\s+", query.strip(), flags=re.IGNORECASE):
        parts = []
        for token in re.findall(r'-?"[^"]*"|\S+', alternative):
            negated, token = token.startswith("-"), token.lstrip("-")
            if token.startswith('"'):
                sql, values = f"phraseto_tsquery('{CONFIG}', %s)", [token.strip('"')]
            else:
                forms = _forms(token)
                sql = "(" + " || ".join([f"plainto_tsquery('{CONFIG}', %s)"] * len(forms)) + ")"
                values = forms
            parts.append(f"!!{sql}" if negated else sql)
            params += values
        alternatives.append("(" + " && ".join(parts) + ")")
    return " || ".join(alternatives), params


def _text_matches(cases: list[Case], query: str) -> set[int]:
    if not query:
        return {case.pk for case in cases}
    tsquery, params = _tsquery(query)
    with connection.cursor() as cursor:
        sql = f"SELECT id FROM unnest(%s::int[], %s::text[]) AS t(id, doc) WHERE to_tsvector('{CONFIG}', doc) @@ "  # noqa: S608
        cursor.execute(
            sql + f"({tsquery})",
            [[case.pk for case in cases], [_document(case) for case in cases], *params],
        )
        return {row[0] for row in cursor.fetchall()}


def _values(case: Case, facet: str) -> set[str]:
    if facet == "organization_kind":
        return {participation.organization.kind for participation in case.participations.all()}
    if facet == "country":
        return {case.country.code}
    if facet == "collection":
        return {collection.slug for collection in case.collections.all() if collection.is_published}
    _name, relation, key = next(item for item in FACETS if item[0] == facet)
    return {getattr(term, key) for term in getattr(case, relation).all()}


def _passes(case: Case, params: dict, facet: str) -> bool:
    values = params.get(facet)
    return not values or bool(_values(case, facet) & set(values))


def _passes_years(case: Case, params: dict) -> bool:
    last_year = case.end_year or case.start_year
    if params.get("year_min") and (last_year is None or last_year < int(params["year_min"])):
        return False
    return not (params.get("year_max") and (case.start_year is None or case.start_year > int(params["year_max"])))


def _reference(params: dict, *, public: bool) -> tuple[set[int], dict[str, dict[str, int]]]:
    cases = list(
        Case.objects.prefetch_related(
            "participations__organization",
            "departments__region",
            "regions",
            "domains",
            "partnership_types",
            "engagement_practices",
            "dynamics",
            "impacts",
            "sdgs",
            "collections",
        )
    )
    if public:
        cases = [case for case in cases if case.status == Case.Status.PUBLISHED]
    matched = _text_matches(cases, params.get("q", ""))
    cases = [case for case in cases if case.pk in matched and _passes_years(case, params)]
    names = [name for name, _relation, _key in FACETS] + ["organization_kind", "country", "collection"]
    found = {case.pk for case in cases if all(_passes(case, params, name) for name in names)}
    facets = {}
    for facet in names:
        counts: dict[str, int] = {}
        for case in cases:
            if all(_passes(case, params, other) for other in names if other != facet):
                for value in _values(case, facet):
                    counts[value] = counts.get(value, 0) + 1
        facets[facet] = counts
    return found, facets


def _engine_facets(result) -> dict[str, dict[str, int]]:
    return {
        facet: {item["value"]: item["count"] for item in items if item["count"]}
        for facet, items in result.facets.items()
    }


def _assert_agrees(params: dict, *, user) -> None:
    result = search(params, user=user)
    assert result.is_valid, (params, result.errors)
    expected, facets = _reference(params, public=user is None)
    ids = result.ids()
    assert len(ids) == len(set(ids)), params
    assert set(ids) == expected, params
    assert len(result) == result.count() == len(expected), params
    assert _engine_facets(result) == facets, params
    page = result[0:5]
    assert [case.pk for case in page] == ids[:5], params
    _assert_tags_as_prefetched(page)
    if params.get("sort") == "recent":
        order = Case.objects.filter(pk__in=expected).order_by("-published_at", "-pk")
        assert ids == list(order.values_list("pk", flat=True)), params


TAG_FIELDS = ["domains", "partnership_types", "engagement_practices", "dynamics", "regions", "departments"]


def _tags(case: Case) -> dict[str, list[tuple]]:
    """The tags as the cards and the API read them (`Case.domain_list` …, prefetched or read on first use)."""
    lists = {field: name for name, field in TAG_LISTS.items()}
    return {
        field: [(getattr(term, "slug", None) or term.pk, term.name, term.pk) for term in getattr(case, lists[field])]
        for field in TAG_FIELDS
    }


def _assert_tags_as_prefetched(cases: list[Case]) -> None:
    """A result's tags (read from the search's state) are those of `for_cards()`, in the same order."""
    prefetched = Case.objects.for_cards().in_bulk([case.pk for case in cases])
    for case in cases:
        assert _tags(case) == _tags(prefetched[case.pk]), case.pk


def _search_everything(user) -> None:
    for params in QUERIES:
        _assert_agrees(params, user=user)


def _edit(curator) -> None:
    """A new title, a removed tag, an unpublished case, an archived case, a deleted case, a new case."""
    published = list(Case.objects.filter(status=Case.Status.PUBLISHED).order_by("pk"))
    first, second, third, fourth, fifth = published[:5]
    first.title = "Un jardin partagé au pied des immeubles"
    first.save()
    second.domains.remove(*second.domains.all()[:1])
    isere = Department.objects.select_related("region").get(code="38")
    second.departments.set([isere])
    second.regions.set([isere.region])
    third.move_to(Case.Status.DRAFT, user=curator)
    fourth.move_to(Case.Status.ARCHIVED, user=curator)
    fifth.delete()
    CaseFactory(title="Atelier vélo du quartier", summary="Un potager et un atelier.", domains=["emploi"])
    draft = Case.objects.filter(status=Case.Status.DRAFT).order_by("pk").first()
    draft.summary = "Compostage collectif et numérique à l'école."
    draft.save()


@module_data
def corpus():
    with TestCase.captureOnCommitCallbacks(execute=True):
        _corpus()
    with connection.cursor() as cursor:  # the statistics that tell a word in most cases (cases.search.postgres)
        cursor.execute("ANALYZE cases_searchentry")


@pytest.fixture
def content_cache(settings):
    """Every case's answer kept until the content changes, as in production: a word in most cases counts
    the facets of the cases without it (cases.search.postgres)."""
    settings.CONTENT_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_the_public_search_agrees_with_plain_sql(corpus, content_cache):
    _search_everything(user=None)


def test_the_curators_search_with_drafts_agrees_with_plain_sql(corpus, curator, content_cache):
    _search_everything(user=curator)


def test_after_edits_both_searches_still_agree(corpus, curator, content_cache, django_capture_on_commit_callbacks):
    _search_everything(user=None)  # every case's answer kept, then the content changes
    with django_capture_on_commit_callbacks(execute=True):
        _edit(curator)
    _search_everything(user=None)
    _search_everything(user=curator)


def test_without_the_content_cache_the_search_still_agrees(corpus, settings):
    settings.CONTENT_CACHE = False
    _search_everything(user=None)


def test_results_carry_their_tags_in_the_database_order(corpus, django_capture_on_commit_callbacks):
    """Several regions (one with an accented initial), departments and vocabularies on one case, renamed."""
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(
            title="Alliance interrégionale",
            domains=["sante", "emploi", "education"],
            departments=["75", "76", "13", "2A"],
        )
        case.partnership_types.set(PartnershipType.objects.all())
        case.dynamics.set(CollectiveDynamic.objects.all()[:2])
        case.regions.set({department.region for department in case.departments.all()})
    result = search({"q": "interrégionale"}, user=None)
    assert [found.pk for found in result[0:1]] == [case.pk]
    assert len(case.regions.all()) == 4
    _assert_tags_as_prefetched(result[0:1])
    with django_capture_on_commit_callbacks(execute=True):
        domain = Domain.objects.get(slug="emploi")
        domain.name = "Accès à l'emploi (renommé)"
        domain.save()
    found = search({"q": "interrégionale"}, user=None)[0:1]
    assert ("emploi", "Accès à l'emploi (renommé)", domain.pk) in _tags(found[0])["domains"]
    _assert_tags_as_prefetched(found)
    fresh = list(Case.objects.filter(pk=case.pk))
    with_tags(fresh)  # the case page's way
    with CaptureQueriesContext(connection) as captured:
        _tags(fresh[0])
    assert not captured.captured_queries  # the lists are read from what `with_tags` prefetched
    _assert_tags_as_prefetched(fresh)


def test_the_reference_is_not_trivial(corpus):
    """The corpus exercises the comparison: searches find some cases but not all, drafts hold matches."""
    everything, _facets = _reference({}, public=False)
    public, _facets = _reference({}, public=True)
    assert len(public) < len(everything)
    for params in [{"q": "jardin"}, {"q": '"atelier vélo"'}, {"q": "vélo ou compostage"}]:
        found, _facets = _reference(params, public=True)
        assert 0 < len(found) < len(public), params
    for phrase in ["jardin du quartier", "marché de la ferme", "atelier vélo du quartier"]:
        found, _facets = _reference({"q": f'"{phrase}"'}, public=False)
        assert 0 < len(found) < len(everything), phrase


def test_words_of_a_phrase_found_apart_do_not_match(corpus):
    """Cases holding both words in another order or further apart are not found by the phrase."""
    both, _facets = _reference({"q": "partagé jardin"}, public=False)
    found, _facets = _reference({"q": '"partagé jardin"'}, public=False)
    assert found < both
    both, _facets = _reference({"q": "vélo quartier"}, public=False)
    found, _facets = _reference({"q": '"vélo quartier"'}, public=False)
    assert found < both


def test_a_phrase_across_the_title_and_the_summary_agrees(corpus, curator):
    """The title's last word and the summary's first are neighbours in the document, for PostgreSQL too."""
    for case in Case.objects.order_by("pk")[:4]:
        last, first = case.title.rstrip(".").split()[-1], case.summary.split()[0]
        params = {"q": f'"{last} {first}"'}
        found, _facets = _reference(params, public=False)
        assert case.pk in found, params
        _assert_agrees(params, user=curator)
        _assert_agrees(params, user=None)


COMPOUND_TEXTS = [
    "Un tiers-lieu solidaire et un jardin.",
    "Les tiers-lieux du quartier.",
    "Un tiers du lieu, pas un tiers-lieu.",
    "Le lieu tiers et le tiers lieu.",
    "Du porte-à-porte et un tiers-lieu partagé.",
    "Un porte à porte.",
]
COMPOUND_QUERIES = [
    {"q": '"tiers-lieu"'},
    {"q": '"tiers-lieux"'},
    {"q": "tiers-lieu"},
    {"q": '"tiers lieu"'},
    {"q": '"tiers-lieu solidaire"'},
    {"q": '"un tiers-lieu"'},
    {"q": '"porte-à-porte"'},
    {"q": '"Auvergne-Rhône-Alpes"'},
    {"q": '"tiers-lieu" -"porte-à-porte"'},
    {"q": '"tiers-lieu" ou "porte-à-porte"', "domain": ["emploi"]},
]


def _ids(params: dict, user) -> list[int]:
    return search(params, user=user).ids()


def test_a_hyphenated_word_is_its_spaced_form_before_and_after_edits(
    corpus, curator, django_capture_on_commit_callbacks
):
    """ "tiers-lieu", "tiers lieu" in quotes and tiers-lieu find the same cases, hyphenated or spaced, in
    the same order, and so do their plurals; an edit is found by the very next search."""
    with django_capture_on_commit_callbacks(execute=True):
        cases = [
            CaseFactory(title=f"Cas composé {index}", summary=text, domains=["emploi"], departments=["69"])
            for index, text in enumerate(COMPOUND_TEXTS)
        ]
        cases[-1].move_to(Case.Status.DRAFT, user=curator)
    for user in (None, curator):
        found = _ids({"q": '"tiers-lieu"'}, user)
        assert {cases[0].pk, cases[1].pk, cases[3].pk, cases[4].pk} <= set(found)
        assert found == _ids({"q": '"tiers lieu"'}, user) == _ids({"q": "tiers-lieu"}, user)
        assert found == _ids({"q": '"tiers-lieux"'}, user) == _ids({"q": "tiers-lieux"}, user)
        assert cases[2].pk in found  # "tiers-lieu" at the end of its summary
    assert cases[5].pk in _ids({"q": "porte-à-porte"}, curator)
    assert cases[5].pk not in _ids({"q": "porte-à-porte"}, None)  # a draft
    with django_capture_on_commit_callbacks(execute=True):
        cases[0].summary = "Un lieu, un tiers."
        cases[0].save()
    assert cases[0].pk not in _ids({"q": "tiers-lieu"}, None)
