"""The observatory's frame: its programmes, and the published resources of its resource centre."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from foundation.api.renderers import TAG_SEPARATOR
from observatoire.opendata.table import Column, Table, listed, plain
from resources.models import Resource
from surveys.models import Programme

_RESOURCE_FIELDS = ("slug", "title", "kind", "date_label", "year", "place", "quote", "summary", "url", "licence")


def _resource_rows() -> Iterator[list]:
    """Every published resource with its programme and the slugs or codes of its audiences, domains, regions."""
    resources = (
        Resource.objects.published()
        .select_related("programme")
        .prefetch_related("audiences", "domains", "regions", "sdgs")
        .order_by("slug")
    )
    for resource in resources:
        yield [
            *(plain(getattr(resource, name)) for name in _RESOURCE_FIELDS),
            resource.programme.slug if resource.programme else "",
            TAG_SEPARATOR.join(audience.slug for audience in resource.audiences.all()),
            TAG_SEPARATOR.join(domain.slug for domain in resource.domains.all()),
            TAG_SEPARATOR.join(region.code for region in resource.regions.all()),
            TAG_SEPARATOR.join(str(goal.number) for goal in resource.sdgs.all()),
            resource.file_url,
            resource.citation,
            resource.source_page,
        ]


TABLES: list[Table] = [
    Table(
        name="programmes",
        title=_("Programmes d'études de l'Observatoire"),
        description=_("Les programmes (ARPEA, PHARE, IMPACT) tels que la présentation de l'Observatoire les imprime."),
        dataset="ressources",
        rows=lambda: Programme.objects.order_by("position", "slug"),
        columns=(
            Column("slug", "string", _("Identifiant (/programmes/<slug>/)."), required=True),
            Column("name", "string", _("Nom.")),
            Column("cycle", "string", _("Cycle d'études, comme la source le dit.")),
            Column("period", "string", _("Période telle qu'imprimée ; vide quand la source ne la donne pas.")),
            Column("start_year", "integer", _("Année de début ; vide quand la source ne la donne pas.")),
            Column("end_year", "integer", _("Année de fin ; vide quand la source ne la donne pas.")),
            Column("launched_on", "date", _("Jour de lancement, seulement si la source le donne.")),
            Column("aims", "string", _("Objectifs, cités de la source.")),
            Column("source", "string", _("Pages de la source.")),
        ),
        primary_key=("slug",),
    ),
    Table(
        name="ressources",
        title=_("Ressources publiées"),
        description=_(
            "Rapports, kits, outils, guides, lettres, articles, expositions et événements de l'Observatoire "
            "publiés dans le centre de ressources : ce que la source en imprime, avec sa page."
        ),
        dataset="ressources",
        rows=lambda: Resource.objects.published().order_by("slug"),
        columns=(
            Column("slug", "string", _("Identifiant (/ressources/<slug>/)."), required=True),
            Column("title", "string", _("Titre, tel que la source le nomme.")),
            Column("kind", "string", _("Nature."), enum=tuple(Resource.Kind.values)),
            Column("date_label", "string", _("Date telle qu'imprimée ; vide quand la source ne la donne pas.")),
            Column("year", "integer", _("Année ; vide quand la source ne la donne pas.")),
            Column("place", "string", _("Lieu d'un événement, quand la source le dit.")),
            Column("quote", "string", _("Ce qu'en dit la source, cité exactement.")),
            Column("summary", "string", _("Présentation ; vide plutôt qu'inventée.")),
            Column("url", "string", _("Lien, seulement quand il existe.")),
            Column("licence", "string", _("Licence de la ressource, quand elle est connue.")),
            Column("programme", "string", _("Programme (slug)."), refers_to="programmes.slug"),
            Column("audiences", "string", listed(_("Publics, slugs {tags}."), TAG_SEPARATOR)),
            Column(
                "domains", "string", listed(_("Domaines de fragilité, slugs {tags} (table domaines)."), TAG_SEPARATOR)
            ),
            Column("regions", "string", listed(_("Régions, codes INSEE {tags} (table regions)."), TAG_SEPARATOR)),
            Column(
                "sdgs",
                "string",
                listed(_("Objectifs de développement durable, numéros {tags} (table odd)."), TAG_SEPARATOR),
            ),
            Column("file", "string", _("Chemin du fichier de la ressource sur le site, vide quand elle n'en a pas.")),
            Column("citation", "string", _("Comment citer la ressource.")),
            Column("source_page", "string", _("Page de la source.")),
        ),
        primary_key=("slug",),
        reader=_resource_rows,
    ),
]
