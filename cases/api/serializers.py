"""How cases, organisations, vocabularies and territories read and write in `/api/v1/`.

A case reads with its tags as `{slug, name}`, its territories as `{code, name}` and its organisations as
objects; it is written with plain keys (slugs, INSEE codes, organisation ids), the form a client
already holds, and validated by the model itself (`full_clean`) as in the admin.
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, transaction
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from cases.api.media import CaseDocumentSerializer, CaseImageSerializer
from cases.media import CaseDocument, CaseImage
from cases.models import Case, CaseImpact, Link, Organization, Participation
from cases.services import case_save
from observatoire.api.serializers import ModelCleanMixin, TextGuardMixin
from observatoire.reference.models import (
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
        help_text="Code INSEE du département (« 69 », « 2A »), ou null.",
    )

    page = serializers.SerializerMethodField(
        help_text="Adresse de sa page publique (404 tant qu'aucune de ses études de cas n'est publiée)."
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
        "description": "Adresse du lien ; vide quand la source ne l'a pas conservée (les envois exigent une adresse).",
    }
)
class LinkUrlField(serializers.URLField):
    """A link's address: the seeded links whose address the source lost store it empty."""


class LinkSerializer(TextGuardMixin, serializers.ModelSerializer):
    url = LinkUrlField(max_length=500)

    class Meta:
        model = Link
        fields = ["kind", "title", "url"]


def cases_with_relations(queryset: QuerySet) -> QuerySet:
    """Everything a case's representation reads, in a constant number of queries."""
    return cases_with_details(queryset.for_cards().prefetch_related("sdgs"))


# The relations a case's representation reads besides its tags, each prefetched into a list attribute:
# a list page of cases spends no related manager or queryset per case on them.
DETAILS = {
    "participation_list": "participations",
    "impact_list": "observed_impacts",
    "link_list": "links",
    "image_list": "images",
    "document_list": "documents",
}


def cases_with_details(queryset: QuerySet) -> QuerySet:
    """What a case's representation reads besides its tags (which a search gives its results)."""
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
    """Give `cases` what `cases_with_details` prefetches (organisations, links, photos, documents, into
    DETAILS' list attributes, in the same order), in one query instead of four.

    A list page is 20 to 100 cases, most with no link, photo or document, so the four prefetches would
    mostly run queries that find nothing; each row comes as JSON, ordered as its model's `Meta.ordering`.
    """
    if not cases:
        return
    if connection.vendor != "postgresql":  # the embedded demo: the ORM's prefetches
        prefetch_related_objects(cases, *_detail_prefetches())
        return
    by_id = {case.pk: case for case in cases}
    for case in cases:
        for name in DETAILS:
            case.__dict__[name] = []
    with connection.cursor() as cursor:
        cursor.execute(_DETAILS_SQL, [list(by_id)] * len(DETAILS))
        rows = cursor.fetchall()
    for name, case_id, data, related, _order in rows:
        case = by_id[case_id]
        item = _from_json(_DETAIL_MODELS[name], data)
        item.case = case
        if related is not None:  # a participation's organisation, an observed impact's term
            if name == "impact_list":
                item.impact = _from_json(Impact, related)
            else:
                item.organization = _from_json(Organization, related)
        case.__dict__[name].append(item)


def _from_json(model: type[Model], data: str) -> Model:
    """An instance of `model` from a row as `to_jsonb` writes it (Django reads jsonb as text)."""
    data, fields = json.loads(data), model._meta.concrete_fields
    return model.from_db(
        connection.alias, [field.attname for field in fields], [field.to_python(data[field.column]) for field in fields]
    )


_DETAIL_MODELS = {
    "participation_list": Participation,
    "impact_list": CaseImpact,
    "link_list": Link,
    "image_list": CaseImage,
    "document_list": CaseDocument,
}


