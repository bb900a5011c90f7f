"""The cases, the organisations that take part in them and their roles: the published cases only."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from cases.api.export import CASE_COLUMNS, cases_for_export
from cases.collection import Collection, CollectionEntry
from cases.models import Case, Organization, Participation
from foundation.api.renderers import TAG_SEPARATOR
from foundation.api.viewsets import rows_in_chunks
from observatoire.opendata.table import ID, Column, Table, listed

# The cases' columns are the API's CSV columns (the admin's import file's, then what only an export has), so
# that the file reads back in the import; `case_columns` checks that none is missing.
_CASE_COLUMNS = (
    Column("slug", "string", _("Identifiant de la fiche dans son adresse (/cas/<slug>/)."), required=True),
    Column("title", "string", _("Titre.")),
    Column("summary", "string", _("Résumé : ce que fait l'alliance, où, avec qui.")),
    Column("title_en", "string", _("Titre en anglais, rédigé par un curateur ; vide s'il n'est pas traduit.")),
    Column("summary_en", "string", _("Résumé en anglais, rédigé par un curateur ; vide s'il n'est pas traduit.")),
    Column("body", "string", _("Description, en Markdown.")),
    Column("outcomes", "string", _("Résultats : effets observés, chiffres cités par la source.")),
    Column("start_year", "integer", _("Année de début ; vide quand la source ne la donne pas.")),
    Column("end_year", "integer", _("Année de fin ; vide quand l'action continue ou que la source ne la donne pas.")),
    Column("scale", "string", _("Échelle."), enum=tuple(Case.Scale.values)),
    Column("place", "string", _("Lieu : commune, quartier, site (texte libre).")),
    Column("country", "string", _("Pays, code ISO 3166-1 alpha-2 (FR pour la France).")),
    Column("status", "string", _("Statut : toujours « published » (publiée) ici.")),
    Column(
        "is_fictitious",
        "boolean",
        _("1 pour un cas de démonstration inventé."),
        extra={"trueValues": ["1"], "falseValues": ["0"]},
    ),
    Column("source", "string", _("D'où viennent les faits de la fiche.")),
    Column("citation", "string", _("Comment citer la fiche (vide : composée par le site).")),
    Column("domains", "string", listed(_("Domaines de fragilité, slugs {tags} (table domaines)."), TAG_SEPARATOR)),
    Column("partnership_types", "string", listed(_("Pratiques partenariales, slugs {tags}."), TAG_SEPARATOR)),
    Column("engagement_practices", "string", listed(_("Pratiques d'engagement, slugs {tags}."), TAG_SEPARATOR)),
    Column("dynamics", "string", listed(_("Dynamiques collectives territoriales, slugs {tags}."), TAG_SEPARATOR)),
    Column("regions", "string", listed(_("Régions, codes INSEE {tags}."), TAG_SEPARATOR)),
    Column("departments", "string", listed(_("Départements, codes INSEE {tags}."), TAG_SEPARATOR)),
    Column(
        "sdgs", "string", listed(_("Objectifs de développement durable, numéros {tags} (table odd)."), TAG_SEPARATOR)
    ),
    Column(
        "impacts",
        "string",
        _(
            "Impacts observés, liste JSON d'objets (impact, evidence, evidence_url, evidence_document, "
            "formal_evaluation, evaluation_url, evaluation_document) ; voir la table impacts."
        ),
    ),
    Column(
        "organizations",
        "string",
        listed(_("Organisations, « nom (rôle) » {tags} (table participations)."), TAG_SEPARATOR),
    ),
    Column("url", "string", _("Chemin de la fiche sur le site.")),
    Column("published_at", "datetime", _("Date de première publication (ISO 8601)."), extra={"format": "any"}),
    Column("updated_at", "datetime", _("Date de dernière modification (ISO 8601)."), extra={"format": "any"}),
    Column(
        "images",
        "string",
        listed(_("Photos de la fiche, chemins sur le site {tags}, dans l'ordre de la page."), TAG_SEPARATOR),
    ),
    Column("documents", "string", listed(_("Documents PDF de la fiche, chemins sur le site {tags}."), TAG_SEPARATOR)),
)


def case_columns() -> tuple[Column, ...]:
    if [column.name for column in _CASE_COLUMNS] != list(CASE_COLUMNS):
        raise RuntimeError("The open-data schema of the cases no longer matches CASE_COLUMNS.")
    return _CASE_COLUMNS


def _case_rows() -> Iterator[list]:
    """Every published case as its export cells, read by chunks (see rows_in_chunks)."""
    ids = list(Case.objects.published().order_by("pk").values_list("pk", flat=True))
    for case in rows_in_chunks(ids, cases_for_export):
        yield [cell(case) for cell in CASE_COLUMNS.values()]


TABLES: list[Table] = [
    Table(
        name="cas",
        title=_("Études de cas publiées"),
        description=_(
            "Toutes les études de cas publiées, une ligne par fiche, avec les colonnes du fichier d'import "
            "de l'administration ; les cas fictifs (is_fictitious) sont des cas de démonstration inventés."
        ),
        dataset="etudes-de-cas",
        rows=lambda: Case.objects.published().order_by("pk"),
        columns=case_columns(),
        primary_key=("slug",),
        reader=_case_rows,
        json=True,
    ),
    Table(
        name="organisations",
        title=_("Organisations"),
        description=_("Les organisations qui prennent part à au moins une étude de cas publiée."),
        dataset="etudes-de-cas",
        rows=lambda: Organization.objects.public().order_by("pk"),
        columns=(
            ID,
            Column("name", "string", _("Nom.")),
            Column("kind", "string", _("Type d'organisation."), enum=tuple(Organization.Kind.values)),
            Column(
                "department", "string", _("Département (code INSEE)."), "department_id", refers_to="departements.code"
            ),
            Column("website", "string", _("Site web.")),
            Column("country", "string", _("Pays, code ISO 3166-1 alpha-2 (FR pour la France).")),
            Column("is_fictitious", "boolean", _("true pour une organisation de démonstration inventée.")),
        ),
        primary_key=("id",),
    ),
    Table(
        name="participations",
        title=_("Participations des organisations aux études de cas"),
        description=_("Quelle organisation prend part à quelle étude de cas publiée, et dans quel rôle."),
        dataset="etudes-de-cas",
        rows=lambda: Participation.objects.filter(case__status=Case.Status.PUBLISHED).order_by("pk"),
        columns=(
            Column("case", "string", _("L'étude de cas (slug)."), "case__slug", refers_to="cas.slug", required=True),
            Column(
                "organization", "integer", _("L'organisation (id)."), "organization_id", refers_to="organisations.id"
            ),
            Column("role", "string", _("Rôle."), enum=tuple(Participation.Role.values)),
        ),
        primary_key=("case", "organization", "role"),
    ),
    Table(
        name="collections",
        title=_("Collections publiées"),
        description=_("Les ensembles ordonnés d'études de cas réunis par l'Observatoire, avec leur source."),
        dataset="etudes-de-cas",
        rows=lambda: Collection.objects.published().order_by("slug"),
        columns=(
            Column("slug", "string", _("Identifiant (/collections/<slug>/)."), required=True),
            Column("title", "string", _("Titre.")),
            Column("description", "string", _("Description.")),
            Column("source", "string", _("D'où vient cet ensemble de cas (citation).")),
            Column("region", "string", _("Région (code INSEE), si la collection en a une."), "region_id"),
            Column("department", "string", _("Département (code INSEE), si la collection en a un."), "department_id"),
        ),
        primary_key=("slug",),
    ),
    Table(
        name="collections-cas",
        title=_("Études de cas des collections"),
        description=_("Les études de cas publiées de chaque collection publiée, dans l'ordre de la collection."),
        dataset="etudes-de-cas",
        rows=lambda: CollectionEntry.objects.filter(
            collection__is_published=True, case__status=Case.Status.PUBLISHED
        ).order_by("collection__slug", "position", "pk"),
        columns=(
            Column(
                "collection", "string", _("La collection (slug)."), "collection__slug", refers_to="collections.slug"
            ),
            Column("case", "string", _("L'étude de cas (slug)."), "case__slug", refers_to="cas.slug"),
            Column("position", "integer", _("Ordre dans la collection.")),
        ),
        primary_key=("collection", "case"),
    ),
]
