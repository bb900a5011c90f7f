"""Writes that span several models: saving a case with its relations (the admin and the API), loading the
source's cases and bulk-loading fictitious ones."""

import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cases import synthetic
from cases.models import Case, CaseImpact, Collection, CollectionEntry, Link, Organization, Participation
from cases.search import rebuild, reindex_deferred, schedule_reindex
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
)
from observatoire.reference.text import render_markdown

DEMO_CASES = Path(settings.BASE_DIR) / "fixtures" / "demo" / "cases.json"
DEMO_COLLECTIONS = Path(settings.BASE_DIR) / "fixtures" / "demo" / "collections.json"
SOURCE_LINE = (
    "Observatoire des partenariats, « L'observatoire des partenariats — un outil collectif de données » (2020), "
    "d'après la note pour la mission ministérielle sur les alliances stratégiques (mai 2020)."
)


def regions_follow_departments(case: Case, department_codes=None) -> None:
    """The rule: a case located in a department is found under its region (all its departments' regions,
    or those of `department_codes` when given)."""
    departments = Department.objects.filter(pk__in=department_codes) if department_codes else case.departments
    regions = set(departments.values_list("region_id", flat=True))
    missing = regions - set(case.regions.values_list("pk", flat=True))
    if missing:
        case.regions.add(*missing)


@transaction.atomic
def case_save(
    case: Case,
    *,
    user,
    fields: dict | None = None,
    relations: dict | None = None,
    participations: list[dict] | None = None,
    links: list[dict] | None = None,
    impacts: list[dict] | None = None,
    status: str | None = None,
) -> Case:
    """Save a case and whichever of its relations are given, as one change.

    `relations` maps many-to-many fields to their new values (a list replaces the current one);
    `participations`, `links` and `impacts` (observed impacts), when given, replace the current ones;
    `status` moves the case along the workflow (a ValidationError says why it may not). The regions of its
    departments are added, and the case is reindexed once, when the transaction commits.
    """
    for name, value in (fields or {}).items():
        setattr(case, name, value)
    if status is not None and status != case.status:
        case.move_to(status, user=user)  # saves
    else:
        case.save()
    for name, values in (relations or {}).items():
        getattr(case, name).set(values)
    # One by one rather than in bulk: each change is recorded in the history.
    if participations is not None:
        case.participations.all().delete()
        for item in participations:
            Participation.objects.create(case=case, **item)
    if links is not None:
        case.links.all().delete()
        for position, item in enumerate(links, start=1):
            Link.objects.create(case=case, position=position, **item)
    if impacts is not None:
        case.observed_impacts.all().delete()
        for item in impacts:
            CaseImpact.objects.create(case=case, **item)
    case_relations_saved(case)
    return case


def case_relations_saved(case: Case) -> None:
    """After a form or a serializer has written a case's relations: the regions of its departments, and
    its reindex when the transaction commits."""
    regions_follow_departments(case)
    schedule_reindex([case.pk])


@transaction.atomic
def demo_cases_load() -> int:
    """Create or update the cases the source names, with exactly the facts it gives; returns how many."""
    with reindex_deferred():
        return _demo_cases_load()


def _demo_cases_load() -> int:
    data = json.loads(DEMO_CASES.read_text(encoding="utf-8"))
    dynamics = {dynamic.slug: dynamic for dynamic in CollectiveDynamic.objects.all()}
    for row in data["cases"]:
        summary, body = _demo_texts(row, dynamics.get(row["dynamic"]))
        case, _created = Case.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "title": row["title"],
                "summary": summary,
                "body": body,
                "source": SOURCE_LINE,
                "is_fictitious": False,
                "status": Case.Status.PUBLISHED,
            },
        )
        if case.published_at is None:
            case.published_at = timezone.now()
            case.save(update_fields=["published_at"])
        case.dynamics.set([dynamics[row["dynamic"]]] if row["dynamic"] else [])
        case.domains.set(Domain.objects.filter(slug__in=row["domains"]))
        if row["department"]:
            case.departments.set([row["department"]])
        for org in row["organizations"]:
            organization, _ = Organization.objects.get_or_create(name=org["name"], defaults={"kind": org["kind"]})
            Participation.objects.get_or_create(case=case, organization=organization, role=org["role"])
    _demo_collections_load()
    return len(data["cases"])


