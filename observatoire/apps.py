from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class ObservatoireConfig(AppConfig):
    name = "observatoire"
    verbose_name = "Observatoire"

    def ready(self) -> None:
        from cases.views import case_page_panels
        from foundation import versions
        from observatoire.pages.home import case_perception

        # Sent once per app with models, after every migration has run: once is enough (foundation.versions).
        post_migrate.connect(versions.install, sender=apps.get_app_config("cases"), dispatch_uid="content-version")
        case_page_panels.append(case_perception)
