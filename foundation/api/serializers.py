"""Serializer helpers shared by the apps' APIs."""

from copy import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings

from foundation.api.fields import TEXT_FIELD_MAPPING
from foundation.text import guard_text_fields


def as_drf_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A model's ValidationError as DRF's, field by field (`non_field_errors` for the model-wide ones)."""
    if not hasattr(error, "error_dict"):
        return serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages})
    return serializers.ValidationError(
        {
            api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
            for field, messages in error.message_dict.items()
        }
    )


class ModelCleanMixin:
    """Validate with the model's own `full_clean()`, the rules the admin applies too: one rule, one place.

    The candidate object is a copy with the submitted values; fields the serializer does not write are
    left out of the validation, as a ModelForm leaves out the fields it does not show.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy(self.instance) if self.instance is not None else model()
        concrete = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        written = {field.source for field in self.fields.values() if not field.read_only}
        exclude = [name for name in concrete if name not in written]
        try:
            candidate.full_clean(exclude=exclude)
        except DjangoValidationError as error:
            raise as_drf_error(error) from None
        return attrs


class TextGuardMixin:
    """Writable text fields take text only (foundation.api.fields) and refuse control characters
    (foundation.text), with a 400 naming the field."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, **TEXT_FIELD_MAPPING}

    def get_fields(self):
        fields = super().get_fields()
        guard_text_fields(fields)
        return fields
