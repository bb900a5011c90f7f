"""The open-data dump (observatoire/opendata.py): published cases only, one build per content version,
a valid Data Package, downloads with their headers, and no request that waits for a build."""

import csv
import hashlib
import io
import json
import re
from datetime import datetime

import pytest
import tablib
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from cases.api.export import CASE_COLUMNS
from cases.models import Case, Participation
from cases.resources import CaseResource
from foundation.cache import stored_version
from observatoire import opendata
from resources.models import Resource
from surveys.models import Study
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory
from tests.html import find
from tests.surveys.conftest import make_study

pytestmark = pytest.mark.django_db

# The Table Schema's types (https://datapackage.org/standard/table-schema/).
TABLE_SCHEMA_TYPES = {
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
}
NAME_PATTERN = re.compile(r"^[a-z0-9._-]+$")


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    """Each test writes its dumps to a folder of its own, with an empty cache."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield tmp_path
    cache.clear()


@pytest.fixture
def started(monkeypatch) -> list[int]:
    """The versions whose build a request started; the build itself is left to the test."""
    versions: list[int] = []
    monkeypatch.setattr(opendata, "_start_build", versions.append)
    return versions


def _content(response) -> bytes:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_content(response).decode("utf-8"))))


def _every_status() -> None:
    CaseFactory(slug="publiee-fictive", title="Alliance fictive publiée", end_year=None)
    CaseFactory(slug="publiee-fictive-2", domains=["sante"], departments=["2A"])
    CaseFactory(slug="brouillon-fictif", status=Case.Status.DRAFT, published_at=None)
    CaseFactory(slug="relecture-fictive", status=Case.Status.REVIEW, published_at=None)
    CaseFactory(slug="archivee-fictive", status=Case.Status.ARCHIVED)


def test_the_dump_holds_the_published_cases_and_nothing_else(client, started):
    _every_status()
    opendata.build()

    rows = _csv(client.get("/donnees/cas.csv"))
    objects = json.loads(_content(client.get("/donnees/cas.json")))

    assert {row["slug"] for row in rows} == {"publiee-fictive", "publiee-fictive-2"}
    assert {item["slug"] for item in objects} == {"publiee-fictive", "publiee-fictive-2"}
    assert {row["status"] for row in rows} == {"published"}


def test_the_csv_has_the_api_columns_and_reads_back_in_the_import(client, started):
    case = CaseFactory(slug="aller-retour-fictif", domains=["sante"], departments=["2A"])
    ParticipationFactory(case=case, organization=OrganizationFactory(name="Association fictive Delta"))
    opendata.build()

    text = _content(client.get("/donnees/cas.csv")).decode("utf-8")
    [row] = csv.DictReader(io.StringIO(text))
    result = CaseResource().import_data(tablib.Dataset().load(text, format="csv"), dry_run=True)

    assert list(row) == list(CASE_COLUMNS)
    assert row["departments"] == "2A" and row["regions"] == "94"
    assert row["organizations"] == "Association fictive Delta (porteur)"
    assert row["url"] == "/cas/aller-retour-fictif/"
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip"]  # the same case, unchanged


def test_the_json_has_the_same_columns_typed_as_the_schema_says(client, started):
    CaseFactory(slug="type-fictif", start_year=2019, end_year=None, title="=1+1")
    opendata.build()

    [item] = json.loads(_content(client.get("/donnees/cas.json")))

    assert list(item) == list(CASE_COLUMNS)
    assert item["start_year"] == 2019
    assert item["end_year"] is None
    assert item["is_fictitious"] is True
    assert item["title"] == "=1+1"  # a spreadsheet's guard belongs to the CSV only
    assert _csv(client.get("/donnees/cas.csv"))[0]["title"] == "'=1+1"


def test_the_datapackage_follows_the_data_package_standard_and_lists_the_real_columns(client, started):
    _every_status()
    opendata.build()

    package = json.loads(_content(client.get("/donnees/datapackage.json")))

    assert package["profile"] == "data-package"
    assert NAME_PATTERN.match(package["name"])
    assert package["title"] and package["description"]
    assert "à préciser" in package["description"]  # no licence is set for the observatory's own content
    assert "licenses" not in package
    assert all(source["title"] for source in package["sources"])
    assert package["version"] == str(stored_version())
    assert package["count"] == 2
    assert datetime.fromisoformat(package["created"])
    paths = [resource["path"] for resource in package["resources"]]
    assert paths[:2] == ["cas.csv", "cas.json"]
    assert {"chiffres.csv", "valeurs-indicateurs.csv", "organisations.csv", "domaines.csv"} <= set(paths)
    names = [resource["name"] for resource in package["resources"]]
    assert len(set(names)) == len(names) and all(NAME_PATTERN.match(name) for name in names)
    for resource in package["resources"]:
        content = _content(client.get(f"/donnees/{resource['path']}"))
        assert resource["profile"] == ("tabular-data-resource" if resource["format"] == "csv" else "data-resource")
        assert resource["format"] in {"csv", "json"}
        assert resource["mediatype"] in {"text/csv", "application/json"}
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        fields = resource["schema"]["fields"]
        assert all(field["type"] in TABLE_SCHEMA_TYPES and field["description"] for field in fields)
    [cases_csv, cases_json] = package["resources"][:2]
    for resource in (cases_csv, cases_json):
        assert [field["name"] for field in resource["schema"]["fields"]] == list(CASE_COLUMNS)
        assert resource["schema"]["primaryKey"] == ["slug"]


def test_the_downloads_carry_their_type_name_and_validators(client, started):
    CaseFactory()
    opendata.build()

    for path, content_type, disposition in [
        ("cas.csv", "text/csv; charset=utf-8", 'attachment; filename="observatoire-cas.csv"'),
        ("cas.json", "application/json", 'attachment; filename="observatoire-cas.json"'),
        ("datapackage.json", "application/json", 'inline; filename="datapackage.json"'),
    ]:
        response = client.get(f"/donnees/{path}")
        content = _content(response)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == disposition
        assert response["Content-Length"] == str(len(content))
        assert response["Cache-Control"].startswith("public")
        assert response["Last-Modified"]
        assert response["X-Content-Version"] == str(stored_version())
        again = client.get(f"/donnees/{path}", headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304
        assert again["ETag"] == response["ETag"]


def test_the_etag_of_a_file_is_its_content_hash(client, started):
    CaseFactory()
    package = opendata.build()
    csv_resource = package["resources"][0]

    assert client.get("/donnees/cas.csv")["ETag"] == f'"{csv_resource["hash"].removeprefix("sha256:")}"'


def test_an_unknown_file_is_a_404(client, started):
    assert client.get("/donnees/secret.txt").status_code == 404
    assert client.get("/donnees/../settings.py").status_code == 404


def test_before_the_first_build_a_download_is_a_503_that_starts_one(client, started):
    CaseFactory()

    response = client.get("/donnees/cas.csv")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "en préparation" in response.content.decode()
    assert started == [stored_version()]
    opendata.build()
    assert len(_csv(client.get("/donnees/cas.csv"))) == 1


def test_a_build_already_running_somewhere_is_not_started_twice(client, started):
    cache.add(opendata.LOCK_KEY, stored_version())

    assert client.get("/donnees/cas.csv").status_code == 503
    assert client.get("/donnees/").status_code == 200
    assert started == []


def test_an_up_to_date_dump_starts_no_build(client, started):
    CaseFactory()
    opendata.build()

    client.get("/donnees/cas.csv")
    client.get("/donnees/")

    assert started == []


@pytest.mark.django_db(transaction=True)
def test_an_edit_that_commits_gets_a_new_dump_and_the_previous_one_is_served_meanwhile(client, started):
    case = CaseFactory(title="Alliance fictive des ateliers vélo")
    first = opendata.build()

    case.title = "Alliance fictive des ateliers couture"
    case.save()  # commits: the content version moves on
    meanwhile = client.get("/donnees/cas.csv")
    assert [row["title"] for row in _csv(meanwhile)] == ["Alliance fictive des ateliers vélo"]
    assert started == [stored_version()] != [int(first["version"])]

    opendata.build(started[0])
    after = client.get("/donnees/cas.csv")
    assert [row["title"] for row in _csv(after)] == ["Alliance fictive des ateliers couture"]
    assert after["X-Content-Version"] == str(started[0])
    assert after["ETag"] != meanwhile["ETag"]


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_case_hidden_by_an_update_that_sends_no_signal_leaves_the_next_dump(client, started):
    """`QuerySet.update()` sends no signal: the version the database keeps moves on, and with it the dump's."""
    CaseFactory(slug="restee-fictive")
    hidden = CaseFactory(slug="cachee-fictive")
    first = opendata.build()

    Case.objects.filter(pk=hidden.pk).update(status=Case.Status.DRAFT)
    client.get("/donnees/cas.csv")
    assert started == [stored_version()] != [int(first["version"])]

    opendata.build(started[0])
    assert {row["slug"] for row in _csv(client.get("/donnees/cas.csv"))} == {"restee-fictive"}


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_study_or_a_resource_withdrawn_by_an_update_that_sends_no_signal_leaves_the_next_dump(client, started):
    """Every content table moves the content's version on (foundation.versions), not only the cases'."""
    study = make_study("etude-retiree-fictive")
    make_study("etude-restee-fictive")
    resource = Resource.objects.create(
        slug="ressource-retiree-fictive", title="Ressource fictive", kind="kit", status=Resource.Status.PUBLISHED
    )
    first = opendata.build()
    assert {row["slug"] for row in _csv(client.get("/donnees/etudes.csv"))} == {
        "etude-retiree-fictive",
        "etude-restee-fictive",
    }

    Study.objects.filter(pk=study.pk).update(is_published=False)
    Resource.objects.filter(pk=resource.pk).update(status=Resource.Status.DRAFT)
    client.get("/donnees/etudes.csv")
    assert started == [stored_version()] != [int(first["version"])]

    opendata.build(started[0])
    assert {row["slug"] for row in _csv(client.get("/donnees/etudes.csv"))} == {"etude-restee-fictive"}
    assert _csv(client.get("/donnees/ressources.csv")) == []


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_an_older_dump_holding_a_case_withdrawn_since_is_not_served_while_the_next_one_builds(client, started):
    CaseFactory(slug="restee-fictive")
    withdrawn = CaseFactory(slug="retiree-fictive")
    opendata.build()
    assert client.get("/donnees/cas.csv").status_code == 200

    withdrawn.status = Case.Status.DRAFT
    withdrawn.save()

    for name in ("cas.csv", "etudes.csv", "datapackage.json"):
        response = client.get(f"/donnees/{name}")
        assert (response.status_code, response.headers["Retry-After"]) == (503, "60"), name
        assert "retiree-fictive" not in response.content.decode()
    status = find(client.get("/donnees/").content, "p", role="status")
    assert status.text.startswith("Un nouvel export est en préparation : la base a changé depuis le précédent")
    assert started == [stored_version()]

    opendata.build(started[0])
    assert {row["slug"] for row in _csv(client.get("/donnees/cas.csv"))} == {"restee-fictive"}


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_an_older_dump_holding_nothing_withdrawn_since_is_served_while_the_next_one_builds(client, started):
    edited = CaseFactory(slug="modifiee-fictive", title="Ancien titre fictif")
    first = opendata.build()

    Case.objects.filter(pk=edited.pk).update(title="Nouveau titre fictif")
    CaseFactory(slug="nouvelle-fictive")

    response = client.get("/donnees/cas.csv")
    assert response.status_code == 200
    assert response.headers["X-Content-Version"] == first["version"] != str(stored_version())
    assert [(row["slug"], row["title"]) for row in _csv(response)] == [("modifiee-fictive", "Ancien titre fictif")]
    assert started == [stored_version()]


