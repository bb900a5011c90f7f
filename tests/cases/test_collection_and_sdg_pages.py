"""Collections keep their order and show only published cases; /odd/<n>/ gathers a goal's published cases
(goal 17 with what deck p. 21 says); the case page's « Impacts observés » says only what the case states."""

import re

import pytest

from cases.models import Case, CaseImpact, Collection, CollectionEntry
from foundation.reference.models import Impact
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _texts(html: str, tag: str, css: str) -> list[str]:
    block = html.split(f'class="{css}"', 1)[1].split(f"</{tag}>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in block.split("<li>")[1:]]


def _collection(published: bool = True) -> Collection:
    collection = Collection.objects.create(
        title="Collection fictive", slug="collection-fictive", description="Trois cas.", is_published=published
    )
    for position, title in [(3, "Zèbre fictif"), (1, "Alpha fictif"), (2, "Brouillon fictif")]:
        status = Case.Status.DRAFT if title.startswith("Brouillon") else Case.Status.PUBLISHED
        case = CaseFactory(title=title, status=status)
        CollectionEntry.objects.create(collection=collection, case=case, position=position)
    return collection


def test_a_collection_shows_its_published_cases_in_its_order(client, django_assert_num_queries):
    collection = _collection()
    # The collection with its territory (1), its published entries with their cases (1).
    with django_assert_num_queries(2):
        response = client.get("/collections/collection-fictive/")
    html = response.content.decode()
    assert _texts(html, "ol", "collection-cases") == ["Alpha fictif fictif", "Zèbre fictif fictif"]
    assert "Brouillon fictif" not in html
    assert "2 études de cas" in html
    listing = client.get("/collections/").content.decode()
    assert _texts(listing, "ul", "collection-list") == ["Collection fictive — 2 études de cas"]
    collection.is_published = False
    collection.save()
    assert client.get("/collections/collection-fictive/").status_code == 404


def test_goal_17_says_what_the_deck_prints_and_lists_only_published_cases(client, django_assert_num_queries):
    shown = CaseFactory(title="Alliance fictive ODD")
    hidden = CaseFactory(title="Brouillon fictif ODD", status=Case.Status.DRAFT)
    for case in (shown, hidden):
        case.sdgs.set([17])
    # The goal (1), the count (1), the page of cases (1).
    with django_assert_num_queries(3):
        response = client.get("/odd/17/")
    html = response.content.decode()
    assert "<h1>Partenariats pour la réalisation des objectifs</h1>" in html
    assert _texts(html, "ul", "sdg-cases")[0].startswith("Alliance fictive ODD")
    assert len(_texts(html, "ul", "sdg-cases")) == 1
    assert (
        "<li>Finances</li><li>Technologies</li><li>Renforcement de capacités</li><li>Questions structurelles</li>"
        in html
    )
    assert "p. 21" in html
    other = client.get("/odd/4/").content.decode()
    assert "Aucune étude de cas publiée" in other and "Finances" not in other
    assert client.get("/odd/18/").status_code == 404


def test_the_case_page_shows_the_stated_impacts_with_their_evidence_and_sdgs(client):
    case = CaseFactory(title="Alliance fictive mesurée")
    CaseImpact.objects.create(
        case=case,
        impact=Impact.objects.get(slug="confiance"),
        evidence="Des habitants fictifs reviennent.",
        formal_evaluation=True,
        evaluation_url="https://example.org/evaluation.pdf",
    )
    case.sdgs.set([17, 4])
    html = client.get(case.get_absolute_url()).content.decode()
    section = html.split('id="impacts-titre"', 1)[1].split("</section>", 1)[0]
    assert "Confiance dans des actions au service du bien commun" in section
    assert "Des habitants fictifs reviennent." in section
    assert '<a href="https://example.org/evaluation.pdf" rel="noopener nofollow">rapport d\'évaluation' in section
    assert "ils sont fictifs" in section
    goals = html.split("Objectifs de développement durable</dt>", 1)[1].split("</dd>", 1)[0]
    assert re.findall(r'href="(/odd/\d+/)"', goals) == ["/odd/4/", "/odd/17/"]
    plain = CaseFactory(title="Alliance fictive sans impact")
    assert 'id="impacts-titre"' not in client.get(plain.get_absolute_url()).content.decode()


def test_the_profiles_count_published_cases_by_impact_with_their_search_links(client):
    confiance = Impact.objects.get(slug="confiance")
    for title, status, department in [
        ("Alliance fictive lyonnaise", Case.Status.PUBLISHED, "69"),
        ("Alliance fictive grenobloise", Case.Status.PUBLISHED, "38"),
        ("Brouillon fictif lyonnais", Case.Status.DRAFT, "69"),
        ("Alliance fictive lilloise", Case.Status.PUBLISHED, "59"),
    ]:
        case = CaseFactory(title=title, status=status, departments=[department])
        CaseImpact.objects.create(case=case, impact=confiance, evidence="Fictif.")
    region = client.get("/territoires/84/").content.decode()
    section = region.split('id="impacts-profil-titre"', 1)[1].split("</section>", 1)[0]
    name = "Confiance dans des actions au service du bien commun"
    assert f'<a href="/cas/?impact=confiance&amp;region=84">{name} <span class="count">2</span></a>' in section
    assert 'Innovation territoriale <span class="count">0</span>' in section
    national = client.get("/territoires/france/").content.decode()
    section = national.split('id="impacts-profil-titre"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/cas/?impact=confiance">{name} <span class="count">3</span></a>' in section


def test_the_map_of_cases_counts_only_those_stating_the_chosen_impact(client):
    confiance = Impact.objects.get(slug="confiance")
    stating = CaseFactory(title="Alliance fictive confiante", departments=["69"])
    CaseImpact.objects.create(case=stating, impact=confiance, evidence="Fictif.")
    CaseFactory(title="Alliance fictive sans impact", departments=["69"])
    CaseFactory(title="Autre alliance fictive sans impact", departments=["59"])
    every = dict((region.code, count) for region, count in client.get("/territoires/").context["regions"])
    assert (every["84"], every["32"]) == (2, 1)
    response = client.get("/territoires/?impact=confiance")
    counts = dict((region.code, count) for region, count in response.context["regions"])
    assert (counts["84"], counts["32"]) == (1, 0)
    assert (
        "qui attestent l'impact « Confiance dans des actions au service du bien commun »" in response.content.decode()
    )
    refused = client.get("/territoires/?impact=inconnu")
    assert refused.status_code == 400 and "Impact inconnu" in refused.content.decode()


@pytest.mark.parametrize("count", [1, 7])
def test_the_collection_goal_and_list_pages_take_the_same_queries_as_cases_grow(
    client, django_assert_num_queries, count
):
    collection = Collection.objects.create(title="Collection fictive", slug="collection-fictive", is_published=True)
    for index in range(count):
        case = CaseFactory(title=f"Alliance fictive {index:02}")
        case.sdgs.set([17, 4])
        CollectionEntry.objects.create(collection=collection, case=case, position=index)
    with django_assert_num_queries(2):
        page = client.get("/collections/collection-fictive/").content.decode()
    assert len(_texts(page, "ol", "collection-cases")) == count
    with django_assert_num_queries(3):
        goal = client.get("/odd/4/").content.decode()
    assert len(_texts(goal, "ul", "sdg-cases")) == count
    with django_assert_num_queries(1):
        listing = client.get("/collections/").content.decode()
    assert _texts(listing, "ul", "collection-list") == [
        f"Collection fictive — {count} étude{'s' if count > 1 else ''} de cas"
    ]
