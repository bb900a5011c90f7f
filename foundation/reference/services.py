"""Loading the shared vocabularies and territories, and the curators' role."""

import json
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation

from foundation.reference.english import english_apply
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
    Zone,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CURATORS_GROUP = "Curateurs"

# Models whose add/change/delete/view permissions make a curator, by app label. Curators manage the
# content; the vocabularies and territories stay with the administrators, curators only read them (the
# admin's autocomplete needs that).
CURATED_MODELS: dict[str, list[str]] = {
    "cases": [
        "case",
        "organization",
        "participation",
        "link",
        "caseimage",
        "casedocument",
        "caseimpact",
        "collection",
        "collectionentry",
    ],
    "surveys": ["programme", "phase", "volet", "study", "question", "row", "answer", "segment", "figure"],
    "indicators": ["indicator", "indicatorvalue"],
    "resources": ["resource", "audience"],
}
# Proposals from the field: curators examine and decide them (view, change); they come only from the public
# form, and a proposer's personal data are exported or erased by administrators (manage_contact_data).
# The editorial desk's internal comments on a case: curators read them and write new ones; a comment, once
# written, is not edited.
CURATED_PERMISSIONS: dict[str, list[str]] = {
    "proposals": ["view_proposal", "change_proposal"],
    "desk": ["view_casecomment", "add_casecomment"],
}
READ_ONLY_MODELS: dict[str, list[str]] = {
    "reference": [
        "domain",
        "partnershiptype",
        "engagementpractice",
        "collectivedynamic",
        "region",
        "department",
        "impact",
        "sustainabledevelopmentgoal",
    ],
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, created: bool, changed: bool) -> None:
        if created:
            self.created[label] = self.created.get(label, 0) + 1
        elif changed:
            self.updated[label] = self.updated.get(label, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(model, report: LoadReport, label: str, key: dict, values: dict) -> None:
    """Create the row, or update it only where a value differs (so a second run writes nothing)."""
    obj = model.objects.filter(**key).first()
    if obj is None:
        model.objects.create(**key, **values)
        report.count(label, created=True, changed=True)
        return
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.count(label, created=False, changed=True)


@transaction.atomic
def reference_load() -> LoadReport:
    with translation.override(settings.LANGUAGE_CODE):  # the records' own fields are the French
        return _reference_load()


def _english_load(report: LoadReport, queryset, label: str, key: str, **options) -> None:
    changed = english_apply(queryset, label, attrgetter(key), **options)
    if changed:
        report.updated[label] = report.updated.get(label, 0) + changed


def _reference_load() -> LoadReport:
    report = LoadReport()
    vocabularies = json.loads((FIXTURES / "vocabularies.json").read_text(encoding="utf-8"))
    for key, model in [
        ("domains", Domain),
        ("partnership_types", PartnershipType),
        ("engagement_practices", EngagementPractice),
        ("collective_dynamics", CollectiveDynamic),
    ]:
        for position, term in enumerate(vocabularies[key], start=1):
            values = {"name": term["name"], "description": term.get("description", ""), "position": position}
            if model is Domain:
                values["group"] = term["group"]
            if model is PartnershipType:
                values["era"] = term.get("era", "")
            _upsert(model, report, key, {"slug": term["slug"]}, values)

    impacts_load(report)
    sdgs_load(report)

    zones = {Zone.METRO.value, Zone.DROM.value}
    regions = json.loads((FIXTURES / "territories" / "regions.json").read_text(encoding="utf-8"))
    for region in regions:
        if region["zone"] in zones:
            _upsert(
                Region, report, "regions", {"code": region["code"]}, {"name": region["nom"], "zone": region["zone"]}
            )
    departments = json.loads((FIXTURES / "territories" / "departements.json").read_text(encoding="utf-8"))
    for department in departments:
        if department["zone"] in zones:
            _upsert(
                Department,
                report,
                "departments",
                {"code": department["code"]},
                {"name": department["nom"], "region_id": department["region"], "zone": department["zone"]},
            )

    for label, model in [
        ("domains", Domain),
        ("partnership_types", PartnershipType),
        ("engagement_practices", EngagementPractice),
        ("collective_dynamics", CollectiveDynamic),
        ("impacts", Impact),
    ]:
        _english_load(report, model.objects.all(), label, "slug")
    _english_load(report, Region.objects.all(), "regions", "code", same_as_french=("name",))
    _english_load(report, Department.objects.all(), "departments", "code", same_as_french=("name",))

    curators_group_sync(report=report)
    return report


def impacts_load(report: LoadReport) -> None:
    """The impacts of deck p. 24, each kind with the deck's wording and page."""
    data = json.loads((FIXTURES / "impacts.json").read_text(encoding="utf-8"))
    for position, term in enumerate(data["impacts"], start=1):
        values = {
            "name": term["name"],
            "description": term["description"],
            "family": term["family"],
            "source_page": data["page"],
            "position": position,
        }
        _upsert(Impact, report, "impacts", {"slug": term["slug"]}, values)


def sdgs_load(report: LoadReport) -> None:
    data = json.loads((FIXTURES / "sdgs.json").read_text(encoding="utf-8"))
    for goal in data["goals"]:
        values = {"name": goal["name"], "name_en": goal["name_en"]}
        _upsert(SustainableDevelopmentGoal, report, "sdgs", {"number": goal["number"]}, values)


def curators_group_sync(*, report: LoadReport | None = None) -> Group:
    """Give the "Curateurs" group exactly the permissions on the curated models (examining the proposals,
    reading the reference data), no more."""
    group, created = Group.objects.get_or_create(name=CURATORS_GROUP)
    wanted = set()
    for app_label, models in CURATED_MODELS.items():
        wanted |= set(
            Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models).values_list(
                "pk", flat=True
            )
        )
    for app_label, codenames in CURATED_PERMISSIONS.items():
        wanted |= set(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames).values_list(
                "pk", flat=True
            )
        )
    for app_label, models in READ_ONLY_MODELS.items():
        wanted |= set(
            Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models, codename__startswith="view_"
            ).values_list("pk", flat=True)
        )
    current = set(group.permissions.values_list("pk", flat=True))
    if wanted != current:
        group.permissions.set(wanted)
    if report is not None:
        report.count("groups", created=created, changed=wanted != current)
    return group