@pytest.mark.django_db(transaction=True)
def test_an_older_dump_holding_an_organisation_deleted_since_is_not_served(client, started):
    case = CaseFactory(slug="avec-organisation-fictive")
    organisation = OrganizationFactory(name="Organisation fictive supprimée")
    ParticipationFactory(case=case, organization=organisation)
    opendata.build()

    Participation.objects.filter(organization=organisation).delete()  # a takedown: the organisation goes
    organisation.delete()

    assert client.get("/donnees/organisations.csv").status_code == 503


def test_the_withdrawable_ids_kept_beside_a_dump_are_never_served(client):
    CaseFactory()
    opendata.build()
    assert client.get(f"/donnees/{opendata.KEYS_NAME}").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_background_build_makes_the_current_version_available():
    CaseFactory(slug="en-tache-de-fond-fictive")

    thread = opendata.refresh(None)
    thread.join(timeout=60)

    package = opendata.latest()
    assert package["version"] == str(stored_version())
    assert package["count"] == 1
    assert cache.get(opendata.LOCK_KEY) is None
    assert opendata.refresh(package) is None


def test_only_the_two_newest_dumps_are_kept(storage):
    CaseFactory()
    for version in (101, 102, 103):
        opendata.build(version)

    folders = sorted({str(path.parent.relative_to(storage)) for path in storage.rglob("*") if path.is_file()})
    assert folders == ["opendata/102", "opendata/103"]
    assert (storage / "opendata/103/datapackage.json").exists() and (storage / "opendata/102/cas.csv").exists()
    assert opendata.latest()["version"] == "103"


