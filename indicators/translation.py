"""The indicators' translated fields (django-modeltranslation): `<field>_fr` and `<field>_en`."""

from modeltranslation.translator import TranslationOptions, register

from indicators.models import Indicator


@register(Indicator)
class IndicatorOptions(TranslationOptions):
    fields = ("name", "unit", "definition")
    required_languages = {"fr": ("name", "unit", "definition")}
