from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.models import Case
from observatoire.cache import bump_content_version


class Command(BaseCommand):
    help = (
        "Rebuild the search data of every case (its search document, and on PostgreSQL its search entry), "
        "in batches. Run it once after `loaddata`, which writes rows without it. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="cases per batch (default 1000)")

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size takes a number of cases, 1 or more.")
        ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
        batches = 0
        # One transaction per batch: a large base is not locked whole, and an interrupted run is resumed by
        # running it again.
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            with transaction.atomic():
                Case.objects.filter(pk__gte=batch[0], pk__lte=batch[-1]).reindex()
            batches += 1
        # The rebuild writes in bulk and sends no signal: cached pages may hold the old search results.
        bump_content_version()
        self.stdout.write(f"{len(ids)} cases reindexed in {batches} batches.")
