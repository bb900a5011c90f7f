from django.core.management.base import BaseCommand, CommandError

from cases.search import rebuild
from observatoire.cache import bump_content_version


class Command(BaseCommand):
    help = (
        "Rebuild the search data of every case: on PostgreSQL the search rows, in batches, then every "
        "posting; on SQLite the normalised text. Run it after `loaddata` (which writes rows without it), "
        "after a migration of the search tables or a change to the facets. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="cases per batch (default 1000)")

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size takes a number of cases, 1 or more.")
        # One transaction per batch of rows: a large base is not locked whole; the postings are rebuilt
        # in one transaction at the end.
        cases = rebuild(batch_size=batch_size)
        batches = -(-cases // batch_size)
        # The rebuild writes in bulk and sends no signal: cached pages may hold the old search results.
        bump_content_version()
        self.stdout.write(f"{cases} cases reindexed in {batches} batches.")