def test_the_newest_dump_is_found_in_storage_when_the_cache_forgot_it(storage):
    CaseFactory()
    opendata.build(7)
    cache.clear()

    assert opendata.latest()["version"] == "7"


def test_the_command_builds_the_current_version_once():
    CaseFactory()
    out = io.StringIO()

    call_command("build_opendata", stdout=out)
    call_command("build_opendata", stdout=out)

    built, kept = out.getvalue().splitlines()
    assert built.startswith(f"Built the dump of version {stored_version()}: 1 published cases")
    assert kept == f"The dump of version {stored_version()} is already built (1 cases)."


def test_the_page_lists_the_files_with_their_sizes_licence_date_and_version(client, started):
    CaseFactory()
    package = opendata.build()

    page = client.get("/donnees/").content.decode()

    assert 'href="/donnees/cas.csv"' in page and 'href="/donnees/cas.json"' in page
    assert 'href="/donnees/datapackage.json"' in page
    assert f"version {package['version']}" in page
    assert "1 étude de cas" in page
    assert "à préciser" in page
    assert "<code>published_at</code>" in page
    assert '<main id="contenu"' in page and " style=" not in page and "<script" not in page
    with translation.override("fr"):
        assert all(filesizeformat(resource["bytes"]) in page for resource in package["resources"])


