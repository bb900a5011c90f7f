"""Writes that span several models: saving a case with its relations (the admin and the API) and loading
the source's cases."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.models import Case, Link, Organization, Participation
from cases.search import reindex_deferred, schedule_reindex
from observatoire.reference.models import CollectiveDynamic, Department, Domain

DEMO_CASES = Path(settings.BASE_DIR) / "fixtures" / "demo" / "cases.json"
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
    status: str | None = None,
) -> Case:
    """Save a case and whichever of its relations are given, as one change.

    `relations` maps many-to-many fields to their new values (a list replaces the current one);
    `participations` and `links`, when given, replace the current ones; `status` moves the case along
    the workflow (a ValidationError says why it may not). The regions of its departments are added, and
    the case is reindexed once, when the transaction commits.
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
        dynamic = dynamics[row["dynamic"]]
        facts = [f"dynamique collective « {dynamic.name} »"]
        if row["printed_theme"]:
            facts.append(f"thème « {row['printed_theme']} »")
        if row["department"]:
            facts.append(f"département {row['department']}")
        summary = (
            "Initiative citée en 2020 par l'Observatoire des partenariats comme exemple de la dynamique "
            f"collective « {dynamic.name} » dans la base IMPACT-Pratiques innovantes."
        )
        body = (
            "## Ce que dit la source\n\n"
            f"La source cite cette initiative avec : {', '.join(facts)}.\n\n"
            "Elle n'en dit pas davantage : les organisations, les dates, les résultats et le détail de l'alliance "
            "ne sont pas renseignés ici."
        )
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
        case.dynamics.set([dynamic])
        case.domains.set(Domain.objects.filter(slug__in=row["domains"]))
        if row["department"]:
            case.departments.set([row["department"]])
        for org in row["organizations"]:
            organization, _ = Organization.objects.get_or_create(name=org["name"], defaults={"kind": org["kind"]})
            Participation.objects.get_or_create(case=case, organization=organization, role=org["role"])
    return len(data["cases"])
