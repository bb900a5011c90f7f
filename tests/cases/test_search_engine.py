"""The PostgreSQL search engine's own bookkeeping: postings patched by edits equal postings rebuilt from
scratch, deletions leave no id behind, a rolled-back edit never passes for current, and one save through
the API or the admin reindexes its case once, when the transaction commits."""

import pytest
from django.db import connection, transaction
from pyroaring import BitMap

from cases.models import Case, SearchPosting
from cases.search import index, pg_index, search
from cases.search.postgres import phrase_chain
from observatoire.reference.models import Domain
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _postings() -> dict[str, BitMap]:
    search({}, user=None)  # runs the reindex the test's transaction is waiting for
    return {row.key: BitMap.deserialize(bytes(row.bitmap)) for row in SearchPosting.objects.all()}


def test_postings_patched_by_edits_equal_postings_rebuilt_from_the_rows(curator):
    first = CaseFactory(title="Potager partagé", summary="Un jardin ouvrier.", domains=["sante"])
    second = CaseFactory(title="Atelier vélo", body="Des **vélos** réparés au potager.", departments=["69"])
    ParticipationFactory(case=second, organization=OrganizationFactory(name="Fondation Zéphyr"))
    first.title = "Compostage collectif"
    first.save()
    second.domains.add(Domain.objects.get(slug="emploi"))
    second.unpublish(user=curator)
    doomed = CaseFactory(title="Ressourcerie éphémère")
    doomed.delete()
    patched = _postings()

    pg_index.rebuild_postings()
    rebuilt = _postings()
    assert patched == rebuilt
    assert "w:ressourcer" not in rebuilt  # the deleted case's only word
    assert rebuilt["t:compostag"] == BitMap([first.pk]) and "t:potag" not in rebuilt
    assert rebuilt["w:zephyr"] == BitMap([second.pk])


def test_a_deleted_case_leaves_no_id_in_the_postings():
    case = CaseFactory(title="Maraude solidaire")
    pk = case.pk
    _postings()
    case.delete()
    assert all(pk not in bitmap for bitmap in _postings().values())
    assert search({"q": "maraude"}, user=None).count() == 0


def test_a_rolled_back_edit_is_never_taken_for_the_current_state():
    CaseFactory(title="Ludothèque de quartier")
    assert search({"q": "ludothèque"}, user=None).count() == 1
    try:
        with transaction.atomic():
            CaseFactory(title="Ludothèque itinérante")
            assert search({"q": "ludothèque"}, user=None).count() == 2  # the transaction reads its own edit
            raise RuntimeError
    except RuntimeError:
        pass
    assert search({"q": "ludothèque"}, user=None).count() == 1


def test_the_public_sees_published_cases_and_curators_every_case(curator):
    CaseFactory(title="Potager publié")
    CaseFactory(title="Potager en brouillon", status=Case.Status.DRAFT)
    assert [case.title for case in search({"q": "potager"}, user=None)[0:10]] == ["Potager publié"]
    assert search({"q": "potager"}, user=curator).count() == 2
    assert search({"domain": "inconnu"}, user=None).is_valid is False


def test_one_api_save_reindexes_its_case_once_on_commit(curator_client, monkeypatch):
    case = CaseFactory(title="Alliance à retoucher")
    search({}, user=None)
    calls = []
    monkeypatch.setattr(index.pg_index, "reindex", lambda ids, **kwargs: calls.append(sorted(ids)))
    with pytest.MonkeyPatch.context():
        response = curator_client.patch(
            f"/api/v1/cases/{case.slug}/",
            {"title": "Alliance retouchée", "domains": ["sante", "emploi"], "departments": ["69", "38"]},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert calls == []  # nothing before the commit
    index.run_pending()
    assert calls == [[case.pk]]


def test_a_reindex_takes_the_version_lock_first():
    CaseFactory(title="Verrou")
    search({}, user=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM cases_searchversion")
        before = cursor.fetchone()[0]
        index.reindex_now(Case.objects.values_list("pk", flat=True))
        cursor.execute("SELECT version FROM cases_searchversion")
        assert cursor.fetchone()[0] > before


def test_a_phrase_is_read_as_its_pairs_of_lexemes():
    """`phraseto_tsquery`'s text gives the pairs and gaps; any other shape is left to PostgreSQL's check."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phraseto_tsquery('french_unaccent', %s)::text, phraseto_tsquery('french_unaccent', %s)::text",
            ["entreprises du territoire", "jardin partagé de la ville et de l'école"],
        )
        two, four = cursor.fetchone()
    assert phrase_chain(two) == [("entrepris", "territoir", 2)]
    assert phrase_chain(four) == [("jardin", "partag", 1), ("partag", "vill", 3), ("vill", "ecol", 4)]
    assert phrase_chain("'it''s' <-> 'ok'") == [("it's", "ok", 1)]
    assert phrase_chain("'jardin'") == []
    assert phrase_chain("'jardin' & 'ville'") is None
    assert phrase_chain("'jardin' <-> ( 'a' | 'b' )") is None


def test_words_without_a_phrase_read_the_same_lexemes_and_postings_as_the_general_query():
    """A search without a phrase reads its words with a shorter query, which gives the same rows."""
    from cases.search.postgres import _words_sql

    CaseFactory(title="Jardins partagés", summary="Des jeunes jardiniers.", body="Un tiers-lieu pour l'emploi.")
    CaseFactory(title="Emploi des jeunes", body="Les jardins de l'emploi.")
    search({}, user=None)
    words = sorted(["jardins", "jardin", "emploi", "emplois", "tiers-lieu", "le", "xyzzy"])

    def rows(sql: str, params: list) -> list:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return sorted((kind, key, lexemes, bytes(data or b"")) for kind, key, lexemes, data, *_ in cursor)

    plain = rows(_words_sql(True, False), [words])
    general = rows(_words_sql(True, True), [words, [False] * len(words)])
    assert plain == general
    assert {key for kind, key, *_ in plain if kind == 2} >= {"w:jardin", "t:jardin", "w:emploi", "t:emploi"}