def test_the_page_groups_the_thousands_of_its_counts(client, started, monkeypatch):
    """A base of a few thousand cases: « 12 345 études de cas », and each file's rows, as French writes them."""
    CaseFactory()
    package = opendata.build()
    package["count"] = 12345
    package["resources"] = [{**resource, "count": 12345} for resource in package["resources"]]
    monkeypatch.setattr(opendata, "latest", lambda: package)

    page = client.get("/donnees/").content

    assert " : 12\xa0345 études de cas (version " in find(page, "main").text_as_written
    assert {cell.text_as_written for cell in find(page, "table").find_all("td", class_="num")[::2]} == {"12\xa0345"}


def test_the_page_says_the_first_dump_is_on_its_way_and_is_not_cached(client, started):
    response = client.get("/donnees/")

    assert response.status_code == 200
    assert "en préparation" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_about_page_and_the_api_root_point_to_the_dump(client):
    assert 'href="/donnees/"' in client.get("/a-propos/").content.decode()
    assert client.get("/api/v1/").json()["opendata"] == "http://testserver/donnees/datapackage.json"


def test_the_page_states_the_licence_set_for_the_observatory_s_own_content(client, started, settings):
    settings.CONTENT_LICENCE_NAME = "Licence fictive de démonstration"
    settings.CONTENT_LICENCE_URL = "https://example.org/licence-fictive"
    CaseFactory()
    opendata.build()

    page = client.get("/donnees/").content.decode()
    note = re.search(r'<p class="licence-note">(.*?)</p>', page, re.S)[1]

    assert note.startswith(
        "Études de cas, chiffres des enquêtes et vocabulaires : sous Licence fictive de démonstration"
    )
    assert "Indicateurs officiels et codes des territoires : Licence Ouverte / Etalab 2.0" in note
    assert '<a href="https://example.org/licence-fictive">Licence fictive de démonstration</a>' in note
    assert "à préciser" not in page


def test_a_build_reads_each_table_in_one_query_whatever_its_size(django_assert_num_queries):
    """One query per table, the cases' export by chunks of twelve queries, five for the coverage, five for
    the ids of what may be withdrawn, and the savepoint of the build's transaction (inside the test's)."""
    CaseFactory(slug="seul-cas-fictif")
    with django_assert_num_queries(50):
        small = opendata.build(1)
    for n in range(30):
        ParticipationFactory(case=CaseFactory(slug=f"cas-fictif-{n}"), organization=OrganizationFactory())
    with django_assert_num_queries(50):
        large = opendata.build(2)

    counts = {resource["name"]: resource["count"] for resource in large["resources"]}
    assert small["count"] == 1 and large["count"] == counts["cas"] == 31
    assert counts["participations"] == counts["organisations"] == 30
    with default_storage.open(f"opendata/2/{opendata.KEYS_NAME}") as handle:
        kept = json.load(handle)
    assert (len(kept["cas"]), len(kept["organisations"])) == (31, 30)
