from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Études de cas"

    def ready(self):
        from cases import signals  # noqa: F401
