"""The search function itself; the pages and the API are tested through it elsewhere."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from cases.models import Case, Organization
from cases.search import search, unsearchable
from foundation.reference.models import Domain, Region
from tests.conftest import is_postgresql
from tests.factories import CaseFactory, ParticipationFactory

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def _titles(query: str) -> list[str]:
    return [case.title for case in search({"q": query}, user=None)[0:50]]


@pytest.mark.parametrize("query", ["École", "ecole", "ÉCOLES"])
def test_accents_case_and_plural_do_not_matter(query):
    CaseFactory(title="Une école ouverte sur le quartier")
    CaseFactory(title="Des écoles et des entreprises")
    CaseFactory(title="Un jardin partagé")
    assert sorted(_titles(query)) == ["Des écoles et des entreprises", "Une école ouverte sur le quartier"]


def test_a_title_match_ranks_above_a_body_match():
    CaseFactory(title="Alliance locale", body="Des ateliers de réparation de vélos.")
    CaseFactory(title="Atelier vélo solidaire", body="Un projet.")
    assert _titles("ateliers") == ["Atelier vélo solidaire", "Alliance locale"]


def test_a_department_or_region_name_finds_the_cases_located_there():
    CaseFactory(title="Cas lyonnais", departments=["69"])
    CaseFactory(title="Cas nordiste", departments=["59"])
    assert _titles("Rhône") == ["Cas lyonnais"]
    assert _titles("auvergne rhone alpes") == ["Cas lyonnais"]
    assert _titles("Hauts-de-France") == ["Cas nordiste"]


def test_an_organisations_name_finds_its_cases():
    ParticipationFactory(case=CaseFactory(title="Cas avec partenaire"), organization__name="Fondation Zéphyrine")
    CaseFactory(title="Cas sans partenaire")
    assert _titles("zephyrine") == ["Cas avec partenaire"]


def test_a_case_found_by_a_name_alone_shows_no_passage():
    case = CaseFactory(title="Cas avec partenaire", summary="Un résumé.", body="Un corps sans le nom cherché.")
    ParticipationFactory(case=case, organization__name="Fondation Zéphyrine")
    result = search({"q": "zephyrine"}, user=None)
    assert result.highlight(result[0:5]) == ({}, {})


def test_a_vocabulary_term_finds_its_cases():
    CaseFactory(title="Cas numérique", domains=["acces-numerique"])
    CaseFactory(title="Cas santé", domains=["sante"])
    assert _titles("numérique") == ["Cas numérique"]


def test_a_term_added_to_a_vocabulary_is_a_filter_at_once_and_an_unknown_one_never():
    """The form's fields share their vocabulary's queryset between searches: it must never hold old rows."""
    assert search({"domain": ["sante"]}, user=None).is_valid
    assert not search({"domain": ["circuits-courts"]}, user=None).is_valid
    Domain.objects.create(slug="circuits-courts", name="Circuits courts", group=Domain.Group.ECONOMIC)
    CaseFactory(title="Cas en circuit court", domains=["circuits-courts"])
    result = search({"domain": ["circuits-courts", "sante"]}, user=None)
    assert result.is_valid
    assert [case.title for case in result[0:10]] == ["Cas en circuit court"]
    assert search({"domain": []}, user=None).form.cleaned_data["domain"] == []


def test_a_term_deleted_from_a_vocabulary_is_no_longer_a_filter():
    domain = Domain.objects.create(slug="circuits-courts", name="Circuits courts", group=Domain.Group.ECONOMIC)
    assert search({"domain": ["circuits-courts"]}, user=None).is_valid
    domain.delete()
    result = search({"domain": ["circuits-courts"]}, user=None)
    assert not result.is_valid
    assert "domain" in result.errors


def test_an_edit_is_found_at_once():
    case = CaseFactory(title="Ancien titre")
    case.title = "Potager intergénérationnel"
    case.save()
    assert _titles("potager") == ["Potager intergénérationnel"]


def test_writes_that_bypass_the_models_are_found_at_once(tmp_path):
    """The database writes the search data in the statement that changes what a case is found by, on
    either backend and with no signal: `update()`, a term renamed or deleted, an organisation renamed, a
    fixture loaded."""
    domain = Domain.objects.create(slug="circuits-courts", name="Circuits courts", group=Domain.Group.ECONOMIC)
    case = CaseFactory(title="Cas ordinaire", domains=["circuits-courts"])
    ParticipationFactory(case=case, organization__name="Fondation Ordinaire")
    Case.objects.filter(pk=case.pk).update(title="Cas zéphyrien")
    assert _titles("zephyrien") == ["Cas zéphyrien"]
    domain.name = "Circuits xylophoniques"  # saved: a translated name's French column is written by save()
    domain.save()
    assert _titles("xylophoniques") == ["Cas zéphyrien"]
    Organization.objects.filter(name="Fondation Ordinaire").update(name="Fondation Quetzal")
    assert _titles("quetzal") == ["Cas zéphyrien"]
    domain.delete()
    assert _titles("xylophoniques") == []
    dump = tmp_path / "case.json"
    call_command("dumpdata", "cases.case", f"--pks={case.pk}", output=str(dump), verbosity=0)
    case.delete()
    assert _titles("zephyrien") == []
    call_command("loaddata", str(dump), verbosity=0)
    assert _titles("zephyrien") == ["Cas zéphyrien"]
    assert unsearchable() == 0


def _domain_label(slug: str) -> str:
    facet = search({"domain": [slug]}, user=None).facets["domain"]
    return next(item["label"] for item in facet if item["value"] == slug)


def test_a_term_renamed_by_update_is_found_and_labelled_at_once():
    """modeltranslation turns `update(name=…)` into a write of the active language's column alone, which no
    save() follows: the search reads a term's French from that column, and the facets label each language
    from its own."""
    CaseFactory(title="Cas ordinaire", domains=["sante"])
    Domain.objects.filter(slug="sante").update(name="Santé xylophonique")
    assert _titles("xylophonique") == ["Cas ordinaire"]
    assert _domain_label("sante") == "Santé xylophonique"
    with translation.override("en"):
        Domain.objects.filter(slug="sante").update(name="Xylophonic health")
        assert _domain_label("sante") == "Xylophonic health"
    assert _domain_label("sante") == "Santé xylophonique"
    assert _titles("xylophonique") == ["Cas ordinaire"]
    assert unsearchable() == 0


def test_a_region_renamed_by_update_is_found_and_labelled_at_once():
    CaseFactory(title="Cas lyonnais", departments=["69"])
    CaseFactory(title="Cas finistérien", departments=["29"])
    Region.objects.filter(code="84").update(name="Région zéphyrienne")
    assert _titles("zéphyrienne") == ["Cas lyonnais"]
    labels = [item["label"] for item in search({}, user=None).facets["region"] if item["count"]]
    assert labels == ["Bretagne", "Région zéphyrienne"]


@pytest.mark.parametrize("query", ["le la les", "!!! ???", "&", "'", '"', "-", "or"])
def test_stop_words_or_punctuation_alone_find_nothing(query):
    CaseFactory(title="Un cas")
    assert _titles(query) == []


def test_websearch_syntax_excludes_and_quotes():
    CaseFactory(title="Jardin partagé en ville", summary="Un jardin.")
    CaseFactory(title="Jardin d'entreprise", summary="Un jardin.")
    assert _titles("jardin -entreprise") == ["Jardin partagé en ville"]
    assert _titles('"jardin partagé"') == ["Jardin partagé en ville"]


def test_a_highlighted_summary_shows_html_as_text():
    case = CaseFactory(summary="Un atelier <script>alert('x')</script> de couture.")
    excerpt = search({"q": "atelier"}, user=None).highlight([case])[0][case.pk]
    assert "<script>" not in excerpt
    assert "&lt;script&gt;" in excerpt
    assert "<mark>atelier</mark>" in excerpt


@pytest.mark.postgres
def test_postgresql_keeps_a_weighted_document():
    case = CaseFactory(title="Potager", summary="Un résumé", body="Un corps")
    search({}, user=None)  # runs the reindex the test's transaction is waiting for
    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text FROM cases_searchentry WHERE case_id = %s", [case.pk])
        vector = cursor.fetchone()[0]
    assert "'potag':1A" in vector
    assert re.search(r"'corp':\d+C\b", vector), vector  # the body weighs C
    assert is_postgresql()
