"""The official indicators and their values, under their producers' Licence Ouverte / Etalab 2.0."""

from indicators.models import Indicator, IndicatorValue
from observatoire.opendata.table import ETALAB, ID, Column, Table

TABLES: list[Table] = [
    Table(
        name="indicateurs",
        title="Indicateurs territoriaux officiels",
        description="Les indicateurs : définition de leur producteur, unité, tableau source, licence et sens.",
        dataset="indicateurs",
        rows=lambda: Indicator.objects.order_by("position", "slug"),
        columns=(
            Column("slug", "string", "Identifiant stable.", required=True),
            Column("name", "string", "Nom."),
            Column("definition", "string", "Définition, telle que le producteur l'imprime."),
            Column("unit", "string", "Unité des valeurs."),
            Column("producer", "string", "Producteur."),
            Column("table", "string", "Tableau source."),
            Column("source_url", "string", "Adresse de la source."),
            Column("licence", "string", "Licence du producteur."),
            Column("direction", "string", "Sens de lecture.", enum=tuple(Indicator.Direction.values)),
            Column("caveat", "string", "Précautions de lecture."),
            Column("position", "integer", "Ordre."),
        ),
        primary_key=("slug",),
        licence=ETALAB,
    ),
    Table(
        name="indicateurs-domaines",
        title="Domaines éclairés par les indicateurs",
        description="Les domaines de fragilité qu'un indicateur éclaire.",
        dataset="indicateurs",
        rows=lambda: Indicator.domains.through.objects.order_by("pk"),
        columns=(
            Column("indicator", "string", "L'indicateur (slug).", "indicator__slug", refers_to="indicateurs.slug"),
            Column("domain", "string", "Le domaine (slug).", "domain__slug", refers_to="domaines.slug"),
        ),
        primary_key=("indicator", "domain"),
        licence=ETALAB,
    ),
    Table(
        name="valeurs-indicateurs",
        title="Valeurs des indicateurs",
        description="Une valeur par indicateur, territoire et période de référence, telle que la source la "
        "publie ; un territoire que la source ne couvre pas n'a pas de ligne (jamais 0, jamais estimé).",
        dataset="indicateurs",
        rows=lambda: IndicatorValue.objects.order_by("pk"),
        columns=(
            ID,
            Column(
                "indicator",
                "string",
                "L'indicateur (slug).",
                "indicator__slug",
                refers_to="indicateurs.slug",
                required=True,
            ),
            Column("level", "string", "Niveau territorial.", enum=tuple(IndicatorValue.Level.values)),
            Column("region", "string", "Région (code INSEE), au niveau region.", "region_id", refers_to="regions.code"),
            Column(
                "department",
                "string",
                "Département (code INSEE), au niveau department.",
                "department_id",
                refers_to="departements.code",
            ),
            Column("year", "integer", "Année de référence."),
            Column("period", "string", "Période de référence, comme la source la donne."),
            Column("value", "number", "Valeur.", unit="l'unité de l'indicateur (indicateurs.unit)"),
            Column("source", "string", "Tableau et feuille."),
            Column("note", "string", "Note."),
        ),
        primary_key=("id",),
        licence=ETALAB,
    ),
]
