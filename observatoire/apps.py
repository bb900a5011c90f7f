from django.apps import AppConfig


class ObservatoireConfig(AppConfig):
    name = "observatoire"
    verbose_name = "Observatoire"

    def ready(self) -> None:
        from cases.views import case_page_panels
        from foundation.cache import connect_content_signals
        from observatoire.pages.home import case_perception

        connect_content_signals()
        case_page_panels.append(case_perception)
