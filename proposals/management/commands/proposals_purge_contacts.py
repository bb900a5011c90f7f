from django.conf import settings
from django.core.management.base import BaseCommand

from proposals.services import contacts_purge


class Command(BaseCommand):
    help = (
        "Erase the name and email of the proposals kept past PROPOSAL_CONTACT_RETENTION_DAYS after their "
        "decision (or their submission, when undecided). Idempotent: run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would be erased, erase nothing")

    def handle(self, *args, dry_run: bool, **options):
        count = contacts_purge(dry_run=dry_run)
        days = settings.PROPOSAL_CONTACT_RETENTION_DAYS
        if dry_run:
            self.stdout.write(f"{count} proposal contacts older than {days} days would be erased (dry run).")
        else:
            self.stdout.write(f"{count} proposal contacts older than {days} days erased.")
