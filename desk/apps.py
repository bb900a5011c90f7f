from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DeskConfig(AppConfig):
    default = True
    name = "desk"
    verbose_name = "Bureau éditorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from desk import signals  # noqa: F401


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose home page is the curators' editorial desk (desk.sites.DeskAdminSite)."""

    default = False
    default_site = "desk.sites.DeskAdminSite"
