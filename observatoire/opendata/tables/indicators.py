"""The official indicators and their values, under their producers' Licence Ouverte / Etalab 2.0."""

from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator, IndicatorValue
from observatoire.opendata.table import ETALAB, ID, Column, Table

TABLES: list[Table] = [
    Table(
        name="indicateurs",
        title=_("Indicateurs territoriaux officiels"),
        description=_("Les indicateurs : définition de leur producteur, unité, tableau source, licence et sens."),
        dataset="indicateurs",
        rows=lambda: Indicator.objects.order_by("position", "slug"),
        columns=(
            Column("slug", "string", _("Identifiant stable."), required=True),
            Column("name", "string", _("Nom.")),
            Column("definition", "string", _("Définition, telle que le producteur l'imprime.")),
            Column("unit", "string", _("Unité des valeurs.")),
            Column("producer", "string", _("Producteur.")),
            Column("table", "string", _("Tableau source.")),
            Column("source_url", "string", _("Adresse de la source.")),
            Column("licence", "string", _("Licence du producteur.")),
            Column("direction", "string", _("Sens de lecture."), enum=tuple(Indicator.Direction.values)),
            Column("caveat", "string", _("Précautions de lecture.")),
            Column("position", "integer", _("Ordre.")),
        ),
        primary_key=("slug",),
        licence=ETALAB,
    ),
    Table(
        name="indicateurs-domaines",
        title=_("Domaines éclairés par les indicateurs"),
        description=_("Les domaines de fragilité qu'un indicateur éclaire."),
        dataset="indicateurs",
        rows=lambda: Indicator.domains.through.objects.order_by("pk"),
        columns=(
            Column("indicator", "string", _("L'indicateur (slug)."), "indicator__slug", refers_to="indicateurs.slug"),
            Column("domain", "string", _("Le domaine (slug)."), "domain__slug", refers_to="domaines.slug"),
        ),
        primary_key=("indicator", "domain"),
        licence=ETALAB,
    ),
    Table(
        name="valeurs-indicateurs",
        title=_("Valeurs des indicateurs"),
        description=_(
            "Une valeur par indicateur, territoire et période de référence, telle que la source la "
            "publie ; un territoire que la source ne couvre pas n'a pas de ligne (jamais 0, jamais estimé)."
        ),
        dataset="indicateurs",
        rows=lambda: IndicatorValue.objects.order_by("pk"),
        columns=(
            ID,
            Column(
                "indicator",
                "string",
                _("L'indicateur (slug)."),
                "indicator__slug",
                refers_to="indicateurs.slug",
                required=True,
            ),
            Column("level", "string", _("Niveau territorial."), enum=tuple(IndicatorValue.Level.values)),
            Column(
                "region", "string", _("Région (code INSEE), au niveau region."), "region_id", refers_to="regions.code"
            ),
            Column(
                "department",
                "string",
                _("Département (code INSEE), au niveau department."),
                "department_id",
                refers_to="departements.code",
            ),
            Column("year", "integer", _("Année de référence.")),
            Column("period", "string", _("Période de référence, comme la source la donne.")),
            Column("value", "number", _("Valeur."), unit=_("l'unité de l'indicateur (indicateurs.unit)")),
            Column("source", "string", _("Tableau et feuille.")),
            Column("note", "string", _("Note.")),
        ),
        primary_key=("id",),
        licence=ETALAB,
    ),
]
