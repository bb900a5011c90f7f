from functools import partial

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Études de cas"

    def ready(self):
        from cases import signals  # noqa: F401
        from cases.search.schema import sqlite_triggers

        pre_migrate.connect(partial(sqlite_triggers, installed=False), sender=self, weak=False)
        post_migrate.connect(partial(sqlite_triggers, installed=True), sender=self, weak=False)
