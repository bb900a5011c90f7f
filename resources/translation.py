"""The audiences' translated name (django-modeltranslation): `name_fr` and `name_en`."""

from modeltranslation.translator import TranslationOptions, register

from resources.models import Audience


@register(Audience)
class AudienceOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)
