"""Backups: the demo survives the move between databases of docs/operations.md (dumpdata, loaddata, reindex) unchanged.

docs/operations.md documents moving the SQLite demo to PostgreSQL. Loading on each database what was dumped from
the same one is the round trip a test can make: the pages, the API's counts and facets, the history and the
search read the same afterwards, and the base takes new edits. On PostgreSQL, the production backup
(`pg_dump -Fc`, then `pg_restore` into a new database) is restored as docs/operations.md says and read again.
"""

import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from bench.bulk import cases_bulk_create, synthetic_rows
from cases.models import Case, SearchEntry
from cases.search import search
from foundation.reference.models import Domain
from surveys.models import Question, Segment, Study
from tests.conftest import is_postgresql

pytestmark = pytest.mark.django_db

# The options the README gives for `dumpdata`: the tables migrate fills itself, the sessions, and the search
# rows, which the database writes again as the cases are loaded.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "cases.searchentry",
]
if apps.is_installed("axes"):
    EXCLUDED.append("axes")
NONCE = re.compile(r'nonce="[^"]*"')


@pytest.fixture
def demo(curator):
    call_command("load_demo", synthetic=20, stdout=StringIO())
    # A change by a curator, so that the history names its author.
    case = Case.objects.published().order_by("pk").first()
    case._history_user = curator
    case.title += " (revue)"
    case.save()
    return case


def _urls(case: Case) -> list[str]:
    study = Study.objects.order_by("pk").first()
    question = Question.objects.filter(rows__domain__isnull=True).order_by("pk").first()
    return [
        "/api/v1/cases/",
        "/api/v1/cases/?q=emploi",
        "/api/v1/cases/?domain=sante&sort=title",
        f"/api/v1/cases/{case.slug}/",
        "/api/v1/organizations/",
        "/api/v1/studies/",
        "/api/v1/questions/",
        f"/api/v1/questions/{question.pk}/",
        "/api/v1/figures/?page_size=200",
        "/",
        "/cas/",
        "/cas/?q=association&domain=emploi",
        f"/cas/{case.slug}/",
        f"/enquetes/{study.slug}/",
        f"/enquetes/{question.study.slug}/{question.slug}/",
        "/territoires/84/",
    ]


def _read(urls: list[str]) -> dict[str, object]:
    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/json"):
            pages[url] = response.json()
        else:
            pages[url] = NONCE.sub("", response.content.decode())
    return pages


def _history() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in {"cases", "surveys"} and model._meta.model_name.startswith("historical")
    }


def _move_through_dump(tmp_path) -> None:
    """The procedure of docs/operations.md, with an emptied database standing for a new one."""
    dump = tmp_path / "observatoire.yaml"
    options = ["--format=yaml", "--natural-foreign", "--natural-primary", *(f"--exclude={label}" for label in EXCLUDED)]
    call_command("dumpdata", *options, output=str(dump), verbosity=0)
    if is_postgresql():
        # The test's transaction still holds deferred foreign key checks, which TRUNCATE refuses; they are
        # deferred again afterwards, as in the new database's own transaction that `loaddata` runs in.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert not Case.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)


def test_the_demo_reads_the_same_after_a_dump_and_a_load_and_takes_new_edits(demo, tmp_path):
    urls = _urls(demo)
    before, history = _read(urls), _history()
    authored = demo.history.filter(history_user__username="claire").count()
    entries = SearchEntry.objects.count() if is_postgresql() else None
    assert before["/api/v1/cases/"]["count"] == Case.objects.published().count() > 20

    _move_through_dump(tmp_path)

    after = _read(urls)
    for url in urls:
        assert after[url] == before[url], url
    assert _history() == history
    assert demo.history.filter(history_user__username="claire").count() == authored == 1
    if is_postgresql():
        assert SearchEntry.objects.count() == entries == Case.objects.count()
    # New rows take ids after the loaded ones, their history too.
    case = Case.objects.create(
        title="Alliance Zéphyrine", slug="alliance-zephyrine", summary="Une alliance.", status=Case.Status.PUBLISHED
    )
    case.domains.add(Domain.objects.get(slug="emploi"))
    segment = Segment.objects.filter(regions__isnull=True).order_by("pk").first()
    recorded = segment.history.count()
    segment.regions.add("84")
    assert case.history.count() == 2  # created, then tagged
    assert segment.history.count() == recorded + 1
    assert search({"q": "zephyrine"}, user=None)[0:5] == [case]


def test_reindex_cases_rebuilds_every_case_and_can_run_again():
    cases_bulk_create(rows=synthetic_rows(20, seed=0))
    words = ["association", "emploi", '"tiers lieu"']
    found = {word: sorted(search({"q": word}, user=None).ids()) for word in words}
    assert all(found.values())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_searchentry" if is_postgresql() else "DELETE FROM cases_search_fts")
    assert not search({"q": "association"}, user=None).ids()

    total = Case.objects.count()
    for _run in range(2):
        output = StringIO()
        call_command("reindex_cases", "--batch-size=7", stdout=output)
        assert output.getvalue() == f"{total} cases reindexed in {-(-total // 7)} batches.\n"
        assert {word: sorted(search({"q": word}, user=None).ids()) for word in words} == found
    if is_postgresql():
        assert SearchEntry.objects.count() == total


@contextmanager
def _connected_to(name: str):
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="needs the PostgreSQL client tools")
def test_a_pg_dump_restores_into_a_new_database_that_reads_the_same(demo, tmp_path):
    urls = _urls(demo)
    before = _read(urls)
    source = settings.DATABASES["default"]
    restored = f"{source['NAME']}_restored"
    server = ["-h", source["HOST"] or "127.0.0.1", "-p", str(source["PORT"] or 5432), "-U", source["USER"]]
    dump = tmp_path / "observatoire.dump"

    def run(*command: str) -> None:
        subprocess.run(command, check=True, env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""})

    run("pg_dump", "-Fc", *server, "-f", str(dump), source["NAME"])
    run("dropdb", "--if-exists", *server, restored)
    run("createdb", *server, restored)
    try:
        run("pg_restore", "--clean", "--if-exists", "--no-owner", *server, "-d", restored, str(dump))
        with _connected_to(restored):
            call_command("migrate", "--check", verbosity=0)  # exits if a migration were missing
            call_command("reindex_cases", stdout=StringIO())
            assert _read(urls) == before
    finally:
        connection.close()
        run("dropdb", "--if-exists", "--force", *server, restored)
