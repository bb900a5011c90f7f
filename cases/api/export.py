"""The columns of the case CSV (`/api/v1/cases/?format=csv`, the open-data dump) and how a chunk of cases
is read for them.

The columns are the admin's import file's, written as its resource (`CaseResource`) writes them, so that
an export reads back there, then what only an export has. A chunk costs a fixed number of queries: the
cases, then for each kind of tag or territory one query of plain values from its many-to-many table,
and one for the organisations. Not Django's prefetch: building a related manager and a queryset for
every case and every relation cost several times more than writing the rows.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Model
from import_export.widgets import ManyToManyWidget

from cases.media import CaseDocument, CaseImage
from cases.media.models import stored_file_url
from cases.models import Case, CaseImpact, Participation
from cases.resources import CaseResource, impacts_of
from foundation.api.renderers import Columns, joined, resource_columns

# Columns no export reads: derived documents as long as the body, or longer.
UNEXPORTED_FIELDS = ("body_html", "created_at")


@dataclass(frozen=True)
class TagColumn:
    """A many-to-many column of the resource: which table holds it, and what its widget writes."""

    through: type[Model]
    value: str  # the lookup of the written value from the table, e.g. "domain__slug"
    ordering: tuple[str, ...]  # the related model's own order, as the widget's `.all()` reads it
    separator: str


def _tag_columns(resource: CaseResource) -> dict[str, TagColumn]:
    columns = {}
    for name in CaseResource.Meta.fields:
        field = resource.fields[name]
        if not isinstance(field.widget, ManyToManyWidget):
            continue
        relation = Case._meta.get_field(field.attribute)
        target = relation.m2m_reverse_field_name()
        ordering = tuple(
            f"-{target}__{key[1:]}" if key.startswith("-") else f"{target}__{key}"
            for key in relation.related_model._meta.ordering or ["pk"]
        )
        columns[name] = TagColumn(
            relation.remote_field.through, f"{target}__{field.widget.field}", ordering, field.widget.separator
        )
    return columns


_RESOURCE = CaseResource()
TAG_COLUMNS = _tag_columns(_RESOURCE)


def _tag_cell(name: str, separator: str):
    return lambda case: separator.join(case.export_tags[name])


def _iso(value) -> str:
    return value.isoformat() if value else ""


# In this order: the resource's columns, with its tags and territories as slugs and INSEE codes joined with
# "|", then the organisations, the page's address and the dates.
_SCALARS = resource_columns(_RESOURCE, [name for name in CaseResource.Meta.fields if name not in TAG_COLUMNS])
CASE_COLUMNS: Columns = {
    **{
        name: _SCALARS[name] if name in _SCALARS else _tag_cell(name, TAG_COLUMNS[name].separator)
        for name in CaseResource.Meta.fields
    },
    "organizations": lambda case: joined(case.export_organizations),
    "url": lambda case: case.get_absolute_url(),
    "published_at": lambda case: _iso(case.published_at),
    "updated_at": lambda case: _iso(case.updated_at),
    "images": lambda case: joined(case.export_files["images"]),
    "documents": lambda case: joined(case.export_files["documents"]),
}


def cases_for_export(ids: Sequence[int]) -> list[Case]:
    """The cases of `ids` (in no particular order) with their tags, territories, organisations, photos and
    documents and observed impacts, in 5 + len(TAG_COLUMNS) queries: 12."""
    cases = list(Case.objects.filter(pk__in=ids).order_by().defer(*UNEXPORTED_FIELDS))
    tags: dict[str, dict[int, list[str]]] = {}
    for name, column in TAG_COLUMNS.items():
        values = defaultdict(list)
        rows = column.through.objects.filter(case_id__in=ids).order_by(*column.ordering)
        for case_id, value in rows.values_list("case_id", column.value):
            values[case_id].append(str(value))
        tags[name] = values
    organizations = defaultdict(list)
    participations = Participation.objects.filter(case_id__in=ids).values_list("case_id", "organization__name", "role")
    for case_id, organization, role in participations:
        organizations[case_id].append(f"{organization} ({role})")
    files = {name: defaultdict(list) for name in ("images", "documents")}
    for name, model in (("images", CaseImage), ("documents", CaseDocument)):
        for case_id, stored in model.objects.filter(case_id__in=ids).values_list("case_id", "file"):
            files[name][case_id].append(stored_file_url(stored))
    impacts = defaultdict(list)
    for observed in CaseImpact.objects.filter(case_id__in=ids).select_related("impact").order_by("impact__position"):
        impacts[observed.case_id].append(observed)
    for case in cases:
        case.export_impacts = impacts_of(case, impacts.get(case.pk, []))
        case.export_files = {name: by_case.get(case.pk, []) for name, by_case in files.items()}
        case.export_tags = {name: values.get(case.pk, []) for name, values in tags.items()}
        case.export_organizations = organizations.get(case.pk, [])
    return cases
