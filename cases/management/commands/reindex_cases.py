from django.core.management.base import BaseCommand, CommandError

from cases.search import rebuild


class Command(BaseCommand):
    help = (
        "Write the search data of every case again, in batches (PostgreSQL's search rows, SQLite's FTS5 text). "
        "The database keeps it in step itself: a repair only. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="cases per batch (default 1000)")

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size takes a number of cases, 1 or more.")
        # One statement per batch: a large base is not locked whole.
        cases = rebuild(batch_size=batch_size)
        batches = -(-cases // batch_size)
        self.stdout.write(f"{cases} cases reindexed in {batches} batches.")
