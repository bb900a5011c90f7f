"""How PostgreSQL answers a search (cases.search.postgres): matches read through the GIN index of the
document vectors, the first pages read with the count, the answer for every visible case kept until the
content changes, tags that no searched word can reach."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.filters import Sort
from cases.models import Case
from cases.search import search
from cases.search.postgres import FIRST
from tests.factories import CaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _summary_statements(params: dict) -> tuple[str, str]:
    """The settings statement and the query that the count of `params` sends, as sent."""
    with CaptureQueriesContext(connection) as captured:
        assert search(params, user=None).count() > 0
    statements = [query["sql"] for query in captured.captured_queries]
    settings = next(sql for sql in statements if "set_config('enable_seqscan'" in sql)
    return settings, next(sql for sql in statements if "cases_searchentry" in sql)


def _plan(settings: str, sql: str, *, executed: bool = False) -> str:
    """The plan of `sql` under the search's `settings` (`executed`: run, with the rows each node gave)."""
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT plan")
        cursor.execute(settings)
        cursor.execute(f"EXPLAIN {'(ANALYZE, COSTS OFF, TIMING OFF) ' if executed else ''}{sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("ROLLBACK TO SAVEPOINT plan")
    return plan


def test_a_word_in_every_case_is_matched_through_the_index_with_or_without_filters():
    """The planner would read the whole table when every case matches, unpacking each case's document
    vector; the search's settings leave it the index alone."""
    CaseFactory.create_batch(40, title="Partenariat local", domains=["emploi"], departments=["69"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_searchentry")
        cursor.execute("ANALYZE cases_case")
        cursor.execute("EXPLAIN SELECT count(*) FROM cases_searchentry WHERE document @@ 'partenariat'::tsquery")
        alone = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on cases_searchentry" in alone  # what the planner does unless told

    for params in ({"q": "partenariat"}, {"q": "partenariat", "domain": "emploi", "department": "69"}):
        plan = _plan(*_summary_statements(params))
        assert "Bitmap Index Scan on searchentry_document_gin" in plan, plan
        assert "Seq Scan on cases_searchentry" not in plan, plan
        assert "tags &&" not in plan.split("Bitmap Heap Scan on cases_searchentry")[1].split("->")[0], plan


def test_a_tag_is_never_found_as_a_word():
    """Tags are lexemes of the document (`domain:emploi`) so that filters and words are one index lookup;
    no searched text reaches them."""
    CaseFactory(title="Atelier vélo", summary="Réparer ensemble.", body="Un atelier.", domains=["emploi"])
    for query in ("domain:emploi", '"domain:emploi"', "domain"):
        assert search({"q": query}, user=None).count() == 0, query
    assert search({"q": "atelier", "domain": "emploi"}, user=None).count() == 1


def test_the_pages_read_with_the_count_are_those_of_the_ids_read_alone():
    cases = CaseFactory.create_batch(FIRST + 15, title="Jardin partagé", domains=["emploi"])
    for index, case in enumerate(cases[::3]):  # three tiers: the word in the title, the summary, elsewhere
        case.title, case.summary = f"Atelier {index}", ("Un jardin" if index % 2 else "Un atelier")
        case.body = "Le jardin du quartier."
        case.save()
    for sort in (Sort.RELEVANCE, Sort.RECENT, Sort.TITLE):
        params = {"q": "jardin", "domain": "emploi", "sort": sort}
        alone = search(params, user=None).ids()
        result = search(params, user=None)
        assert result.count() == len(alone) == FIRST + 15
        for start, stop in ((0, 20), (FIRST - 5, FIRST), (FIRST - 5, FIRST + 5), (FIRST, FIRST + 20)):
            assert [case.pk for case in result[start:stop]] == alone[start:stop], (sort, start, stop)
        assert result.ids() == alone, sort
    tiers = search({"q": "jardin"}, user=None).ids()
    assert tiers[0] not in {case.pk for case in cases[::3]}  # a title with the word comes first


@pytest.mark.django_db(transaction=True)  # edits committed, as a curator's are
def test_the_answer_for_every_case_is_kept_until_the_content_changes(settings):
    settings.CONTENT_CACHE = True
    cache.clear()
    CaseFactory.create_batch(3, title="Recyclerie", domains=["emploi"])
    CaseFactory(title="Épicerie solidaire", domains=["sante"])
    first = search({}, user=None)
    assert first.count() == 4

    with CaptureQueriesContext(connection) as captured:
        again = search({}, user=None)
        assert again.count() == 4
        assert again.facets == first.facets
        alone = search({"domain": "sante"}, user=None)
        assert alone.count() == 1
    reads = [query["sql"] for query in captured.captured_queries if "cases_searchentry" in query["sql"]]
    assert len(reads) == 1  # the filtered search; every case's counts were kept
    domains = {item["value"]: item["count"] for item in alone.facets["domain"]}
    assert domains == {"emploi": 3, "sante": 1}  # a facet filtered alone: counted over every case

    CaseFactory(title="Ressourcerie", domains=["sante"])
    assert search({}, user=None).count() == 5
    domains = {item["value"]: item["count"] for item in search({"domain": "sante"}, user=None).facets["domain"]}
    assert domains == {"emploi": 3, "sante": 2}
    cache.clear()


def test_a_search_inside_a_transaction_does_not_keep_its_settings():
    CaseFactory(title="Partenariat local")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        before = cursor.fetchone()[0]
        assert search({"q": "partenariat"}, user=None).count() == 1
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == before == "on"
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] != "64MB"
    assert Case.objects.count() == 1  # the search's rollback undid nothing of the caller's


def test_a_word_in_most_cases_counts_the_facets_of_the_cases_without_it(settings):
    """Every case's counts minus those of the few cases without the word: the matches' tags are not read."""
    settings.CONTENT_CACHE = True
    cache.clear()
    CaseFactory.create_batch(10, title="Partenariat local", domains=["emploi"], departments=["69"])
    CaseFactory.create_batch(10, title="Partenariat solidaire", domains=["sante"], departments=["38"])
    CaseFactory(title="Atelier vélo", domains=["sante"], departments=["69"])
    CaseFactory(title="Atelier en projet", domains=["sante"], status=Case.Status.DRAFT)  # 20 matches in 22 rows
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_searchentry")

    plan = _plan(*_summary_statements({"q": "partenariat"}), executed=True)
    direct, without = plan.split("One-Time Filter: (NOT $")[1], plan.split("One-Time Filter: $")[1]
    assert "ProjectSet (never executed)" in direct.split("One-Time Filter")[0], plan  # the matches' tags
    assert "Rows Removed by Filter: 20" in without.split("One-Time Filter")[0], plan  # the 20 matches left out

    result = search({"q": "partenariat"}, user=None)
    assert result.count() == 20
    counts = {
        facet: {item["value"]: item["count"] for item in result.facets[facet]} for facet in ("domain", "department")
    }
    assert counts == {"domain": {"emploi": 10, "sante": 10}, "department": {"69": 10, "38": 10}}
    filtered = search({"q": "partenariat", "domain": "sante"}, user=None)
    assert filtered.count() == 10
    assert {item["value"]: item["count"] for item in filtered.facets["domain"]} == {"emploi": 10, "sante": 10}
    assert {item["value"]: item["count"] for item in filtered.facets["department"]} == {"38": 10}
    # With a filter, the ids of every match are read first; not for a phrase, checked in each document.
    assert "WITH w AS" in _summary_statements({"q": "partenariat", "domain": "sante"})[1]
    assert "WITH w AS" not in _summary_statements({"q": '"partenariat solidaire"', "domain": "sante"})[1]
    cache.clear()
