from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Propositions"

    def ready(self):
        from proposals import signals  # noqa: F401
