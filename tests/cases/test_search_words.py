"""How the search reads words, on both backends: hyphens, quotes, punctuation, ligatures, whole words,
stop words, equivalent spellings, the help on zero results, and visibility read from the live rows."""

import pytest

from cases.models import Case, EquivalentSpelling
from cases.search import search, significant_words
from foundation.reference.models import Domain
from tests.conftest import is_postgresql
from tests.factories import CaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def _titles(query: str, **params) -> list[str]:
    return [case.title for case in search({"q": query, **params}, user=None)[0:50]]


def test_a_hyphenated_word_and_its_spaced_form_are_one_search():
    CaseFactory(title="Un tiers-lieu rural")
    CaseFactory(title="Les tiers lieux du bourg")
    CaseFactory(title="Un lieu pour le tiers secteur")
    expected = ["Les tiers lieux du bourg", "Un tiers-lieu rural"]
    for query in ["tiers-lieu", '"tiers lieu"', '"tiers-lieux"', "tiers-lieux"]:
        assert sorted(_titles(query)) == expected, query


def test_quotes_protect_ou_and_punctuation_changes_nothing():
    CaseFactory(title="Jeunes ou seniors ensemble")
    CaseFactory(title="Des jeunes du quartier")
    CaseFactory(title="Potagers partagés")
    assert _titles('"jeunes ou seniors"') == ["Jeunes ou seniors ensemble"]
    assert sorted(_titles("jeunes ou seniors")) == ["Des jeunes du quartier", "Jeunes ou seniors ensemble"]
    for query in ["potagers", "potagers,", "(potagers)", "potager."]:
        assert _titles(query) == ["Potagers partagés"], query


def test_ligatures_fold_and_words_match_whole():
    CaseFactory(title="Main-d'œuvre solidaire")
    CaseFactory(title="Un partenariat local")
    assert _titles("oeuvre") == _titles("œuvre") == ["Main-d'œuvre solidaire"]
    assert _titles("art") == []  # never a substring of "partenariat"


def test_a_negated_word_alone_finds_nothing_and_stop_words_agree_with_the_notice():
    CaseFactory(title="Emploi des jeunes")
    assert _titles("-emploi") == []
    assert significant_words("de la") == []
    assert _titles("de la") == []
    assert significant_words("les") == ["les"]  # not a stop word of PostgreSQL's list: a word like others


def test_an_equivalent_spelling_finds_the_other_both_ways():
    EquivalentSpelling.objects.create(spelling="ESS", equivalent="économie sociale et solidaire")
    CaseFactory(title="Un pôle de l'économie sociale et solidaire")
    CaseFactory(title="Les acteurs de l'ESS")
    both = ["Les acteurs de l'ESS", "Un pôle de l'économie sociale et solidaire"]
    assert sorted(_titles("ESS")) == both
    assert sorted(_titles("économie sociale et solidaire")) == both


def test_zero_results_get_a_respelling_matching_terms_and_a_relaxed_query():
    CaseFactory(title="Parcours d'insertion", domains=["emploi"])
    CaseFactory(title="Jardin d'insertion")
    result = search({"q": "insertoin"}, user=None)
    assert len(result) == 0
    assert result.help["did_you_mean"] == "insertion"
    assert {"param": "domain", "value": "emploi", "label": Domain.objects.get(slug="emploi").name} in result.help[
        "terms"
    ]
    relaxed = search({"q": "jardin zeppelin"}, user=None).help["relaxed"]
    assert relaxed == {"query": "jardin", "count": 1}
    if is_postgresql():
        assert search({"q": "insertoin"}, user=None).suggestions[:1] in (
            ["Jardin d'insertion"],
            ["Parcours d'insertion"],
        )


def test_the_respelling_offers_words_of_published_titles_and_vocabularies_only():
    CaseFactory(title="Jardin partagé")
    CaseFactory(title="Conserverie coopérative", status=Case.Status.DRAFT)
    Domain.objects.create(slug="ressourcerie", name="Ressourceries", group=Domain.Group.ECONOMIC)
    # Each unknown word is respelt, a known one kept (PostgreSQL: trigram similarity; SQLite: difflib).
    assert search({"q": "jardni partagé"}, user=None).help["did_you_mean"] == "jardin partagé"
    # A word of a vocabulary term's name, held by no title.
    assert search({"q": "resourceries"}, user=None).help["did_you_mean"] == "ressourceries"
    # A draft's title gives no word to the public, and nothing close gives no respelling.
    assert search({"q": "conserverei"}, user=None).help["did_you_mean"] is None
    assert search({"q": "zeppelin"}, user=None).help["did_you_mean"] is None


