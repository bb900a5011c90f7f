"""The open-data package holds every body of knowledge: built from the demo data (the source's cases, survey
figures and the official indicators) beside drafts, an unpublished study, a curator's comment and a
proposer's contact, it validates with `frictionless`, each table holds the database's public rows, and
nothing internal is in any file."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from frictionless import Package, system

from cases.collection import Collection, CollectionEntry
from cases.models import Case, Organization, Participation
from desk.models import CaseComment
from foundation.reference.models import CollectiveDynamic, Department, Domain, Region
from foundation.reference.services import reference_load
from indicators.models import Indicator, IndicatorValue
from observatoire import opendata
from observatoire.opendata.tables import TABLES
from proposals.models import Proposal
from resources.models import Resource
from surveys.models import Answer, Figure, Programme, Question, Row, Segment, Study
from tests.factories import CaseFactory, OrganizationFactory, ParticipationFactory
from tests.surveys.conftest import make_grid, make_study

pytestmark = pytest.mark.django_db

COMMENT = "Commentaire interne fictif : rappeler la mairie"
EMAIL = "proposant.fictif@example.org"
PROPOSER = "Proposant Fictif Zèbre"


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, what must stay out, and the package built from them once for the module's tests (its
    rows are rolled back at the end)."""
    folder = tmp_path_factory.mktemp("opendata")
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MEDIA_ROOT=folder):
        reference_load()
        call_command("load_demo", stdout=io.StringIO())
        draft = CaseFactory(slug="brouillon-fictif", status=Case.Status.DRAFT, published_at=None)
        ParticipationFactory(case=draft, organization=OrganizationFactory(name="Organisation fictive du brouillon"))
        published = CaseFactory(slug="publiee-fictive-proposee")
        CaseComment.objects.create(case=published, text=COMMENT)
        Proposal.objects.create(case=published, name=PROPOSER, email=EMAIL, state=Proposal.State.ACCEPTED)
        hidden = make_study("etude-interne-fictive", published=False)
        hidden_question = make_grid(hidden, slug="grille-interne")
        Resource.objects.create(slug="ressource-brouillon-fictive", title="Brouillon", kind="kit", status="draft")
        shown = make_study("etude-publique-fictive")
        make_grid(shown, slug="grille-publique")
        Question.objects.filter(study=shown).update(previous_wave=hidden_question)
        cache.clear()
        package = opendata.build()
        yield package, folder / "opendata" / package["version"], hidden
        transaction.set_rollback(True)
    cache.clear()


def _rows(folder: Path, name: str) -> list[dict]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_built_package_validates_with_frictionless(built):
    package, folder, _hidden = built

    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()

    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:20]
    assert {task.name for task in report.tasks} == {resource["name"] for resource in package["resources"]}


def test_every_table_holds_the_published_rows_of_the_database(built):
    _package, folder, _hidden = built
    published_cases = Case.objects.published()
    expected = {
        "cas": published_cases.count(),
        "organisations": Organization.objects.filter(participations__case__in=published_cases).distinct().count(),
        "participations": Participation.objects.filter(case__in=published_cases).count(),
        "etudes": Study.objects.filter(is_published=True).count(),
        "questions": Question.objects.filter(study__is_published=True).count(),
        "lignes": Row.objects.filter(question__study__is_published=True).count(),
        "reponses": Answer.objects.filter(question__study__is_published=True).count(),
        "totaux": Answer.parts.through.objects.filter(from_answer__question__study__is_published=True).count(),
        "segments": Segment.objects.filter(study__is_published=True).count(),
        "segments-regions": Segment.regions.through.objects.filter(segment__study__is_published=True).count(),
        "chiffres": Figure.objects.filter(question__study__is_published=True).count(),
        "indicateurs": Indicator.objects.count(),
        "indicateurs-domaines": Indicator.domains.through.objects.count(),
        "valeurs-indicateurs": IndicatorValue.objects.count(),
        "domaines": 16,
        "pratiques-partenariales": 4,
        "pratiques-engagement": 4,
        "dynamiques-collectives": CollectiveDynamic.objects.count(),
        "regions": Region.objects.count(),
        "departements": Department.objects.count(),
        "programmes": Programme.objects.count(),
        "ressources": Resource.objects.published().count(),
        "collections": Collection.objects.published().count(),
        "collections-cas": CollectionEntry.objects.filter(
            collection__is_published=True, case__status=Case.Status.PUBLISHED
        ).count(),
        "impacts": 6,
        "odd": 17,
    }

    counts = {table.name: len(_rows(folder, table.file_name)) for table in TABLES}

    assert counts == expected
    assert expected["chiffres"] > 100 and expected["valeurs-indicateurs"] > 1000 and expected["cas"] > 1
    assert expected["programmes"] == 3 and expected["ressources"] > 10
    assert expected["collections"] == 2 and expected["collections-cas"] >= 21
    assert len(json.loads((folder / "cas.json").read_text())) == expected["cas"]


