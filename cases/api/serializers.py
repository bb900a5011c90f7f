"""How cases, organisations, vocabularies and territories read in `/api/v1/` (and organisations and links
write; a case writes through `cases.api.writing`).

A case reads with its tags as `{slug, name}`, its territories as `{code, name}` and its organisations as
objects, each relation prefetched into a list in one query whatever the number of cases.
"""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.api.media import CaseDocumentSerializer, CaseImageSerializer
from cases.models import Case, CaseImpact, Link, Organization, Participation
from cases.models.case import CARD_LISTS, TAG_LISTS
from foundation.api import fields as api_fields
from foundation.api.serializers import ModelCleanMixin, TextGuardMixin
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

# --- reference data --------------------------------------------------------------------------------

VOCABULARY_FIELDS = ["slug", "name", "description", "position"]


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = [*VOCABULARY_FIELDS, "group"]


class PartnershipTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnershipType
        fields = [*VOCABULARY_FIELDS, "era"]


class EngagementPracticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = EngagementPractice
        fields = VOCABULARY_FIELDS


class CollectiveDynamicSerializer(serializers.ModelSerializer):
    class Meta:
        model = CollectiveDynamic
        fields = VOCABULARY_FIELDS


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "zone"]


class TerritorySerializer(serializers.Serializer):
    """A region or department as a case or an organisation refers to it."""

    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class DepartmentSerializer(serializers.ModelSerializer):
    region = TerritorySerializer(read_only=True)

    class Meta:
        model = Department
        fields = ["code", "name", "zone", "region"]


class TagSerializer(serializers.Serializer):
    """A vocabulary term as a case refers to it."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class SustainableDevelopmentGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SustainableDevelopmentGoal
        fields = ["number", "name"]


class ImpactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Impact
        fields = ["slug", "name", "family"]


class CaseImpactSerializer(serializers.ModelSerializer):
    """An observed impact as a case reads it (documents by their id among the case's `documents`)."""

    impact = ImpactSerializer(read_only=True)

    class Meta:
        model = CaseImpact
        fields = [
            "impact",
            "evidence",
            "evidence_url",
            "evidence_document",
            "formal_evaluation",
            "evaluation_url",
            "evaluation_document",
        ]


# --- organisations ---------------------------------------------------------------------------------


class OrganizationSerializer(CountryFieldMixin, TextGuardMixin, ModelCleanMixin, serializers.ModelSerializer):
    department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Department.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Code INSEE du département (« 69 », « 2A »), ou null."),
    )

    page = serializers.SerializerMethodField(
        help_text=_("Adresse de sa page publique (404 tant qu'aucune de ses études de cas n'est publiée).")
    )

    class Meta:
        model = Organization
        fields = ["id", "slug", "name", "kind", "department", "website", "country", "is_fictitious", "page"]
        read_only_fields = ["slug"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, organization: Organization) -> str:
        request = self.context.get("request")
        path = organization.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class OrganizationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "website", "is_fictitious"]


# --- cases: reading --------------------------------------------------------------------------------


class ParticipationSerializer(serializers.ModelSerializer):
    organization = OrganizationSummarySerializer(read_only=True)

    class Meta:
        model = Participation
        fields = ["organization", "role"]


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "format": "uri", "maxLength": 500}, {"type": "string", "maxLength": 0}],
        "description": _(
            "Adresse du lien ; vide quand la source ne l'a pas conservée (les envois exigent une adresse)."
        ),
    }
)
class LinkUrlField(api_fields.URLField):
    """A link's address: the seeded links whose address the source lost store it empty."""


class LinkSerializer(TextGuardMixin, serializers.ModelSerializer):
    url = LinkUrlField(max_length=500)

    class Meta:
        model = Link
        fields = ["kind", "title", "url"]


def cases_with_relations(queryset: QuerySet) -> QuerySet:
    """Everything a case's representation reads, in a constant number of queries."""
    return cases_with_details(queryset.for_cards())


# The relations a case's representation reads besides the tags a card shows (which a search gives its
# results), each prefetched into a list attribute: a list page of cases spends no related manager or
# queryset per case on them.
DETAILS = {
    **{name: relation for name, relation in TAG_LISTS.items() if name not in CARD_LISTS},
    "participation_list": "participations",
    "impact_list": "observed_impacts",
    "link_list": "links",
    "image_list": "images",
    "document_list": "documents",
}


def cases_with_details(queryset: QuerySet) -> QuerySet:
    """What a case's representation reads besides the tags of `Case.objects.for_cards()`."""
    return queryset.prefetch_related(*_detail_prefetches())


def _detail_prefetches() -> list[Prefetch]:
    return [
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("organization"),
            to_attr="participation_list",
        ),
        Prefetch("observed_impacts", queryset=CaseImpact.objects.select_related("impact"), to_attr="impact_list"),
        *(
            Prefetch(relation, to_attr=name)
            for name, relation in DETAILS.items()
            if relation not in {"participations", "observed_impacts"}
        ),
    ]


def read_details(cases: list[Case]) -> None:
    """Give a page of search results what `cases_with_details` prefetches (the search gives them the tags
    of their cards)."""
    prefetch_related_objects(cases, *_detail_prefetches())


class CaseSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """A case as the API shows it: every public field, tags and territories named, the body twice."""

    url = serializers.SerializerMethodField(
        help_text=_("Adresse de la page publique (404 tant qu'elle n'est pas publiée).")
    )
    domains = TagSerializer(many=True, read_only=True)
    partnership_types = TagSerializer(many=True, read_only=True)
    engagement_practices = TagSerializer(many=True, read_only=True)
    dynamics = TagSerializer(many=True, read_only=True)
    regions = TerritorySerializer(many=True, read_only=True)
    departments = TerritorySerializer(many=True, read_only=True)
    participations = ParticipationSerializer(many=True, read_only=True, source="participation_list")
    links = LinkSerializer(many=True, read_only=True, source="link_list")
    images = CaseImageSerializer(many=True, read_only=True, source="image_list")
    documents = CaseDocumentSerializer(many=True, read_only=True, source="document_list")
    impacts = CaseImpactSerializer(many=True, read_only=True, source="impact_list")
    sdgs = SustainableDevelopmentGoalSerializer(many=True, read_only=True)
    body_html = serializers.CharField(read_only=True, help_text=_("La description rendue en HTML assaini."))
    scale = serializers.ChoiceField(choices=Case.Scale.choices, allow_blank=True, read_only=True)
    citation = serializers.CharField(source="citation_text", read_only=True, help_text=_("Comment citer la fiche."))

    class Meta:
        model = Case
        fields = [
            "slug",
            "url",
            "title",
            "summary",
            "title_en",
            "summary_en",
            "body",
            "body_html",
            "outcomes",
            "start_year",
            "end_year",
            "scale",
            "place",
            "country",
            "regions",
            "departments",
            "domains",
            "partnership_types",
            "engagement_practices",
            "dynamics",
            "impacts",
            "sdgs",
            "participations",
            "links",
            "images",
            "documents",
            "status",
            "published_at",
            "is_fictitious",
            "source",
            "citation",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def to_representation(self, case: Case) -> dict:
        """The declared fields, read directly, since a list page serialises 20 to 100 cases;
        tests/media/test_api.py checks that DRF's own reading (`generic_representation`) gives the same."""
        for name, relation in DETAILS.items():  # a case read without `cases_with_details`
            if name not in case.__dict__:
                case.__dict__[name] = list(getattr(case, relation).all())
        fields = self.fields
        moment = fields["published_at"].to_representation
        return {
            "slug": case.slug,
            "url": self.get_url(case),
            "title": case.title,
            "summary": case.summary,
            "title_en": case.title_en,
            "summary_en": case.summary_en,
            "body": case.body,
            "body_html": case.body_html,
            "outcomes": case.outcomes,
            "start_year": case.start_year,
            "end_year": case.end_year,
            "scale": case.scale,
            "place": case.place,
            "country": case.country.code,
            "regions": [{"code": region.code, "name": region.name} for region in case.region_list],
            "departments": [{"code": place.code, "name": place.name} for place in case.department_list],
            "domains": _terms(case.domain_list),
            "partnership_types": _terms(case.partnership_type_list),
            "engagement_practices": _terms(case.engagement_practice_list),
            "dynamics": _terms(case.dynamic_list),
            "impacts": [_observed(impact) for impact in case.impact_list],
            "sdgs": [{"number": int(goal.number), "name": goal.name} for goal in case.sdg_list],
            "participations": [
                {"organization": _organization(participation.organization), "role": participation.role}
                for participation in case.participation_list
            ],
            "links": [{"kind": link.kind, "title": link.title, "url": link.url} for link in case.link_list],
            "images": fields["images"].to_representation(case.image_list),
            "documents": fields["documents"].to_representation(case.document_list),
            "status": case.status,
            "published_at": None if case.published_at is None else moment(case.published_at),
            "is_fictitious": case.is_fictitious,
            "source": case.source,
            "citation": case.citation_text(),
            "created_at": moment(case.created_at),
            "updated_at": moment(case.updated_at),
        }

    def generic_representation(self, case: Case) -> dict:
        return super().to_representation(case)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, case: Case) -> str:
        request = self.context.get("request")
        path = case.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


def _terms(terms: list) -> list[dict]:
    return [{"slug": term.slug, "name": term.name} for term in terms]


def _observed(observed: CaseImpact) -> dict:
    """An observed impact, its documents given by their id among the case's `documents`."""
    return {
        "impact": {"slug": observed.impact.slug, "name": observed.impact.name, "family": observed.impact.family},
        "evidence": observed.evidence,
        "evidence_url": observed.evidence_url,
        "evidence_document": observed.evidence_document_id,
        "formal_evaluation": observed.formal_evaluation,
        "evaluation_url": observed.evaluation_url,
        "evaluation_document": observed.evaluation_document_id,
    }


def _organization(organization: Organization) -> dict:
    return {
        "id": organization.id,
        "name": organization.name,
        "kind": organization.kind,
        "website": organization.website,
        "is_fictitious": organization.is_fictitious,
    }