def _demo_texts(row: dict, dynamic: CollectiveDynamic | None) -> tuple[str, str]:
    """A source case's summary and body, saying only what the source prints of it: where it is cited
    (a collective dynamic, or the territory whose complementarities the page shows), theme, department."""
    facts = [f"dynamique collective « {dynamic.name} »"] if dynamic else []
    if row["printed_theme"]:
        facts.append(f"thème « {row['printed_theme']} »")
    if row["department"]:
        facts.append(f"département {row['department']}")
    if dynamic:
        summary = (
            "Initiative citée en 2020 par l'Observatoire des partenariats comme exemple de la dynamique "
            f"collective « {dynamic.name} » dans la base IMPACT-Pratiques innovantes."
        )
    else:
        summary = f"Initiative citée en 2020 par l'Observatoire des partenariats : « {row['printed_context']} »."
    body = (
        "## Ce que dit la source\n\n"
        f"La source cite cette initiative avec : {', '.join(facts)}.\n\n"
        "Elle n'en dit pas davantage : les organisations, les dates, les résultats et le détail de l'alliance "
        "ne sont pas renseignés ici."
    )
    return summary, body


def _demo_collections_load() -> None:
    """The sets of cases the source prints (p. 20), published, their cases in the printed order."""
    data = json.loads(DEMO_COLLECTIONS.read_text(encoding="utf-8"))
    for row in data["collections"]:
        collection, _created = Collection.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "title": row["title"],
                "description": row["description"],
                "source": row["source"],
                "department_id": row["department"],
                "region_id": Department.objects.get(pk=row["department"]).region_id if row["department"] else None,
                "is_published": True,
            },
        )
        cases = dict(Case.objects.filter(slug__in=row["cases"]).values_list("slug", "pk"))
        collection.entries.all().delete()
        CollectionEntry.objects.bulk_create(
            CollectionEntry(collection=collection, case_id=cases[slug], position=position)
            for position, slug in enumerate(row["cases"], start=1)
        )


def synthetic_rows(count: int, *, seed: int = 0) -> Iterator[dict]:
    """Fictitious cases from the generator, over the vocabularies and territories in the database."""
    vocabularies = {
        "domains": list(Domain.objects.values_list("slug", flat=True)),
        "partnerships": list(PartnershipType.objects.values_list("slug", flat=True)),
        "engagements": list(EngagementPractice.objects.values_list("slug", flat=True)),
        "dynamics": list(CollectiveDynamic.objects.values_list("slug", flat=True)),
    }
    departments = list(Department.objects.values_list("code", "region_id"))
    rows = synthetic.generate(count, seed=seed, vocabularies=vocabularies, departments=departments)
    return (_with_fictitious_impacts(row) for row in rows)


def _with_fictitious_impacts(row: dict) -> dict:
    row["impacts"], row["sdgs"] = synthetic.fictitious_impacts(row["slug"])
    return row


