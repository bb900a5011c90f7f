"""`/ressources/`, a resource's page, its feed and its API: exact facets, drafts hidden, constant query counts."""

import pytest
from django.urls import reverse

from resources.models import Resource
from surveys.models import Programme

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def facet(response, name):
    return {item["value"]: item["count"] for item in response.json()["facets"][name]}


def test_the_list_counts_each_facet_with_the_other_filters_applied(seeded, client):
    response = client.get("/api/v1/resources/", {"kind": "kit"})
    assert response.json()["count"] == 4
    # The kind facet ignores its own filter: every kind with its whole count.
    assert facet(response, "kind") == {
        "article": 1,
        "evenement": 4,
        "exposition": 1,
        "guide": 1,
        "kit": 4,
        "lettre": 1,
        "outil": 2,
        "rapport": 4,
    }
    # The other facets count kits only.
    assert facet(response, "audience") == {"collectivites": 1, "organisations": 1, "territoires": 2}
    assert facet(response, "year") == {"2020": 1}


def test_values_inside_a_facet_are_ored_and_facets_anded(seeded, client):
    response = client.get("/api/v1/resources/", {"kind": ["kit", "outil"], "audience": "territoires"})
    assert sorted(item["slug"] for item in response.json()["results"]) == [
        "autodiagnostic-entreprise-et-territoire",
        "kit-odd-17-sur-les-territoires-en-sortie-de-crise",
        "kit-sortie-de-crise",
        "methode-de-diagnostic-de-territoire",
    ]
    assert facet(response, "programme") == {"impact": 2}


def test_the_page_shows_the_counts_of_its_facets_and_its_results(seeded, client):
    response = client.get("/ressources/", {"programme": "impact"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="resultats-titre" data-count="8">8 ressources</h2>' in page
    kind_facet = page[page.index('id="facette-kind"') : page.index('id="facette-audience"')]
    rapport = kind_facet[kind_facet.index('for="f-kind-rapport"') :]
    assert rapport.startswith('for="f-kind-rapport"><span class="facet-label">Rapport</span> <span class="count">2<')


def test_an_unknown_filter_value_is_a_400_that_says_why(seeded, client):
    response = client.get("/ressources/", {"kind": "podcast"})
    assert response.status_code == 400
    assert "podcast" in response.content.decode()
    assert client.get("/api/v1/resources/", {"audience": "inconnu"}).status_code == 400


def test_drafts_are_nowhere_public(db, client):
    make_resource("publiee")
    make_resource("brouillon", status=Resource.Status.DRAFT)
    assert [item["slug"] for item in client.get("/api/v1/resources/").json()["results"]] == ["publiee"]
    assert client.get("/api/v1/resources/brouillon/").status_code == 404
    assert client.get("/ressources/brouillon/").status_code == 404
    listing = client.get("/ressources/").content.decode()
    assert "/ressources/publiee/" in listing and "brouillon" not in listing
    assert "brouillon" not in client.get("/ressources/flux/").content.decode()
    assert "publiee" in client.get("/ressources/flux/").content.decode()
    sitemap = client.get("/sitemap-ressources.xml").content.decode()
    assert "/ressources/publiee/" in sitemap and "brouillon" not in sitemap
    assert facet(client.get("/api/v1/resources/"), "kind") == {"kit": 1}


def test_a_resource_page_says_what_the_source_does_not_give(seeded, client):
    page = client.get("/ressources/kit-sortie-de-crise/").content.decode()
    facts = page[page.index('id="fiche"') :]
    assert "<dt>Date</dt><dd>non précisée par la source</dd>" in facts
    assert "Pas de lien ni de fichier" in facts
    assert "p. 22" in page[page.index('id="citer"') :]


def test_an_event_page_says_its_place_is_not_printed(seeded, client):
    page = client.get("/ressources/6eme-rencontre-des-pionniers-des-alliances-en-territoire/").content.decode()
    assert "<dt>Date</dt><dd>le 8/07/20</dd>" in page
    assert "<dt>Lieu</dt><dd>non précisé par la source</dd>" in page


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_query_count_does_not_grow_with_resources(db, client, django_assert_num_queries, count):
    impact = Programme.objects.create(slug="impact", name="IMPACT")
    for index in range(count):
        make_resource(f"r{index}", year=2010 + index % 3, audiences=["territoires"], programme=impact)
    # The list and its audiences, 5 facets, and the audience filter's check in the 5 filtersets that apply it.
    with django_assert_num_queries(12):
        response = client.get("/ressources/", {"audience": "territoires"})
    assert response.context["count"] == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_api_query_count_does_not_grow_with_resources(db, client, django_assert_num_queries, count):
    for index in range(count):
        make_resource(f"r{index}", audiences=["territoires", "chercheurs"])
    # The count, the page with its programmes, the prefetches of 4 relations, and the 5 facets.
    with django_assert_num_queries(11):
        response = client.get("/api/v1/resources/")
    assert response.json()["count"] == count
    assert response.json()["results"][0]["audiences"] == ["territoires", "chercheurs"]


def test_staff_without_permission_cannot_open_a_resource(seeded, staff_client):
    resource = Resource.objects.get(slug="lettre-aux-elus")
    assert staff_client.get(reverse("admin:resources_resource_change", args=[resource.pk])).status_code == 403


def test_a_curator_lists_and_opens_resources(seeded, curator_client):
    resource = Resource.objects.get(slug="lettre-aux-elus")
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    assert curator_client.get(reverse("admin:resources_resource_changelist")).status_code == 200
    assert "Lettre aux élus" in curator_client.get(url).content.decode()
