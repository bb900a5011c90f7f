"""The reference data: the observatory's four vocabularies, and the regions and departments."""

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
from observatoire.opendata.table import ETALAB, Column, Table


def _vocabulary(name: str, model, title: str | Promise, *extra: Column) -> Table:
    return Table(
        name=name,
        title=title,
        description=format_lazy(
            _("{vocabulary} : le vocabulaire de l'Observatoire, avec les définitions de sa source."), vocabulary=title
        ),
        dataset="referentiels",
        rows=lambda: model.objects.order_by("position", "slug"),
        columns=(
            Column("slug", "string", _("Identifiant stable (celui de l'API et des filtres)."), required=True),
            Column("name", "string", _("Nom.")),
            Column("description", "string", _("Définition, comme la source l'imprime.")),
            Column("position", "integer", _("Ordre d'affichage.")),
            *extra,
        ),
        primary_key=("slug",),
    )


_TERRITORIES = _("Code officiel géographique de l'INSEE (paquet @etalab/decoupage-administratif), Licence Ouverte.")

TABLES: list[Table] = [
    _vocabulary(
        "domaines",
        Domain,
        _("Domaines de fragilité"),
        Column("group", "string", _("Groupe de critères."), enum=tuple(Domain.Group.values)),
    ),
    _vocabulary(
        "pratiques-partenariales",
        PartnershipType,
        _("Pratiques partenariales"),
        Column("era", "string", _("Période d'émergence.")),
    ),
    _vocabulary("pratiques-engagement", EngagementPractice, _("Pratiques d'engagement")),
    _vocabulary("dynamiques-collectives", CollectiveDynamic, _("Dynamiques collectives territoriales")),
    _vocabulary(
        "impacts",
        Impact,
        _("Impacts des alliances"),
        Column("family", "string", _("L'impact dont c'est une forme."), enum=tuple(Impact.Family.values)),
        Column("source_page", "integer", _("Page de la présentation de l'Observatoire (2020) d'où vient le terme.")),
    ),
    Table(
        name="odd",
        title=_("Objectifs de développement durable"),
        description=_(
            "Les 17 objectifs de développement durable du Programme 2030 des Nations unies, avec leurs "
            "noms courts officiels en français et en anglais."
        ),
        dataset="referentiels",
        rows=lambda: SustainableDevelopmentGoal.objects.order_by("number"),
        columns=(
            Column("number", "integer", _("Numéro (1 à 17)."), required=True),
            Column("name", "string", _("Nom court officiel en français.")),
            Column("name_en", "string", _("Nom court officiel en anglais.")),
        ),
        primary_key=("number",),
    ),
    Table(
        name="regions",
        title=_("Régions"),
        description=format_lazy("{} {}", _("Les régions."), _TERRITORIES),
        dataset="referentiels",
        rows=lambda: Region.objects.order_by("code"),
        columns=(
            Column("code", "string", _("Code INSEE."), required=True),
            Column("name", "string", _("Nom.")),
            Column("zone", "string", _("Métropole ou outre-mer."), enum=("metro", "drom")),
        ),
        primary_key=("code",),
        licence=ETALAB,
    ),
    Table(
        name="departements",
        title=_("Départements"),
        description=format_lazy("{} {}", _("Les départements et leur région."), _TERRITORIES),
        dataset="referentiels",
        rows=lambda: Department.objects.order_by("code"),
        columns=(
            Column("code", "string", _("Code INSEE."), required=True),
            Column("name", "string", _("Nom.")),
            Column("region", "string", _("Région (code INSEE)."), "region_id", refers_to="regions.code"),
            Column("zone", "string", _("Métropole ou outre-mer."), enum=("metro", "drom")),
        ),
        primary_key=("code",),
        licence=ETALAB,
    ),
]