def _prepare_reindex(models: list) -> None:
    """Let PostgreSQL plan the reindex of a large load well: fresh statistics, no JIT.

    With the statistics of the nearly empty tables it had before the load, the planner joins the
    organisations by a sequential scan for each case, and the reindex grows quadratically (20 of the 59 s
    a 10,000-case load took). JIT compilation, triggered by the statement's high estimated cost, then
    doubles the time of its per-case subqueries; `SET LOCAL` ends with the transaction.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models))
        cursor.execute("SET LOCAL jit = off")


def _rendered(batches: Iterator[list[dict]]) -> Iterator[tuple[list[dict], list[str]]]:
    """Each batch with its bodies rendered to HTML.

    Markdown rendering is pure Python and about a fifth of a large load's time: past the first batch it
    runs in another process, one batch ahead, while this one generates rows and inserts. A load of a
    single batch (the demo, the tests) starts no process.
    """
    first = next(batches, None)
    if first is None:
        return
    yield first, [render_markdown(row["body"]) for row in first]
    workers = max(1, (os.cpu_count() or 2) - 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = None
        for batch in batches:
            rendering = pool.map(render_markdown, [row["body"] for row in batch], chunksize=100)
            if pending is not None:
                yield pending[0], list(pending[1])
            pending = (batch, rendering)
        if pending is not None:
            yield pending[0], list(pending[1])


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


@transaction.atomic
def cases_bulk_create(*, rows: Iterable[dict], fictitious: bool = True, batch_size: int = 2000) -> int:
    """Insert many published cases at once (benchmark corpora, demo data); returns how many.

    Rows have the fields of the benchmark's JSON-lines format (see bench/README.md). Bulk inserts skip
    `save()` and the signals, so the search data is rebuilt once at the end: the rows of the new cases,
    then every posting (cases.search.rebuild).
    """
    ids = {
        "domains": dict(Domain.objects.values_list("slug", "pk")),
        "partnerships": dict(PartnershipType.objects.values_list("slug", "pk")),
        "engagements": dict(EngagementPractice.objects.values_list("slug", "pk")),
        "dynamics": dict(CollectiveDynamic.objects.values_list("slug", "pk")),
    }
    through = {
        "domains": (Case.domains.through, "domain_id"),
        "partnerships": (Case.partnership_types.through, "partnershiptype_id"),
        "engagements": (Case.engagement_practices.through, "engagementpractice_id"),
        "dynamics": (Case.dynamics.through, "collectivedynamic_id"),
        "regions": (Case.regions.through, "region_id"),
        "departments": (Case.departments.through, "department_id"),
        "sdgs": (Case.sdgs.through, "sustainabledevelopmentgoal_id"),
    }
    impact_ids = dict(Impact.objects.values_list("slug", "pk"))
    organizations = dict(Organization.objects.values_list("name", "pk"))
    organization_slugs = set(Organization.objects.values_list("slug", flat=True))
    now = timezone.now()
    created_ids: list[int] = []
    for batch, bodies_html in _rendered(_batches(rows, batch_size)):
        cases = [
            Case(
                title=row["title"],
                slug=row["slug"],
                summary=row["summary"],
                body=row["body"],
                body_html=body_html,
                outcomes=row.get("outcomes", ""),
                start_year=row.get("year"),
                end_year=row.get("end_year"),
                scale=row.get("scale", ""),
                place=row.get("place", ""),
                status=Case.Status.PUBLISHED,
                published_at=now - timezone.timedelta(minutes=index),
                is_fictitious=fictitious,
                source="Cas fictif généré pour la démonstration." if fictitious else "",
            )
            for index, (row, body_html) in enumerate(zip(batch, bodies_html, strict=True), start=len(created_ids))
        ]
        Case.objects.bulk_create(cases, batch_size=batch_size)
        links: dict[str, list] = {key: [] for key in through}
        participations = []
        new_orgs = []
        observed = []
        for case, row in zip(cases, batch, strict=True):
            created_ids.append(case.pk)
            links["sdgs"] += [(case.pk, number) for number in row.get("sdgs", [])]
            observed += [
                CaseImpact(
                    case_id=case.pk,
                    impact_id=impact_ids[item["impact"]],
                    evidence=item["evidence"],
                    formal_evaluation=item.get("formal_evaluation", False),
                )
                for item in row.get("impacts", [])
            ]
            for key in ("domains", "partnerships", "engagements"):
                links[key] += [(case.pk, ids[key][slug]) for slug in row.get(key, [])]
            if row.get("dynamic"):
                links["dynamics"].append((case.pk, ids["dynamics"][row["dynamic"]]))
            if row.get("region"):
                links["regions"].append((case.pk, row["region"]))
            if row.get("department"):
                links["departments"].append((case.pk, row["department"]))
            for org in row.get("organizations", []):
                if org["name"] not in organizations:
                    organizations[org["name"]] = None
                    slug = Organization.slug_for(org["name"], organization_slugs)
                    new_orgs.append(
                        Organization(name=org["name"], slug=slug, kind=org["kind"], is_fictitious=fictitious)
                    )
        Organization.objects.bulk_create(new_orgs, batch_size=batch_size)
        organizations.update({org.name: org.pk for org in new_orgs})
        for case, row in zip(cases, batch, strict=True):
            seen = set()
            for org in row.get("organizations", []):
                key = (organizations[org["name"]], org["role"])
                if key not in seen:
                    seen.add(key)
                    participations.append(Participation(case_id=case.pk, organization_id=key[0], role=key[1]))
        Participation.objects.bulk_create(participations, batch_size=batch_size)
        CaseImpact.objects.bulk_create(observed, batch_size=batch_size)
        for key, (model, column) in through.items():
            model.objects.bulk_create(
                [model(case_id=case_id, **{column: value}) for case_id, value in links[key]],
                batch_size=batch_size,
                ignore_conflicts=True,
            )
    _prepare_reindex([Case, Organization, Participation, CaseImpact, *(model for model, _column in through.values())])
    rebuild(created_ids)
    return len(created_ids)
