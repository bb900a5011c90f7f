"""Bulk loading of fictitious cases, for the demo (`manage.py load_demo --synthetic N`) and the benchmark's
corpora: tooling kept out of the `cases` app, whose services hold the domain writes only."""

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from bench import synthetic
from cases.models import Case, CaseImpact, Organization, Participation
from cases.search import defer_search_rows, rebuild
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
)
from foundation.reference.text import render_markdown


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
    """Fresh statistics and no JIT before the reindex of a large load: with the statistics of the nearly
    empty tables, PostgreSQL plans the reindex's joins as if they were small (`SET LOCAL` ends with the
    transaction)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models))
        cursor.execute("SET LOCAL jit = off")


def _rendered(batches: Iterator[list[dict]]) -> Iterator[tuple[list[dict], list[str]]]:
    """Each batch with its bodies rendered to HTML; past the first batch, Markdown is rendered in other
    processes, one batch ahead, while this one inserts (a load of one batch starts no process)."""
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
    by the database in one statement per batch (cases.search.rebuild).
    """
    defer_search_rows()  # the search rows of the new cases are written once, by rebuild() below
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