def test_drafts_unpublished_studies_comments_and_contacts_are_in_no_file(built):
    _package, folder, hidden = built
    everything = "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()))
    hidden_ids = {str(pk) for pk in Figure.objects.filter(question__study=hidden).values_list("pk", flat=True)}

    secrets = ("brouillon-fictif", "Organisation fictive du brouillon", hidden.slug, COMMENT, EMAIL, PROPOSER)
    for secret in (*secrets, "ressource-brouillon-fictive"):
        assert secret not in everything
    assert not hidden_ids & {row["id"] for row in _rows(folder, "chiffres.csv")}
    assert {row["study"] for row in _rows(folder, "segments.csv")}.isdisjoint({hidden.slug})
    # A published question whose previous wave is in a study still internal does not name it.
    [shown] = [row for row in _rows(folder, "questions.csv") if row["study"] == "etude-publique-fictive"]
    assert shown["previous_wave"] == ""


def test_a_figure_keeps_its_provenance_unit_and_base_and_a_lost_value_stays_empty(built):
    _package, folder, _hidden = built
    figures = _rows(folder, "chiffres.csv")
    missing = Figure.objects.filter(provenance="missing", question__study__is_published=True).first()

    [lost] = [row for row in figures if row["id"] == str(missing.pk)]
    assert lost["value"] == "" and lost["provenance"] == "missing"
    assert {row["provenance"] for row in figures} == {"read", "derived", "missing"}
    assert {row["unit"] for row in figures} <= {"percent", "mean"}
    read = Figure.objects.filter(provenance="read", question__study__is_published=True, value=45).first()
    assert next(row for row in figures if row["id"] == str(read.pk))["value"] == "45"


def test_the_schemas_type_every_column_and_link_the_tables(built):
    package, _folder, _hidden = built
    schemas = {resource["name"]: resource["schema"] for resource in package["resources"]}

    figures = schemas["chiffres"]
    assert {key["fields"][0]: key["reference"]["resource"] for key in figures["foreignKeys"]} == {
        "question": "questions",
        "row": "lignes",
        "answer": "reponses",
        "segment": "segments",
    }
    value = next(field for field in figures["fields"] if field["name"] == "value")
    assert value["type"] == "number" and "moyenne sur 10" in value["unit"]
    assert schemas["valeurs-indicateurs"]["primaryKey"] == ["id"]
    assert schemas["departements"]["foreignKeys"] == [
        {"fields": ["region"], "reference": {"resource": "regions", "fields": ["code"]}}
    ]
    assert Domain.objects.count() == 16


def test_the_indicators_keep_their_producers_licence(built):
    package, _folder, _hidden = built
    licences = {resource["name"]: resource.get("licenses") for resource in package["resources"]}

    assert licences["valeurs-indicateurs"] == [
        {"title": "Licence Ouverte / Etalab 2.0", "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
    ]
    assert licences["regions"] == licences["valeurs-indicateurs"]
    assert licences["chiffres"] is None  # the observatory states no licence of its own by default
