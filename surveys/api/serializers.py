"""How studies, questions and figures read in `/api/v1/` (read-only: curators write in the admin).

A figure reads with the same names as the long import format (study slug, question slug, row, answer and
segment labels) plus the ids and vocabulary links a client needs to join; a missing value is `null`.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from surveys.models import Answer, Figure, Phase, Programme, Question, Row, Segment, Study, Volet, canonical_value


class SegmentSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Segment
        fields = ["id", "label", "kind", "regions", "base"]


class StudySerializer(serializers.ModelSerializer):
    fieldwork = serializers.CharField(source="fieldwork_label", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    segments = SegmentSerializer(many=True, read_only=True)
    questions = serializers.SerializerMethodField()
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    volet = serializers.StringRelatedField(read_only=True, allow_null=True)
    phase = serializers.CharField(source="phase.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Study
        fields = [
            "slug",
            "name",
            "programme",
            "programme_inferred",
            "phase",
            "volet",
            "stage",
            "expected",
            "population",
            "year",
            "month",
            "fieldwork",
            "institute",
            "universe",
            "universe_size",
            "sample_size",
            "citation",
            "description",
            "url",
            "segments",
            "questions",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_questions(self, study: Study) -> list[str]:
        """An announced study, or one in the field, has no result: its questions stay internal."""
        if study.stage != Study.Stage.PUBLISHED:
            return []
        return [question.slug for question in study.questions.all()]


class RowSerializer(serializers.ModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    partnership_type = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Row
        fields = ["label", "domain", "partnership_type"]


class AnswerSerializer(serializers.ModelSerializer):
    parts = serializers.SlugRelatedField(slug_field="label", many=True, read_only=True)

    class Meta:
        model = Answer
        fields = ["label", "is_net", "parts"]


class QuestionSerializer(serializers.ModelSerializer):
    study = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    rows = RowSerializer(many=True, read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "study",
            "slug",
            "code",
            "title",
            "wording",
            "base_label",
            "kind",
            "unit",
            "previous_wave",
            "notes",
            "url",
            "rows",
            "answers",
        ]


class FigureSerializer(serializers.ModelSerializer):
    study = serializers.CharField(source="question.study.slug", read_only=True)
    question_slug = serializers.CharField(source="question.slug", read_only=True)
    row = serializers.CharField(source="row.label", read_only=True, allow_null=True, default=None)
    row_domain = serializers.CharField(source="row.domain.slug", read_only=True, allow_null=True, default=None)
    row_partnership_type = serializers.CharField(
        source="row.partnership_type.slug", read_only=True, allow_null=True, default=None
    )
    answer = serializers.CharField(source="answer.label", read_only=True)
    answer_is_net = serializers.BooleanField(source="answer.is_net", read_only=True)
    segment = serializers.CharField(source="segment.label", read_only=True)
    segment_kind = serializers.CharField(source="segment.kind", read_only=True)
    segment_regions = serializers.SerializerMethodField()
    value = serializers.SerializerMethodField()
    unit = serializers.CharField(source="question.unit", read_only=True)

    class Meta:
        model = Figure
        fields = [
            "id",
            "study",
            "question",
            "question_slug",
            "row",
            "row_domain",
            "row_partnership_type",
            "answer",
            "answer_is_net",
            "segment",
            "segment_kind",
            "segment_regions",
            "value",
            "unit",
            "provenance",
            "significance",
            "base",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_segment_regions(self, figure: Figure) -> list[str]:
        return [region.code for region in figure.segment.regions.all()]

    @extend_schema_field({"type": "number", "nullable": True})
    def get_value(self, figure: Figure):
        """As printed (45, 28.5; means with their decimal, 6.0); null when the source's value is lost."""
        if figure.value is None:
            return None
        return canonical_value(figure.value, figure.question.unit)


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["period", "name", "description", "source"]


class VoletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Volet
        fields = ["number", "name", "description", "holds", "source"]


class ProgrammeSerializer(serializers.ModelSerializer):
    """A programme as the deck prints it, with its phases, its volets and the slugs of its public studies."""

    url = serializers.CharField(source="get_absolute_url", read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)
    volets = VoletSerializer(many=True, read_only=True)
    studies = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "cycle",
            "period",
            "start_year",
            "end_year",
            "launched_on",
            "aims",
            "source",
            "phases",
            "volets",
            "studies",
            "url",
        ]

    def get_studies(self, programme: Programme) -> list[str]:
        return [study.slug for study in programme.public_studies]
