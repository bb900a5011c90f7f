"""Records whose text has an English translation beside the French (django-modeltranslation;
docs/english-content.md).

modeltranslation keeps each translated field's values in `<field>_fr` and `<field>_en` and leaves the
original column alone. Here that column stays the French text, written on every save, for whoever reads the
table directly (a dump, SQL by hand). A record made with `name=` alone (a test, a fixture) gets that value as
its French. An `update(name=…)` writes the active language's column and nothing else: the search's text and
its facet labels read a term's French from `name_fr`, the original column only where that is empty
(cases.search.schema, cases.facets).
"""

from django.conf import settings
from django.utils import translation


def translated_fields(model) -> list[str]:
    """The fields of `model` registered for translation (none when it is not registered)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return []


def french_sql(table: str, model, name: str = "name") -> str:
    """SQL of the French value of field `name` of a row of `model` (its table or alias `table`): the French
    column, which modeltranslation writes (a save, and an `update(name=…)` that writes nothing else), the
    original column where that is empty; a field without translations is its column. What the search's
    text and its facet labels read (cases.search.schema, cases.facets)."""
    if name not in translated_fields(model):
        return f"{table}.{name}"
    return f"coalesce(nullif({table}.{name}_{settings.LANGUAGE_CODE}, ''), {table}.{name})"


class SourceTextMixin:
    """Keeps each translated field's original column equal to its French (the source language)."""

    def source_text(self, name: str):
        """The French source value of field `name`, whatever the active language: what a file, a comparison
        with a file or the database's own text reads. A field without translations is read as it is."""
        if name in translated_fields(type(self)):
            return getattr(self, f"{name}_{settings.LANGUAGE_CODE}")
        return getattr(self, name)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        extra = set()
        for name in translated_fields(type(self)):
            source = f"{name}_{settings.LANGUAGE_CODE}"
            value = self.__dict__.get(source)
            if value in (None, ""):
                self.__dict__[source] = self.__dict__.get(name)
            else:
                self.__dict__[name] = value
            if update_fields is not None and ({name, source} & set(update_fields)):
                extra |= {name, source}
        if update_fields is not None and extra:
            kwargs["update_fields"] = set(update_fields) | extra
        # The original column is written from the descriptor, which reads the active language's value.
        with translation.override(settings.LANGUAGE_CODE):
            super().save(*args, **kwargs)
