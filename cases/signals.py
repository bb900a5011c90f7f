"""Keep the search data in step with edits made anywhere (admin, API, import, shell).

Each change asks for the reindex of the cases it touches (cases.search.schedule_reindex): a case is
reindexed once when the transaction commits, however many of its relations changed. A case in a
department is also filed under its region (cases.services.regions_follow_departments).

On PostgreSQL the search rows are written by the database itself (cases.search.schema) and the reindex
asked for here does nothing; on SQLite (the demo) it rewrites the case's FTS5 row. A fixture load
(`loaddata`) sends nothing here: on SQLite, `manage.py reindex_cases` rebuilds the search text after it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from cases.models import Case, CaseImpact, Collection, CollectionEntry, Organization, Participation
from cases.search import schedule_reindex, unindex
from cases.services import regions_follow_departments
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)

_TAGS = [
    Case.domains.through,
    Case.partnership_types.through,
    Case.engagement_practices.through,
    Case.dynamics.through,
    Case.regions.through,
    Case.departments.through,
    Case.sdgs.through,
]


@receiver(post_save, sender=Case)
def reindex_saved_case(sender, instance: Case, raw=False, **kwargs):
    if raw:
        # loaddata saves the row raw, then sets its many-to-many relations on the same instance, and those
        # send m2m_changed without a `raw` flag: the instance carries it. Its history records come from
        # the dump, so simple-history must not add one for each relation (their ids would collide).
        instance._loaded_raw = True
        instance.skip_history_when_saving = True
        return
    schedule_reindex([instance.pk])


@receiver(pre_delete, sender=Case)
def unindex_deleted_case(sender, instance: Case, **kwargs):
    unindex([instance.pk])


def _loaded_raw(instance) -> bool:
    return getattr(instance, "_loaded_raw", False)


def _reindex_tagged(sender, instance, action, reverse, pk_set, **kwargs):
    if _loaded_raw(instance):
        return
    if reverse:
        # From the term's side: the cases are in pk_set, or (on clear) must be read before the clear.
        if action == "pre_clear":
            instance._cleared_case_ids = list(
                sender.objects.filter(**{_term_column(sender, instance): instance.pk}).values_list("case_id", flat=True)
            )
        elif action == "post_clear":
            schedule_reindex(getattr(instance, "_cleared_case_ids", []))
        elif action in {"post_add", "post_remove"}:
            schedule_reindex(pk_set or [])
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if sender is Case.departments.through and action == "post_add" and pk_set:
        regions_follow_departments(instance, pk_set)
    schedule_reindex([instance.pk])


def _term_column(through, term) -> str:
    for field in through._meta.get_fields():
        if getattr(field, "related_model", None) is type(term):
            return field.attname
    raise LookupError(through)


for _through in _TAGS:
    m2m_changed.connect(_reindex_tagged, sender=_through, dispatch_uid=f"reindex-{_through._meta.db_table}")


_TERM_FIELDS = {
    Domain: "domains",
    PartnershipType: "partnership_types",
    EngagementPractice: "engagement_practices",
    CollectiveDynamic: "dynamics",
    Region: "regions",
    Department: "departments",
    Impact: "impacts",
    SustainableDevelopmentGoal: "sdgs",
    Collection: "collections",  # its publication makes it a filter of its cases
}


def reindex_cases_of_term(sender, instance, created=False, raw=False, **kwargs):
    """A renamed term must find its cases under its new name; a new one must be a filter at once."""
    if raw:
        return
    if not created:
        schedule_reindex(Case.objects.filter(**{_TERM_FIELDS[sender]: instance}).values_list("pk", flat=True))


def note_cases_of_term(sender, instance, **kwargs):
    """Before a term goes: its cases, whose SQLite search text names it (PostgreSQL's rows follow by trigger)."""
    # Read now: once the term is gone, its cases no longer point at it.
    instance._search_case_ids = list(
        Case.objects.filter(**{_TERM_FIELDS[sender]: instance}).values_list("pk", flat=True)
    )


def forget_term(sender, instance, **kwargs):
    """A deleted term is no longer a word its former cases are found by."""
    schedule_reindex(getattr(instance, "_search_case_ids", []))


for _term in _TERM_FIELDS:
    post_save.connect(reindex_cases_of_term, sender=_term, dispatch_uid=f"reindex-term-{_term._meta.db_table}")
    pre_delete.connect(note_cases_of_term, sender=_term, dispatch_uid=f"note-term-{_term._meta.db_table}")
    post_delete.connect(forget_term, sender=_term, dispatch_uid=f"forget-term-{_term._meta.db_table}")


@receiver([post_save, post_delete], sender=CaseImpact)
@receiver([post_save, post_delete], sender=Participation)
@receiver([post_save, post_delete], sender=CollectionEntry)
def reindex_participant_case(sender, instance: Participation | CaseImpact | CollectionEntry, raw=False, **kwargs):
    if not raw:
        schedule_reindex([instance.case_id])


@receiver(post_save, sender=Organization)
def reindex_cases_of_organization(sender, instance: Organization, created=False, raw=False, **kwargs):
    if not (raw or created):
        schedule_reindex(Case.objects.filter(participations__organization=instance).values_list("pk", flat=True))
