"""Publishing a proposed case accepts its proposal, whichever path published it (change form, list
action, import, API): cases knows nothing of proposals, so the hook lives here."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cases.models import Case


@receiver(post_save, sender=Case, dispatch_uid="proposals-accept-published-case")
def accept_proposal_of_published_case(sender, instance: Case, raw=False, **kwargs):
    if raw or instance.status != Case.Status.PUBLISHED:
        return
    from proposals.services import proposal_accept_published

    proposal_accept_published(instance)
