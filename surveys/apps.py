from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Enquêtes"

    def ready(self):
        from surveys import signals  # noqa: F401
