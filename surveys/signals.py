"""What a fixture load (`loaddata`) must not do: add history records beside the ones it loads."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from surveys.models import Segment


@receiver(post_save, sender=Segment)
def keep_loaded_history(sender, instance: Segment, raw=False, **kwargs):
    # loaddata saves the row raw, then sets its regions on the same instance, and simple-history records
    # many-to-many changes whatever `raw` was: the dump holds the history already (ids would collide).
    if raw:
        instance.skip_history_when_saving = True