def _details_sql() -> str:
    participation, organization = Participation._meta.db_table, Organization._meta.db_table
    # Table names from the models' own metadata; the ids are parameters.
    branches = [
        f"SELECT 'participation_list' AS name, p.case_id, to_jsonb(p) AS data, to_jsonb(o) AS organization,"  # noqa: S608
        f" row_number() OVER (ORDER BY p.case_id, p.role, o.name) AS n"
        f" FROM {participation} p JOIN {organization} o ON o.id = p.organization_id WHERE p.case_id = ANY(%s)"
    ]
    impact, term = CaseImpact._meta.db_table, Impact._meta.db_table
    branches.append(
        f"SELECT 'impact_list', t.case_id, to_jsonb(t), to_jsonb(i),"  # noqa: S608
        f" row_number() OVER (ORDER BY t.case_id, i.position, t.id)"
        f" FROM {impact} t JOIN {term} i ON i.id = t.impact_id WHERE t.case_id = ANY(%s)"
    )
    for name, model in _DETAIL_MODELS.items():
        if model not in {Participation, CaseImpact}:  # ordered as their Meta.ordering: case, position, pk
            branches.append(
                f"SELECT '{name}', t.case_id, to_jsonb(t), NULL::jsonb,"  # noqa: S608
                f" row_number() OVER (ORDER BY t.case_id, t.position, t.id)"
                f" FROM {model._meta.db_table} t WHERE t.case_id = ANY(%s)"
            )
    return " UNION ALL ".join(branches) + " ORDER BY name, n"


_DETAILS_SQL = _details_sql()


class CaseSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """A case as the API shows it: every public field, tags and territories named, the body twice."""

    url = serializers.SerializerMethodField(
        help_text="Adresse de la page publique (404 tant qu'elle n'est pas publiée)."
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
    body_html = serializers.CharField(read_only=True, help_text="La description rendue en HTML assaini.")
    scale = serializers.ChoiceField(choices=Case.Scale.choices, allow_blank=True, read_only=True)
    citation = serializers.CharField(source="citation_text", read_only=True, help_text="Comment citer la fiche.")

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
            "regions": [{"code": region.code, "name": region.name} for region in case.regions.all()],
            "departments": [{"code": place.code, "name": place.name} for place in case.departments.all()],
            "domains": _terms(case.domains),
            "partnership_types": _terms(case.partnership_types),
            "engagement_practices": _terms(case.engagement_practices),
            "dynamics": _terms(case.dynamics),
            "impacts": [_observed(impact) for impact in case.impact_list],
            "sdgs": [{"number": int(goal.number), "name": goal.name} for goal in case.sdgs.all()],
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


def _terms(terms) -> list[dict]:
    return [{"slug": term.slug, "name": term.name} for term in terms.all()]


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


# --- cases: writing --------------------------------------------------------------------------------


class ParticipationWriteSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), help_text="Identifiant d'une organisation (voir /api/v1/organizations/)."
    )
    role = serializers.ChoiceField(choices=Participation.Role.choices)


def _tags(model, help_text: str) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug", queryset=model.objects.all(), many=True, required=False, help_text=help_text
    )


def _territories(model, help_text: str) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=model.objects.all(), many=True, required=False, help_text=help_text
    )


class CaseImpactWriteSerializer(serializers.Serializer):
    impact = serializers.SlugRelatedField(
        slug_field="slug", queryset=Impact.objects.all(), help_text="Slug de l'impact (voir les impacts, p. 24)."
    )
    evidence = serializers.CharField(help_text="Ce qui atteste l'impact.")
    evidence_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    formal_evaluation = serializers.BooleanField(required=False, default=False)
    evaluation_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, data: dict) -> dict:
        if data.get("evaluation_url") and not data.get("formal_evaluation"):
            message = "Un rapport d'évaluation est donné : l'évaluation est formelle."
            raise serializers.ValidationError({"formal_evaluation": message})
        return data


TAG_FIELDS = ["domains", "partnership_types", "engagement_practices", "dynamics", "sdgs"]
TERRITORY_FIELDS = ["regions", "departments"]


