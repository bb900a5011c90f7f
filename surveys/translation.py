"""The programmes' translated fields (django-modeltranslation): `<field>_fr` and `<field>_en`."""

from modeltranslation.translator import TranslationOptions, register, translator

from surveys.programmes import Phase, Programme, Volet


@register(Programme)
class ProgrammeOptions(TranslationOptions):
    fields = ("name", "cycle", "period")
    required_languages = {"fr": ("name",)}


@register(Phase)
class PhaseOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


@register(Volet)
class VoletOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


# The programme's history keeps the English beside the French (django-simple-history copies every field).
translator.register(Programme.history.model, ProgrammeOptions)
