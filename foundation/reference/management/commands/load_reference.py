from django.core.management.base import BaseCommand

from foundation.reference.services import reference_load


class Command(BaseCommand):
    help = "Load the vocabularies, the regions and departments, and the curators' group (idempotent)."

    def handle(self, *args, **options):
        report = reference_load()
        if not report.changed:
            self.stdout.write("Reference data already up to date.")
            return
        for label, count in sorted(report.created.items()):
            self.stdout.write(f"created {count} {label}")
        for label, count in sorted(report.updated.items()):
            self.stdout.write(f"updated {count} {label}")
