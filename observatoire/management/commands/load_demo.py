from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.services import demo_cases_load
from foundation.reference.models import Domain
from indicators.services import indicators_load
from resources.services import resources_load
from surveys.services import demo_surveys_load


class Command(BaseCommand):
    help = (
        "Load the source's real cases, survey figures and official indicators; --synthetic N adds N fictitious cases, "
        "marked as such everywhere they appear."
    )

    def add_arguments(self, parser):
        parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="add N fictitious cases")
        parser.add_argument("--seed", type=int, default=0, help="seed of the fictitious cases (default 0)")

    def handle(self, *args, synthetic: int, seed: int, **options):
        if not Domain.objects.exists():
            raise CommandError("Reference data is missing: run `manage.py load_reference` first.")
        if synthetic < 0:
            raise CommandError("--synthetic takes a number of cases, 0 or more.")
        with transaction.atomic():
            count = demo_cases_load()
            self.stdout.write(f"{count} cases from the source loaded.")
            self.stdout.write(demo_surveys_load())
            self.stdout.write(indicators_load())
            self.stdout.write(resources_load())
        if synthetic:
            # The generator and the bulk loader are demo and benchmark tooling, imported only when asked for.
            from bench.bulk import cases_bulk_create, synthetic_rows  # noqa: PLC0415

            created = cases_bulk_create(rows=synthetic_rows(synthetic, seed=seed))
            self.stdout.write(f"{created} fictitious cases added (seed {seed}).")
