"""The reference data: the observatory's four vocabularies, and the regions and departments."""

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


def _vocabulary(name: str, model, title: str, *extra: Column) -> Table:
    return Table(
        name=name,
        title=title,
        description=f"{model._meta.verbose_name_plural.capitalize()} : le vocabulaire de l'Observatoire, avec "
        "les définitions de sa source.",
        dataset="referentiels",
        rows=lambda: model.objects.order_by("position", "slug"),
        columns=(
            Column("slug", "string", "Identifiant stable (celui de l'API et des filtres).", required=True),
            Column("name", "string", "Nom."),
            Column("description", "string", "Définition, comme la source l'imprime."),
            Column("position", "integer", "Ordre d'affichage."),
            *extra,
        ),
        primary_key=("slug",),
    )


_TERRITORIES = "Code officiel géographique de l'INSEE (paquet @etalab/decoupage-administratif), Licence Ouverte."

TABLES: list[Table] = [
    _vocabulary(
        "domaines",
        Domain,
        "Domaines de fragilité",
        Column("group", "string", "Groupe de critères.", enum=tuple(Domain.Group.values)),
    ),
    _vocabulary(
        "pratiques-partenariales",
        PartnershipType,
        "Pratiques partenariales",
        Column("era", "string", "Période d'émergence."),
    ),
    _vocabulary("pratiques-engagement", EngagementPractice, "Pratiques d'engagement"),
    _vocabulary("dynamiques-collectives", CollectiveDynamic, "Dynamiques collectives territoriales"),
    _vocabulary(
        "impacts",
        Impact,
        "Impacts des alliances",
        Column("family", "string", "L'impact dont c'est une forme.", enum=tuple(Impact.Family.values)),
        Column("source_page", "integer", "Page de la présentation de l'Observatoire (2020) d'où vient le terme."),
    ),
    Table(
        name="odd",
        title="Objectifs de développement durable",
        description="Les 17 objectifs de développement durable du Programme 2030 des Nations unies, avec leurs "
        "noms courts officiels en français et en anglais.",
        dataset="referentiels",
        rows=lambda: SustainableDevelopmentGoal.objects.order_by("number"),
        columns=(
            Column("number", "integer", "Numéro (1 à 17).", required=True),
            Column("name", "string", "Nom court officiel en français."),
            Column("name_en", "string", "Nom court officiel en anglais."),
        ),
        primary_key=("number",),
    ),
    Table(
        name="regions",
        title="Régions",
        description=f"Les régions. {_TERRITORIES}",
        dataset="referentiels",
        rows=lambda: Region.objects.order_by("code"),
        columns=(
            Column("code", "string", "Code INSEE.", required=True),
            Column("name", "string", "Nom."),
            Column("zone", "string", "Métropole ou outre-mer.", enum=("metro", "drom")),
        ),
        primary_key=("code",),
        licence=ETALAB,
    ),
    Table(
        name="departements",
        title="Départements",
        description=f"Les départements et leur région. {_TERRITORIES}",
        dataset="referentiels",
        rows=lambda: Department.objects.order_by("code"),
        columns=(
            Column("code", "string", "Code INSEE.", required=True),
            Column("name", "string", "Nom."),
            Column("region", "string", "Région (code INSEE).", "region_id", refers_to="regions.code"),
            Column("zone", "string", "Métropole ou outre-mer.", enum=("metro", "drom")),
        ),
        primary_key=("code",),
        licence=ETALAB,
    ),
]
