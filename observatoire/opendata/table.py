"""How a table of the open-data package is declared: `Table` and its `Column`s.

A table names its file, title and description, the DCAT dataset it belongs to, the queryset of its public
rows, its columns and its primary key. A column names its Table Schema type, a description for the reader,
the `values()` lookup it reads (its name by default), a unit where it has one, and the column it refers to
(`refers_to="questions.id"`), which becomes a foreign key of the schema. The declarations themselves are
in `observatoire.opendata.tables`, one module per body of knowledge.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Whose terms a table's rows are under (foundation.licences).
OBSERVATORY, ETALAB = "observatoire", "etalab-2.0"
# The datasets of the DCAT catalogue, by the key the tables name.
DATASETS = {
    "etudes-de-cas": (
        _("Études de cas d'alliances (IMPACT-Pratiques innovantes)"),
        _(
            "Les études de cas publiées d'alliances entre associations, entreprises et collectivités, les "
            "organisations qui y prennent part et leur rôle."
        ),
    ),
    "enquetes": (
        _("Résultats des enquêtes de l'Observatoire (PHARE, IMPACT)"),
        _(
            "Les études publiées, leurs questions, lignes, réponses et segments, et chaque chiffre avec sa "
            "provenance (lu, calculé, non lisible), sa significativité et sa base."
        ),
    ),
    "indicateurs": (
        _("Indicateurs territoriaux officiels"),
        _(
            "Les indicateurs officiels de fragilité par région et département, tels que leurs producteurs les "
            "publient, avec leur période de référence."
        ),
    ),
    "ressources": (
        _("Programmes et ressources de l'Observatoire"),
        _(
            "Les programmes d'études de l'Observatoire et les ressources publiées de son centre de ressources "
            "(rapports, kits, outils, guides, événements), tels que sa présentation les imprime."
        ),
    ),
    "referentiels": (
        _("Référentiels : domaines, pratiques, dynamiques et territoires"),
        _(
            "Les vocabulaires de l'Observatoire (domaines de fragilité, pratiques partenariales et d'engagement, "
            "dynamiques collectives) et les régions et départements du code officiel géographique."
        ),
    ),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, datetime…
    description: str | Promise
    lookup: str = ""  # the `values()` lookup read; the name by default
    unit: str | Promise = ""
    refers_to: str = ""  # "<table>.<column>"
    enum: tuple[str, ...] = ()
    required: bool = False
    cell: Callable[[dict], object] | None = None  # the written value, from the row's values
    extra: dict = field(default_factory=dict)  # other Table Schema properties (format, trueValues…)

    def schema(self) -> dict:
        out = {"name": self.name, "type": self.type, **in_languages("description", self.description), **self.extra}
        if self.unit:
            out |= in_languages("unit", self.unit)
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str  # the resource's name and its file's stem
    title: str | Promise
    description: str | Promise
    dataset: str  # a key of DATASETS
    rows: Callable[[], QuerySet]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    licence: str = OBSERVATORY
    # A table whose rows are not plain values of one query (the cases' export) reads them itself.
    reader: Callable[[], Iterator[list]] | None = None
    json: bool = False  # also written as JSON, typed, for the tables whose cells hold lists

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def schema(self) -> dict:
        schema = {"fields": [column.schema() for column in self.columns], "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        foreign_keys = []
        for column in self.columns:
            if column.refers_to:
                resource, key = column.refers_to.split(".")
                foreign_keys.append(
                    {
                        "fields": [column.name],
                        "reference": {"resource": resource if resource != self.name else "", "fields": [key]},
                    }
                )
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        return schema

    def read(self) -> Iterator[list]:
        """The rows as lists of cells, in a stable order, read by one query."""
        if self.reader is not None:
            yield from self.reader()
            return
        lookups = list(dict.fromkeys(column.lookup or column.name for column in self.columns))
        for values in self.rows().values(*lookups).iterator(chunk_size=2000):
            yield [
                column.cell(values) if column.cell else plain(values[column.lookup or column.name])
                for column in self.columns
            ]


def in_languages(key: str, text: str | Promise) -> dict[str, str]:
    """`text` (marked for translation) as `key` in French, the source language, and as `<key>_<code>` in each
    other language of the site (`description_en`): extra properties, which the Data Package standard allows."""
    with translation.override(settings.LANGUAGE_CODE):
        out = {key: str(text)}
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            with translation.override(code):
                out[f"{key}_{code}"] = str(text)
    return out


def listed(text: Promise, separator: str) -> Promise:
    """A column's description that names the separator of its list: `text` holds `{tags}`."""
    return format_lazy(text, tags=format_lazy(_("séparés par « {separator} »"), separator=separator))


def plain(value: object) -> object:
    """A value as a CSV cell: a decimal without its trailing zeros nor an exponent, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


ID = Column("id", "integer", _("Identifiant (celui de l'API)."), required=True)
