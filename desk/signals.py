"""Assignments follow the accounts: a deleted account leaves its cases unassigned (see Case.assigned_to)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from cases.models import Case


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="desk-unassign-deleted-user")
def unassign_deleted_user(sender, instance, **kwargs):
    # An update, not a save per case: the cases' content and history do not change.
    Case.objects.filter(assigned_to=instance).update(assigned_to=None)