class CaseWriteSerializer(CountryFieldMixin, TextGuardMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A case as a curator sends it. Lists given replace the current ones; lists left out are kept.

    `status` may change only for those allowed to publish, and only along the workflow's transitions.
    """

    domains = _tags(Domain, "Slugs des domaines de fragilité (voir /api/v1/domains/).")
    partnership_types = _tags(PartnershipType, "Slugs des pratiques partenariales.")
    engagement_practices = _tags(EngagementPractice, "Slugs des pratiques d'engagement.")
    dynamics = _tags(CollectiveDynamic, "Slugs des dynamiques collectives territoriales.")
    sdgs = serializers.PrimaryKeyRelatedField(
        queryset=SustainableDevelopmentGoal.objects.all(),
        many=True,
        required=False,
        help_text="Numéros des objectifs de développement durable (1 à 17).",
    )
    impacts = CaseImpactWriteSerializer(
        many=True, required=False, help_text="Les impacts observés et ce qui les atteste (remplace la liste)."
    )
    regions = _territories(Region, "Codes INSEE des régions (celles des départements sont ajoutées d'office).")
    departments = _territories(Department, "Codes INSEE des départements (« 69 », « 2A », « 974 »).")
    participations = ParticipationWriteSerializer(
        many=True, required=False, help_text="Les organisations de l'alliance et leur rôle."
    )
    links = LinkSerializer(many=True, required=False, help_text="Sources et documents, dans l'ordre.")
    status = serializers.ChoiceField(
        choices=Case.Status.choices,
        required=False,
        help_text="Changer le statut demande la permission de publier ; les passages suivent le circuit "
        "(brouillon → relecture → publiée → archivée).",
    )

    class Meta:
        model = Case
        fields = [
            "slug",
            "title",
            "summary",
            "title_en",
            "summary_en",
            "body",
            "outcomes",
            "start_year",
            "end_year",
            "scale",
            "place",
            "country",
            "is_fictitious",
            "source",
            "citation",
            *TAG_FIELDS,
            *TERRITORY_FIELDS,
            "impacts",
            "participations",
            "links",
            "status",
        ]

    def to_representation(self, instance: Case) -> dict:
        """A written case answers with the representation a read gives (tags named, organisations...)."""
        fresh = cases_with_relations(Case.objects.filter(pk=instance.pk)).get()
        return CaseSerializer(fresh, context=self.context).data

    def validate_status(self, status: str) -> str:
        case = self.instance if self.instance is not None else Case()
        try:
            case.check_move(status, user=self.context["request"].user)
        except DjangoValidationError as error:
            if error.code == "permission":
                raise PermissionDenied(error.message) from None
            raise serializers.ValidationError(error.messages) from None
        return status

    def validate_impacts(self, impacts: list[dict]) -> list[dict]:
        slugs = [item["impact"].slug for item in impacts]
        if len(slugs) != len(set(slugs)):
            raise serializers.ValidationError("Un impact figure deux fois.")
        return impacts

    def validate_participations(self, participations: list[dict]) -> list[dict]:
        pairs = [(item["organization"].pk, item["role"]) for item in participations]
        if len(pairs) != len(set(pairs)):
            raise serializers.ValidationError("Une organisation figure deux fois avec le même rôle.")
        return participations

    @transaction.atomic
    def create(self, validated_data: dict) -> Case:
        return self._save(Case(), validated_data)

    @transaction.atomic
    def update(self, instance: Case, validated_data: dict) -> Case:
        return self._save(instance, validated_data)

    def _save(self, case: Case, data: dict) -> Case:
        relations = {name: data.pop(name) for name in [*TAG_FIELDS, *TERRITORY_FIELDS] if name in data}
        participations = data.pop("participations", None)
        links = data.pop("links", None)
        impacts = data.pop("impacts", None)
        status = data.pop("status", None)
        try:
            return case_save(
                case,
                user=self.context["request"].user,
                fields=data,
                relations=relations,
                participations=participations,
                links=links,
                impacts=impacts,
                status=status,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"status": error.messages}) from None
