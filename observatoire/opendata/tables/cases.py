"""The cases, the organisations that take part in them and their roles: the published cases only."""

from collections.abc import Iterator

from cases.api.export import CASE_COLUMNS, cases_for_export
from cases.collection import Collection, CollectionEntry
from cases.models import Case, Organization, Participation
from foundation.api.renderers import TAG_SEPARATOR
from foundation.api.viewsets import rows_in_chunks
from observatoire.opendata.table import ID, Column, Table

_TAGS = f"séparés par « {TAG_SEPARATOR} »"
# The cases' columns are the API's CSV columns (the admin's import file's, then what only an export has), so
# that the file reads back in the import; `case_columns` checks that none is missing.
_CASE_COLUMNS = (
    Column("slug", "string", "Identifiant de la fiche dans son adresse (/cas/<slug>/).", required=True),
    Column("title", "string", "Titre."),
    Column("summary", "string", "Résumé : ce que fait l'alliance, où, avec qui."),
    Column("title_en", "string", "Titre en anglais, rédigé par un curateur ; vide s'il n'est pas traduit."),
    Column("summary_en", "string", "Résumé en anglais, rédigé par un curateur ; vide s'il n'est pas traduit."),
    Column("body", "string", "Description, en Markdown."),
    Column("outcomes", "string", "Résultats : effets observés, chiffres cités par la source."),
    Column("start_year", "integer", "Année de début ; vide quand la source ne la donne pas."),
    Column("end_year", "integer", "Année de fin ; vide quand l'action continue ou que la source ne la donne pas."),
    Column("scale", "string", "Échelle.", enum=tuple(Case.Scale.values)),
    Column("place", "string", "Lieu : commune, quartier, site (texte libre)."),
    Column("country", "string", "Pays, code ISO 3166-1 alpha-2 (FR pour la France)."),
    Column("status", "string", "Statut : toujours « published » (publiée) ici."),
    Column(
        "is_fictitious",
        "boolean",
        "1 pour un cas de démonstration inventé.",
        extra={"trueValues": ["1"], "falseValues": ["0"]},
    ),
    Column("source", "string", "D'où viennent les faits de la fiche."),
    Column("citation", "string", "Comment citer la fiche (vide : composée par le site)."),
    Column("domains", "string", f"Domaines de fragilité, slugs {_TAGS} (table domaines)."),
    Column("partnership_types", "string", f"Pratiques partenariales, slugs {_TAGS}."),
    Column("engagement_practices", "string", f"Pratiques d'engagement, slugs {_TAGS}."),
    Column("dynamics", "string", f"Dynamiques collectives territoriales, slugs {_TAGS}."),
    Column("regions", "string", f"Régions, codes INSEE {_TAGS}."),
    Column("departments", "string", f"Départements, codes INSEE {_TAGS}."),
    Column("sdgs", "string", f"Objectifs de développement durable, numéros {_TAGS} (table odd)."),
    Column(
        "impacts",
        "string",
        "Impacts observés, liste JSON d'objets (impact, evidence, evidence_url, evidence_document, "
        "formal_evaluation, evaluation_url, evaluation_document) ; voir la table impacts.",
    ),
    Column("organizations", "string", f"Organisations, « nom (rôle) » {_TAGS} (table participations)."),
    Column("url", "string", "Chemin de la fiche sur le site."),
    Column("published_at", "datetime", "Date de première publication (ISO 8601).", extra={"format": "any"}),
    Column("updated_at", "datetime", "Date de dernière modification (ISO 8601).", extra={"format": "any"}),
    Column("images", "string", f"Photos de la fiche, chemins sur le site {_TAGS}, dans l'ordre de la page."),
    Column("documents", "string", f"Documents PDF de la fiche, chemins sur le site {_TAGS}."),
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
        title="Études de cas publiées",
        description="Toutes les études de cas publiées, une ligne par fiche, avec les colonnes du fichier d'import "
        "de l'administration ; les cas fictifs (is_fictitious) sont des cas de démonstration inventés.",
        dataset="etudes-de-cas",
        rows=lambda: Case.objects.published().order_by("pk"),
        columns=case_columns(),
        primary_key=("slug",),
        reader=_case_rows,
        json=True,
    ),
    Table(
        name="organisations",
        title="Organisations",
        description="Les organisations qui prennent part à au moins une étude de cas publiée.",
        dataset="etudes-de-cas",
        rows=lambda: Organization.objects.public().order_by("pk"),
        columns=(
            ID,
            Column("name", "string", "Nom."),
            Column("kind", "string", "Type d'organisation.", enum=tuple(Organization.Kind.values)),
            Column("department", "string", "Département (code INSEE).", "department_id", refers_to="departements.code"),
            Column("website", "string", "Site web."),
            Column("country", "string", "Pays, code ISO 3166-1 alpha-2 (FR pour la France)."),
            Column("is_fictitious", "boolean", "true pour une organisation de démonstration inventée."),
        ),
        primary_key=("id",),
    ),
    Table(
        name="participations",
        title="Participations des organisations aux études de cas",
        description="Quelle organisation prend part à quelle étude de cas publiée, et dans quel rôle.",
        dataset="etudes-de-cas",
        rows=lambda: Participation.objects.filter(case__status=Case.Status.PUBLISHED).order_by("pk"),
        columns=(
            Column("case", "string", "L'étude de cas (slug).", "case__slug", refers_to="cas.slug", required=True),
            Column("organization", "integer", "L'organisation (id).", "organization_id", refers_to="organisations.id"),
            Column("role", "string", "Rôle.", enum=tuple(Participation.Role.values)),
        ),
        primary_key=("case", "organization", "role"),
    ),
    Table(
        name="collections",
        title="Collections publiées",
        description="Les ensembles ordonnés d'études de cas réunis par l'Observatoire, avec leur source.",
        dataset="etudes-de-cas",
        rows=lambda: Collection.objects.published().order_by("slug"),
        columns=(
            Column("slug", "string", "Identifiant (/collections/<slug>/).", required=True),
            Column("title", "string", "Titre."),
            Column("description", "string", "Description."),
            Column("source", "string", "D'où vient cet ensemble de cas (citation)."),
            Column("region", "string", "Région (code INSEE), si la collection en a une.", "region_id"),
            Column("department", "string", "Département (code INSEE), si la collection en a un.", "department_id"),
        ),
        primary_key=("slug",),
    ),
    Table(
        name="collections-cas",
        title="Études de cas des collections",
        description="Les études de cas publiées de chaque collection publiée, dans l'ordre de la collection.",
        dataset="etudes-de-cas",
        rows=lambda: CollectionEntry.objects.filter(
            collection__is_published=True, case__status=Case.Status.PUBLISHED
        ).order_by("collection__slug", "position", "pk"),
        columns=(
            Column("collection", "string", "La collection (slug).", "collection__slug", refers_to="collections.slug"),
            Column("case", "string", "L'étude de cas (slug).", "case__slug", refers_to="cas.slug"),
            Column("position", "integer", "Ordre dans la collection."),
        ),
        primary_key=("collection", "case"),
    ),
]
