"""Serializer fields of `/api/v1/` that read JSON as its schema documents it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class TextOnly:
    """Text fields take a JSON string and nothing else: DRF's own read a number as its digits (`"title": 123`
    is stored as "123") while the schema says `type: string`, which hides a client's mistake."""

    default_error_messages = {
        "not_text": _(
            "Un texte est attendu ici (une chaîne entre guillemets), pas un nombre, un booléen, une liste ni un objet."
        )
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class TextField(TextOnly, serializers.CharField):
    pass


class SlugField(TextOnly, serializers.SlugField):
    pass


class URLField(TextOnly, serializers.URLField):
    pass


class EmailField(TextOnly, serializers.EmailField):
    pass


# What a ModelSerializer builds for the model's text fields (its `serializer_field_mapping`).
TEXT_FIELD_MAPPING = {
    models.CharField: TextField,
    models.TextField: TextField,
    models.SlugField: SlugField,
    models.URLField: URLField,
    models.EmailField: EmailField,
}
