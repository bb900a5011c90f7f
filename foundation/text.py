"""Control characters in text typed by people: refused on input, left out of XML on output.

C0 control characters other than tab and line breaks are never meant in a title or a description: they
come from a copy-paste gone wrong or a probe. PostgreSQL refuses NUL in text and XML 1.0 refuses the
others, so a stored one would break the feeds and the sitemap for every visitor.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

# Tab, line feed and carriage return stay: a text area sends them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_characters_refused(value) -> None:
    """A validator for forms, serializers and imports: names the first character found."""
    if isinstance(value, str) and (found := CONTROL_CHARACTERS.search(value)):
        raise ValidationError(
            _(
                "Ce texte contient un caractère de contrôle invisible (U+%(code)s) : "
                "retirez-le, puis envoyez à nouveau."
            ),
            code="control_character",
            params={"code": f"{ord(found.group()):04X}"},
        )


def without_control_characters(value):
    """The text without its control characters (for output built from stored text, and search terms)."""
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def guard_text_fields(fields) -> None:
    """Give every text field of a form or serializer (a mapping of fields) the validator above."""
    for field in fields.values():
        if getattr(field, "read_only", False) or not hasattr(field, "validators"):
            continue
        is_text = isinstance(field, forms.CharField | serializers.CharField)
        if is_text and control_characters_refused not in field.validators:
            field.validators.append(control_characters_refused)
