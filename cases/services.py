"""Writes that span several models: saving a case with its relations (the admin and the API) and loading
the source's cases."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseImpact, Collection, CollectionEntry, Link, Organization, Participation
from cases.search import reindex_deferred
from foundation.reference.models import CollectiveDynamic, Department, Domain

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


def case_version_record(case: Case, *, reason: str = "", created: bool = False) -> None:
    """Record the one version of a change whose saves recorded none (the case carried
    `skip_history_when_saving` while it, its relations and its files were written): the case as it now is,
    with its relations, `reason` and the request's user; `created` makes it the case's creation."""
    del case.skip_history_when_saving
    case._change_reason = reason or None
    try:
        case.save(update_fields=["updated_at"])
    finally:
        del case._change_reason
    if created:  # a save records a change ("~")
        case.history.filter(pk=case.history.latest().pk).update(history_type="+")


@transaction.atomic
@reindex_deferred()
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
    """Save a case and whichever of its relations are given, as one change and one version of its history.

    `relations` maps many-to-many fields to their new values (a list replaces the current one);
    `participations`, `links` and `impacts` (observed impacts), when given, replace the current ones;
    `status` moves the case along the workflow (a ValidationError says why it may not). The regions of its
    departments are added, and its search row is written once, at the end.
    """
    created = case.pk is None
    case.skip_history_when_saving = True  # the whole change is one version of the case, recorded at the end
    try:
        for name, value in (fields or {}).items():
            setattr(case, name, value)
        if status is not None and status != case.status:
            case.move_to(status, user=user)  # saves
        else:
            case.save()
        for name, values in (relations or {}).items():
            getattr(case, name).set(values)
        # One by one rather than in bulk: each participation, link and impact keeps its own history.
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
    except BaseException:
        del case.skip_history_when_saving
        raise
    case_version_record(case, created=created)
    return case


def case_relations_saved(case: Case) -> None:
    """After a form or a serializer has written a case's relations: the regions of its departments."""
    regions_follow_departments(case)


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
            organization, _created = Organization.objects.get_or_create(
                name=org["name"], defaults={"kind": org["kind"]}
            )
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
