"""Every API field that can read `null` says so, in the serializer and therefore in the schema.

A field declared by hand (a slug of a related object, a value read through a relation) does not inherit
the model field's `null=True` as ModelSerializer's own fields do: a row without a domain then read `null`
where the schema promised a string. This walks every serializer of the API and every field's source.
"""

import inspect

import pytest
from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers

from cases.api import serializers as cases_serializers
from surveys.api import serializers as surveys_serializers
from surveys.models import Row


def _serializers() -> list[type[serializers.ModelSerializer]]:
    return [
        cls
        for module in (cases_serializers, surveys_serializers)
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, serializers.ModelSerializer) and cls.__module__ == module.__name__
    ]


def _can_be_null(model, source: str) -> bool:
    """Whether following `source` (dotted, from `model`) can meet a NULL column or a missing related object."""
    for name in source.split("."):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False  # a method or property: its schema is declared with it
        if getattr(field, "null", False):
            return True
        model = field.related_model
        if model is None:
            return False
    return False


def _unsaid_nulls(serializer_class) -> list[str]:
    """The fields of `serializer_class` that can read null but do not allow it."""
    model = serializer_class.Meta.model
    # Lists are never null, and a method field's schema is declared on the method.
    skipped = serializers.ManyRelatedField | serializers.ListSerializer | serializers.SerializerMethodField
    return [
        name
        for name, field in serializer_class().fields.items()
        if not isinstance(field, skipped)
        and field.source != "*"
        and _can_be_null(model, field.source)
        and not field.allow_null
    ]


@pytest.mark.parametrize("serializer_class", _serializers(), ids=lambda cls: cls.__name__)
def test_every_field_that_can_read_null_allows_it(serializer_class):
    assert _unsaid_nulls(serializer_class) == []


def test_the_walk_finds_a_relation_or_a_value_that_reads_null_unsaid():
    class Unsaid(serializers.ModelSerializer):
        domain = serializers.SlugRelatedField(slug_field="slug", read_only=True)
        domain_name = serializers.CharField(source="domain.name", read_only=True)
        label = serializers.CharField(read_only=True)

        class Meta:
            model = Row
            fields = ["domain", "domain_name", "label"]

    assert _unsaid_nulls(Unsaid) == ["domain", "domain_name"]
