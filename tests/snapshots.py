"""A loader's rows, kept after its first run in a test process and written back for the tests that follow.

The loaders validate every row and record its history, which costs seconds per run; most tests only need
what they leave in the database. `Snapshot(load, *app_labels)` runs the loader the first time its apps'
tables are empty, keeps the rows it wrote in those apps, and later writes the same rows, ids included, with
one `bulk_create` per table (in the test's own transaction, rolled back with it). The loaders themselves are
tested where they are about (tests/surveys/test_import.py, tests/reference/).
"""

from django.apps import apps
from django.db import models, transaction

from foundation.reference.models import Domain
from foundation.reference.services import curators_group_sync, reference_load
from surveys.services import demo_surveys_load


class Snapshot:
    def __init__(self, load, *app_labels: str):
        self.load = load
        self.app_labels = app_labels
        self.rows: list[tuple[type[models.Model], list[models.Model]]] | None = None

    def _models(self) -> list[type[models.Model]]:
        return [
            model
            for label in self.app_labels
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        ]

    def __call__(self) -> None:
        tables = self._models()
        if any(model._base_manager.exists() for model in tables):
            self.load()  # not from an empty start: only the loader knows what it would change
            return
        if self.rows is None:
            self.load()
            self.rows = [(model, list(model._base_manager.all())) for model in tables]
            return
        with transaction.atomic():  # foreign keys are checked at the end, whatever the tables' order
            for model, rows in self.rows:
                model._base_manager.bulk_create(rows)


# The vocabularies and territories (`load_reference`), and the source's studies and figures.
reference_data = Snapshot(reference_load, "reference")
surveys_demo = Snapshot(demo_surveys_load, "surveys")


def reference_present() -> None:
    """The reference data, loaded again when a flush (after a transactional test) emptied the base, with
    the curators' group, whose permissions the flush recreated."""
    if not Domain.objects.exists():
        reference_data()
        curators_group_sync()
