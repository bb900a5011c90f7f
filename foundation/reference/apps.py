from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "foundation.reference"
    label = "reference"
    verbose_name = "Référentiels"
