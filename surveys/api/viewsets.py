"""`/api/v1/` resources of the surveys app: studies, questions and figures, read-only and public."""

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from foundation.api.renderers import resource_columns
from foundation.api.viewsets import ApiViewSetMixin, CSVListMixin
from surveys.api.serializers import FigureSerializer, ProgrammeSerializer, QuestionSerializer, StudySerializer
from surveys.filters import FigureFilter, QuestionFilter, StudyFilter
from surveys.models import Answer, Figure, Programme, Question, Segment, Study
from surveys.resources import COLUMNS, FigureResource


@extend_schema_view(
    list=extend_schema(
        summary=_("Études"),
        description=_(
            "Les études publiques de l'Observatoire (ARPEA, PHARE, IMPACT), avec leur état (`stage` : "
            "annoncée, sur le terrain, publiée ; `expected` : la date prévue telle que la source l'écrit), leur "
            "univers, leur ligne de source, leurs segments et leurs bases. Une étude annoncée n'a aucun chiffre."
        ),
    ),
    retrieve=extend_schema(summary=_("Une étude")),
)
class StudyViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = StudySerializer
    filterset_class = StudyFilter
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    csv_columns = {
        name: (lambda study, name=name: "" if getattr(study, name) is None else getattr(study, name))
        for name in ["slug", "name", "stage", "expected", "population", "year", "month", "institute", "universe"]
    } | {
        "programme": lambda study: study.programme.slug,
        "universe_size": lambda study: study.universe_size if study.universe_size is not None else "",
        "citation": lambda study: study.citation,
    }
    csv_filename = "observatoire-etudes.csv"

    def get_queryset(self) -> QuerySet:
        return (
            Study.objects.published()
            .select_related("programme", "phase", "volet")
            .prefetch_related(Prefetch("segments", queryset=Segment.objects.prefetch_related("regions")), "questions")
            .order_by(F("year").desc(nulls_last=True), F("month").desc(nulls_last=True), "slug")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Questions"),
        description=_(
            "Les questions des études publiées, avec leurs lignes (reliées au domaine ou à la pratique "
            "partenariale qu'elles désignent), leurs réponses (les totaux avec leurs parties) et la question "
            "comparable de la vague précédente (`previous_wave`)."
        ),
    ),
    retrieve=extend_schema(summary=_("Une question")),
)
class QuestionViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    csv_columns = {
        "id": lambda question: question.pk,
        "study": lambda question: question.study.slug,
        "slug": lambda question: question.slug,
        "code": lambda question: question.code,
        "title": lambda question: question.title,
        "wording": lambda question: question.wording,
        "base_label": lambda question: question.base_label,
        "kind": lambda question: question.kind,
        "unit": lambda question: question.unit,
        "previous_wave": lambda question: question.previous_wave_id or "",
    }
    csv_filename = "observatoire-questions.csv"

    def get_queryset(self) -> QuerySet:
        return (
            Question.objects.published()
            .select_related("study")
            .prefetch_related(
                "rows__domain",
                "rows__partnership_type",
                Prefetch("answers", queryset=Answer.objects.prefetch_related("parts")),
            )
            .order_by("-study__year", "-study__month", "study__slug", "position", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Chiffres"),
        description=_(
            "Chaque chiffre publié, avec sa provenance : `read` (lu dans la source), `derived` (calculé "
            "à partir de chiffres imprimés), `missing` (imprimé mais non lisible : `value` est alors `null`, "
            "jamais 0). `?format=csv` donne exactement le format long de l'import des curateurs (mêmes colonnes, "
            "mêmes libellés) : un fichier téléchargé se réimporte tel quel."
        ),
    ),
    retrieve=extend_schema(summary=_("Un chiffre")),
)
class FigureViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = FigureSerializer
    filterset_class = FigureFilter
    csv_columns = resource_columns(FigureResource(), COLUMNS)
    csv_filename = "observatoire-chiffres.csv"

    def get_queryset(self) -> QuerySet:
        return (
            Figure.objects.published()
            .in_source_order()
            .select_related("row__domain", "row__partnership_type")
            .prefetch_related("segment__regions")
        )


class ProgrammeViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The observatory's programmes (ARPEA, PHARE, IMPACT), their phases and volets as the deck prints them."""

    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet:
        public = Study.objects.published().order_by("year", "slug")
        return Programme.objects.prefetch_related(
            "phases", "volets", Prefetch("studies", queryset=public, to_attr="public_studies")
        ).order_by("position", "name")
