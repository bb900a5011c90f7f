"""A case in a department is also filed under its region (cases.services.regions_follow_departments),
whatever path sets its departments (admin, API, import, shell); a fixture load (`loaddata`) keeps the
regions it carries.

The search data needs no signal: the database writes it in the statement that changes a case, its tags,
its organisations or a term (cases.search.schema).
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from cases.models import Case
from cases.services import regions_follow_departments


@receiver(post_save, sender=Case)
def note_loaded_case(sender, instance: Case, raw=False, **kwargs):
    if raw:
        # loaddata saves the row raw, then sets its many-to-many relations on the same instance, and those
        # send m2m_changed without a `raw` flag: the instance carries it. Its history records come from
        # the dump, so simple-history must not add one for each relation (their ids would collide).
        instance._loaded_raw = True
        instance.skip_history_when_saving = True


@receiver(m2m_changed, sender=Case.departments.through)
def file_under_regions(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "post_add" and pk_set and not reverse and not getattr(instance, "_loaded_raw", False):
        regions_follow_departments(instance, pk_set)
