"""The reference records' translated fields (django-modeltranslation): `<field>_fr` and `<field>_en`."""

from modeltranslation.translator import TranslationOptions, register, translator

from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
    SustainableDevelopmentGoal,
)


class NameOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


class VocabularyOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


translator.register([Domain, EngagementPractice, CollectiveDynamic, Impact], VocabularyOptions)


@register(PartnershipType)
class PartnershipTypeOptions(VocabularyOptions):
    fields = ("name", "description", "era")


translator.register([Region, Department, SustainableDevelopmentGoal], NameOptions)