def test_the_respelling_offers_words_as_written_with_their_accents():
    CaseFactory(title="Mobilité solidaire")  # « mobilité » is a domain's word too
    CaseFactory(title="Écoles ouvertes")
    CaseFactory(title="Réemploi créatif", status=Case.Status.DRAFT)
    assert search({"q": "mobilte"}, user=None).help["did_you_mean"] == "mobilité"
    assert search({"q": "ecolles ouvertes"}, user=None).help["did_you_mean"] == "écoles ouvertes"
    # The same word with other accents is no respelling: the search already finds it.
    assert search({"q": "mobilite zeppelin"}, user=None).help["did_you_mean"] is None
    # A draft's accented words are never offered.
    assert search({"q": "créatf"}, user=None).help["did_you_mean"] is None
    assert search({"q": "réemplio"}, user=None).help["did_you_mean"] is None


def test_visibility_and_words_follow_update_and_term_deletion():
    case = CaseFactory(title="Ressourcerie du port", domains=["emploi"])
    assert _titles("ressourcerie") == ["Ressourcerie du port"]
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    assert _titles("ressourcerie") == []
    Case.objects.filter(pk=case.pk).update(status=Case.Status.PUBLISHED)
    domain = Domain.objects.create(slug="reemploi", name="Réemploi solidaire", group=Domain.Group.ECONOMIC)
    case.domains.add(domain)
    assert _titles("réemploi") == ["Ressourcerie du port"]
    facets = search({"q": "ressourcerie"}, user=None).facets["domain"]
    assert [value["value"] for value in facets] == ["emploi", "reemploi"] or "reemploi" in [v["value"] for v in facets]
    domain.delete()
    assert _titles("réemploi") == []
    assert "reemploi" not in [value["value"] for value in search({"q": "ressourcerie"}, user=None).facets["domain"]]


@pytest.mark.postgres
def test_postgresql_follows_update_of_words_without_any_signal():
    case = CaseFactory(title="Ancien titre")
    Case.objects.filter(pk=case.pk).update(title="Conserverie solidaire")
    assert _titles("conserverie") == ["Conserverie solidaire"]


def _respelt(query: str) -> str | None:
    return search({"q": query}, user=None).help["did_you_mean"]


@pytest.mark.postgres
def test_postgresql_keeps_the_published_titles_words_through_every_write():
    from django.db import connection

    kept = CaseFactory(title="Atelier vélo")
    case = CaseFactory(title="Atelier de menuiserie éphémère")
    assert (_respelt("menuserie"), _respelt("ephemre")) == ("menuiserie", "éphémère")
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    assert (_respelt("menuserie"), _respelt("ephemre")) == (None, None)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.PUBLISHED, title="Une école du vélo")
    assert (_respelt("menuserie"), _respelt("ecolle")) == (None, "école")
    case.delete()
    assert _respelt("ecolle") is None
    kept.title = "Atelier réparé"
    kept.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, folded, titles FROM cases_searchword ORDER BY word")
        kept_by_triggers = cursor.fetchall()
        cursor.execute("SELECT cases_search_words_rebuild()")
        cursor.execute("SELECT word, folded, titles FROM cases_searchword ORDER BY word")
        assert kept_by_triggers == cursor.fetchall() == [("atelier", "atelier", 1), ("réparé", "repare", 1)]


def test_a_respelt_or_relaxed_query_keeps_its_hyphens_and_quotes():
    CaseFactory(title="Un tiers-lieu rural")
    CaseFactory(title="Un lieu de tiers rural")
    assert _respelt("tier-lieu") == "tiers-lieu"
    assert _respelt('"tier-lieu" rurall') == '"tiers-lieu" rural'
    # Without its rarest term, the query keeps its hyphenated word whole (the phrase finds one case).
    assert search({"q": "tiers-lieu zeppelin"}, user=None).help["relaxed"] == {"query": "tiers-lieu", "count": 1}
    assert search({"q": '"lieu de tiers" zeppelin'}, user=None).help["relaxed"] == {
        "query": '"lieu de tiers"',
        "count": 1,
    }


def test_the_search_page_offers_the_help_on_zero_results(client):
    from tests.html import parse

    CaseFactory(title="Parcours d'insertion", domains=["emploi"])
    CaseFactory(title="Jardin d'insertion")
    page = parse(client.get("/cas/", {"q": "insertoin"}).content)
    did_you_mean = page.find("p", class_="did-you-mean")
    assert did_you_mean.text == "Vouliez-vous dire insertion ?"
    assert did_you_mean.find("a").attrs["href"] == "?q=insertion"
    terms = page.find("p", class_="matching-terms")
    assert "?domain=emploi" in [link.attrs["href"] for link in terms.find_all("a")]

    relaxed = parse(client.get("/cas/", {"q": "jardin zeppelin"}).content).find("p", class_="relaxed-query")
    assert relaxed.text == "Sans son mot le plus rare : jardin (1 étude de cas)."


@pytest.mark.postgres
def test_renaming_a_term_on_postgresql_reads_none_of_its_cases(django_assert_num_queries):
    """The triggers rewrite the rows of the term's cases: the signal reads no list of them."""
    CaseFactory(title="Jardin partagé", domains=["sante"])
    domain = Domain.objects.get(slug="sante")
    domain.name = "Santé et bien-être"
    with django_assert_num_queries(1):  # the UPDATE itself
        domain.save()
    assert _titles("bien-être") == ["Jardin partagé"]
