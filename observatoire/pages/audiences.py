"""The audiences' entry points `/pour/<audience>/`, as the deck's « outillage des parties prenantes » (p. 33)
crosses them with « Données pour objectiver ses choix / Outils pour agir dès aujourd'hui / Compétences pour être
accompagné », and the researchers' page (p. 27): the codebook of every dataset, the survey method, how to cite.

The deck's slide reads in columns: each audience's data and tool below are the deck's words, quoted.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from cases.models import Case, Organization, Participation
from foundation.reference.models import CollectiveDynamic, Domain, EngagementPractice, PartnershipType, Region
from indicators.models import Indicator
from indicators.resources import COLUMNS as INDICATOR_COLUMNS
from observatoire.opendata.tables import TABLES
from resources.models import Resource
from surveys.models import Provenance, Significance, Study
from surveys.resources import COLUMNS as FIGURE_COLUMNS

CASES_SHOWN = 6
SUPPORTERS_SHOWN = 12


@dataclass(frozen=True)
class AudienceSpec:
    name: str
    data: str  # the deck's words, p. 33
    tool: str  # idem
    region_reports: bool = False
    mayors: bool = False


AUDIENCES = {
    "organisations": AudienceSpec(
        "Organisations",
        "La base de données IMPACT Pratiques innovantes pour s'inspirer",
        "Le kit « l'ODD 17 en pratique », issu de la mission ministérielle sur l'accélération des alliances "
        "stratégiques en France",
    ),
    "territoires": AudienceSpec(
        "Territoires",
        "Les rapports IMPACT régionaux pour établir des diagnostics territoriaux",
        "Le kit « l'ODD 17 sur les territoires en sortie de crise », relayé par les outils de la plateforme "
        "« l'innovation territoriale en actions ! »",
        region_reports=True,
    ),
    "collectivites": AudienceSpec(
        "Collectivités territoriales",
        "Les études IMPACT Elus locaux pour connaître l'avis de ses « pairs »",
        "Le kit « l'ODD 17 et les Collectivités », qui sera publié à l'occasion de la 6ème Rencontre des pionniers "
        "des alliances en territoire, le 8/07/20",
        region_reports=True,
        mayors=True,
    ),
    "institutions": AudienceSpec(
        "Institutions & investisseurs",
        "Les études du programme IMPACT pour une vision systémique : tout domaine, tout acteur, tout territoire",
        "L'état des lieux des partenariats en France et le programme ODD 17 autour de 4 chantiers et 21 mesures",
    ),
}

# The codebook of the figures' and indicator values' files: what each column holds.
FIGURE_CODEBOOK = {
    "study": "Identifiant de l'étude (/enquetes/<study>/).",
    "question": "Identifiant de la question dans l'étude.",
    "row": "Ligne d'une grille (un domaine, une pratique…) ; vide pour une question à choix unique.",
    "answer": "Réponse, ou total de réponses (« Oui » = « Oui, tout à fait » + « Oui, plutôt »).",
    "segment": "Population du chiffre : « Ensemble », une région, une zone, un type d'acteur.",
    "value": "Valeur, en % ou en moyenne sur 10 ; vide quand la source l'imprime mais qu'elle est illisible.",
    "unit": "percent (%) ou mean (moyenne /10).",
    "provenance": "D'où vient le chiffre (codes ci-dessous).",
    "significance": "Écart significatif à l'ensemble, quand la source le marque (codes ci-dessous).",
    "base": "Base du segment (effectif représenté), quand la source la donne.",
}
INDICATOR_CODEBOOK = {
    "indicator": "Identifiant de l'indicateur (voir À propos des indicateurs).",
    "territory_level": "Niveau du territoire : région, département, France.",
    "insee_code": "Code INSEE du territoire (région « 84 », département « 2A ») ; FR, FM pour la France.",
    "year": "Année de la période de référence.",
    "value": "Valeur publiée par le producteur ; aucune ligne quand il n'en publie pas.",
    "unit": "Unité de l'indicateur.",
    "source": "Producteur et tableau.",
    "source_url": "Adresse de la source.",
    "licence": "Licence de la source.",
    "period": "Période de référence telle que la source la donne.",
    "note": "Précision du producteur sur cette valeur.",
}


@require_safe
def audience_detail(request: HttpRequest, slug: str) -> HttpResponse:
    spec = AUDIENCES.get(slug)
    if spec is None:
        raise Http404("Public inconnu.")
    supporters = (
        Organization.objects.filter(
            participations__role=Participation.Role.SUPPORT, participations__case__in=Case.objects.published()
        )
        .select_related("department__region")
        .distinct()
        .order_by("department__region__name", "name")[:SUPPORTERS_SHOWN]
    )
    context = {
        "slug": slug,
        "spec": spec,
        "resources": Resource.objects.published().filter(audiences__slug=slug).order_by("-year", "title"),
        "cases": Case.objects.published().for_cards().order_by("-published_at", "-pk")[:CASES_SHOWN],
        "supporters": supporters,
        "regions": Region.objects.order_by("name") if spec.region_reports else [],
        "mayors": Study.objects.with_results().filter(population=Study.Population.ELECTED).prefetch_related("questions")
        if spec.mayors
        else [],
        "announced": Study.objects.published()
        .exclude(stage=Study.Stage.PUBLISHED)
        .filter(population=Study.Population.ELECTED)
        if spec.mayors
        else [],
    }
    return render(request, "audiences/audience.html", context)


def _table(name: str):
    return next(table for table in TABLES if table.name == name)


@require_safe
def researchers(request: HttpRequest) -> HttpResponse:
    studies = Study.objects.with_results().select_related("programme").prefetch_related("segments")
    context = {
        "case_fields": [(column.name, column.type, column.description) for column in _table("cas").columns],
        "figure_columns": [(name, FIGURE_CODEBOOK.get(name, "")) for name in FIGURE_COLUMNS],
        "indicator_columns": [(name, INDICATOR_CODEBOOK.get(name, "")) for name in INDICATOR_COLUMNS],
        "vocabularies": [
            ("domain", "Domaines de fragilité", Domain.objects.all()),
            ("partnership", "Pratiques partenariales", PartnershipType.objects.all()),
            ("engagement", "Pratiques d'engagement", EngagementPractice.objects.all()),
            ("dynamic", "Dynamiques collectives territoriales", CollectiveDynamic.objects.all()),
        ],
        "provenances": Provenance.choices,
        "significances": [choice for choice in Significance.choices if choice[0]],
        "studies": studies,
        "indicator_count": Indicator.objects.count(),
        "resources": Resource.objects.published().filter(audiences__slug="chercheurs").order_by("-year", "title"),
    }
    return render(request, "audiences/researchers.html", context)


app_name = "audiences"

# /pour/
urlpatterns = [
    path("chercheurs/", researchers, name="researchers"),
    path("<slug:slug>/", audience_detail, name="detail"),
]
