"""A case's change history made readable: what each version changed, field by field, in French.

The admin's history page lists the versions newest first; each version shows what it changed from the
one before it (simple-history's `diff_against`, with the labels of the fields). Texts show the words
removed and added in place, vocabularies and territories the terms added and removed, choices their
labels. The many-to-many rows of a page of versions are read in two queries per relation, so that the page
costs the same few queries however long the history.
"""

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from cases.media.models import file_changes_of

# Tokens of a text diff: words, runs of spaces, single signs.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# Unchanged tokens kept on each side of a change (about five words with their spaces).
CONTEXT_TOKENS = 10
# Past this many tokens on both sides, texts are compared line by line (difflib is quadratic).
MAX_WORD_DIFF_TOKENS = 20000
EMPTY = "(vide)"


@dataclass
class FieldChange:
    field: str  # the field's name
    label: str  # its French label
    diff: SafeString  # what changed, escaped then marked


def text_diff(old: str, new: str) -> SafeString:
    """The new text with the removed words in <del> and the added ones in <ins>; long unchanged runs cut."""
    old_tokens, new_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    if len(old_tokens) + len(new_tokens) > MAX_WORD_DIFF_TOKENS:
        old_tokens, new_tokens = (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_context(old_tokens[i1:i2], first=index == 0, last=index == len(opcodes) - 1))
            continue
        if i2 > i1:
            parts.append(_marked("del", "supprimé", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            parts.append(_marked("ins", "ajouté", "".join(new_tokens[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _marked(tag: str, spoken: str, text: str) -> str:
    return format_html(
        '<{tag}><span class="visually-hidden">[{spoken} : </span>{text}<span class="visually-hidden">]</span></{tag}>',
        tag=mark_safe(tag),  # noqa: S308 - a constant
        spoken=spoken,
        text=text,
    )


def _context(tokens: list[str], *, first: bool, last: bool) -> str:
    keep_before = 0 if first else CONTEXT_TOKENS  # after the previous change
    keep_after = 0 if last else CONTEXT_TOKENS  # before the next change
    if len(tokens) <= keep_before + keep_after + 2:
        return escape("".join(tokens))
    head, tail = "".join(tokens[:keep_before]), "".join(tokens[len(tokens) - keep_after :])
    return f"{escape(head)} […] {escape(tail)}".strip()


def _display(field: models.Field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "oui" if value else "non"
    if isinstance(field, models.DateTimeField):
        return format_date(timezone.localtime(value), "j F Y à H:i")
    return str(value)


def _is_text(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


class CaseHistoryDiffer:
    """Computes, for a page of history records of one model (newest first), what each record changed."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.history_model = model.history.model
        self.m2m_fields = [field for field in self.history_model._history_m2m_fields]
        m2m_names = {field.name for field in self.m2m_fields}
        self.fields = [
            field for field in self.history_model.tracked_fields if field.editable and field.name not in m2m_names
        ]

    def annotate(self, records: Sequence) -> None:
        """Set `desk_changes` (a list of FieldChange) on each record but the oldest of the page."""
        records = list(records)
        terms = self._m2m_terms(records)
        for newer, older in zip(records, records[1:], strict=False):
            newer.desk_changes = self.changes(newer, older, terms)
        if records:
            records[-1].desk_changes = None

    def changes(self, newer, older, terms: dict | None = None) -> list[FieldChange]:
        if terms is None:
            terms = self._m2m_terms([newer, older])
        changes = []
        for field in self.fields:
            old, new = getattr(older, field.attname), getattr(newer, field.attname)
            if old == new:
                continue
            changes.append(FieldChange(field.name, capfirst(field.verbose_name), self._field_diff(field, older, newer)))
        for field in self.m2m_fields:
            old, new = terms[field.name].get(older.history_id, {}), terms[field.name].get(newer.history_id, {})
            if old.keys() == new.keys():
                continue
            changes.append(FieldChange(field.name, capfirst(field.verbose_name), _set_diff(old, new)))
        files: dict[str, list[str]] = defaultdict(list)  # the photos and documents added or removed, by label
        for label, added, name in file_changes_of(newer.history_change_reason):
            files[label].append(_marked("ins", "ajouté", name) if added else _marked("del", "supprimé", name))
        for label, diffs in files.items():
            changes.append(FieldChange("files", label, mark_safe(" ".join(diffs))))  # noqa: S308 - escaped by _marked
        return changes

    def _field_diff(self, field: models.Field, older, newer) -> SafeString:
        if _is_text(field) and not isinstance(field, models.SlugField):
            return text_diff(getattr(older, field.attname), getattr(newer, field.attname))
        if isinstance(field, models.ForeignKey):
            old, new = _related(older, field), _related(newer, field)
        else:
            old, new = _display(field, getattr(older, field.attname)), _display(field, getattr(newer, field.attname))
        return format_html("{} → {}", old, new)

    def _m2m_terms(self, records: Sequence) -> dict[str, dict[int, dict[object, str]]]:
        """For each many-to-many field: history id → {term id: term name}, in two queries per field."""
        ids = [record.history_id for record in records]
        result: dict[str, dict[int, dict[object, str]]] = {}
        for field in self.m2m_fields:
            rows_model = getattr(self.history_model, field.name).model
            target = field.m2m_reverse_field_name()
            target_attname = rows_model._meta.get_field(target).attname
            rows = list(rows_model.objects.filter(history_id__in=ids).values_list("history_id", target_attname))
            # Names looked up apart: a join would drop the rows of a term deleted since.
            names = field.related_model._base_manager.in_bulk({term_id for _, term_id in rows})
            by_record: dict[int, dict[object, str]] = defaultdict(dict)
            for history_id, term_id in rows:
                term = names.get(term_id)
                by_record[history_id][term_id] = str(term) if term is not None else f"(supprimé : {term_id})"
            result[field.name] = by_record
        return result


def _related(record, field: models.ForeignKey) -> str:
    if getattr(record, field.attname) is None:
        return EMPTY
    try:
        value = getattr(record, field.name)
    except field.related_model.DoesNotExist:
        value = None
    return str(value) if value is not None else f"(supprimé : {getattr(record, field.attname)})"


def _set_diff(old: dict, new: dict) -> SafeString:
    added = sorted(new[key] for key in new.keys() - old.keys())
    removed = sorted(old[key] for key in old.keys() - new.keys())
    parts = []
    if added:
        parts.append(format_html("ajouté : {}", format_html_join(", ", "<ins>{}</ins>", ((name,) for name in added))))
    if removed:
        parts.append(format_html("retiré : {}", format_html_join(", ", "<del>{}</del>", ((name,) for name in removed))))
    return mark_safe(" ; ".join(parts))  # noqa: S308 - both parts are escaped by format_html
