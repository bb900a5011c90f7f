from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "observatoire.reference"
    label = "reference"
    verbose_name = "Référentiels"
