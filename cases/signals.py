"""Keep derived data in step with edits made anywhere (admin, API, import, shell).

Only derived fields are written here: the search documents, and the regions implied by departments.

A fixture load (`loaddata`) writes rows as they were dumped, derived data and history included: nothing
here runs for it, and `manage.py reindex_cases` rebuilds the search data once at the end.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from cases.models import Case, Organization, Participation
from observatoire.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)

_TAGS = [
    Case.domains.through,
    Case.partnership_types.through,
    Case.engagement_practices.through,
    Case.dynamics.through,
    Case.regions.through,
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
    Case.objects.filter(pk=instance.pk).reindex()


def _loaded_raw(instance) -> bool:
    return getattr(instance, "_loaded_raw", False)


@receiver(m2m_changed, sender=Case.departments.through)
def add_regions_of_departments(sender, instance, action, reverse, pk_set, **kwargs):
    """A case located in a department is found under its region."""
    if action not in {"post_add", "post_remove", "post_clear"} or _loaded_raw(instance):
        return
    if reverse:
        Case.objects.filter(departments=instance).reindex()
        return
    if action == "post_add" and pk_set:
        region_codes = set(Department.objects.filter(pk__in=pk_set).values_list("region_id", flat=True))
        instance.regions.add(*region_codes)
    Case.objects.filter(pk=instance.pk).reindex()


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
            Case.objects.filter(pk__in=getattr(instance, "_cleared_case_ids", [])).reindex()
        elif action in {"post_add", "post_remove"}:
            Case.objects.filter(pk__in=pk_set or []).reindex()
        return
    if action in {"post_add", "post_remove", "post_clear"}:
        Case.objects.filter(pk=instance.pk).reindex()


def _term_column(through, term) -> str:
    for field in through._meta.get_fields():
        if getattr(field, "related_model", None) is type(term):
            return field.attname
    raise LookupError(through)


for _through in _TAGS:
    m2m_changed.connect(_reindex_tagged, sender=_through, dispatch_uid=f"reindex-{_through._meta.db_table}")


@receiver(post_save, sender=Domain)
@receiver(post_save, sender=PartnershipType)
@receiver(post_save, sender=EngagementPractice)
@receiver(post_save, sender=CollectiveDynamic)
def reindex_cases_of_term(sender, instance, created=False, raw=False, **kwargs):
    """A renamed term must find its cases under its new name."""
    if raw or created:
        return
    field = {
        Domain: "domains",
        PartnershipType: "partnership_types",
        EngagementPractice: "engagement_practices",
        CollectiveDynamic: "dynamics",
    }[sender]
    Case.objects.filter(**{field: instance}).reindex()


@receiver(post_save, sender=Region)
def reindex_cases_of_region(sender, instance, created=False, raw=False, **kwargs):
    if not (raw or created):
        Case.objects.filter(regions=instance).reindex()


@receiver(post_save, sender=Department)
def reindex_cases_of_department(sender, instance, created=False, raw=False, **kwargs):
    if not (raw or created):
        Case.objects.filter(departments=instance).reindex()


@receiver([post_save, post_delete], sender=Participation)
def reindex_participant_case(sender, instance: Participation, raw=False, **kwargs):
    if not raw:
        Case.objects.filter(pk=instance.case_id).reindex()


@receiver(post_save, sender=Organization)
def reindex_cases_of_organization(sender, instance: Organization, created=False, raw=False, **kwargs):
    if not (raw or created):
        Case.objects.filter(participations__organization=instance).reindex()
