"""How a case is written through `/api/v1/`: plain keys (slugs, INSEE codes, organisation ids), the form a client
already holds, validated by the model itself (`full_clean`) as in the admin; the answer is the case as read."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from cases.api.serializers import CaseSerializer, LinkSerializer, cases_with_relations
from cases.models import WRITABLE_FIELDS, Case, Organization, Participation
from cases.services import case_save
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


def _whole_items(items: list[dict], required: list[str]) -> None:
    """A list replaces the current one, so each of its items is whole, even in a PATCH (where DRF lets a
    nested item's required fields be left out)."""
    missing = [name for name in required if any(name not in item for item in items)]
    if missing:
        raise serializers.ValidationError(
            _("Chaque élément de la liste doit donner : %(fields)s (la liste remplace l'actuelle).")
            % {"fields": ", ".join(missing)}
        )


class ParticipationWriteSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        help_text=_("Identifiant d'une organisation (voir /api/v1/organizations/)."),
    )
    role = serializers.ChoiceField(choices=Participation.Role.choices)


def _tags(model, help_text: Promise) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug", queryset=model.objects.all(), many=True, required=False, help_text=help_text
    )


def _territories(model, help_text: Promise) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=model.objects.all(), many=True, required=False, help_text=help_text
    )


class CaseImpactWriteSerializer(TextGuardMixin, serializers.Serializer):
    impact = serializers.SlugRelatedField(
        slug_field="slug", queryset=Impact.objects.all(), help_text=_("Slug de l'impact (voir les impacts, p. 24).")
    )
    evidence = api_fields.TextField(help_text=_("Ce qui atteste l'impact."))
    evidence_url = api_fields.URLField(max_length=500, required=False, allow_blank=True, default="")
    formal_evaluation = serializers.BooleanField(required=False, default=False)
    evaluation_url = api_fields.URLField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, data: dict) -> dict:
        if data.get("evaluation_url") and not data.get("formal_evaluation"):
            message = _("Un rapport d'évaluation est donné : l'évaluation est formelle.")
            raise serializers.ValidationError({"formal_evaluation": message})
        return data


TAG_FIELDS = ["domains", "partnership_types", "engagement_practices", "dynamics", "sdgs"]
TERRITORY_FIELDS = ["regions", "departments"]


class CaseWriteSerializer(CountryFieldMixin, TextGuardMixin, ModelCleanMixin, serializers.ModelSerializer):
    """A case as a curator sends it. Lists given replace the current ones; lists left out are kept.

    `status` may change only for those allowed to publish, and only along the workflow's transitions.
    """

    domains = _tags(Domain, _("Slugs des domaines de fragilité (voir /api/v1/domains/)."))
    partnership_types = _tags(PartnershipType, _("Slugs des pratiques partenariales."))
    engagement_practices = _tags(EngagementPractice, _("Slugs des pratiques d'engagement."))
    dynamics = _tags(CollectiveDynamic, _("Slugs des dynamiques collectives territoriales."))
    sdgs = serializers.PrimaryKeyRelatedField(
        queryset=SustainableDevelopmentGoal.objects.all(),
        many=True,
        required=False,
        help_text=_("Numéros des objectifs de développement durable (1 à 17)."),
    )
    impacts = CaseImpactWriteSerializer(
        many=True, required=False, help_text=_("Les impacts observés et ce qui les atteste (remplace la liste).")
    )
    regions = _territories(Region, _("Codes INSEE des régions (celles des départements sont ajoutées d'office)."))
    departments = _territories(Department, _("Codes INSEE des départements (« 69 », « 2A », « 974 »)."))
    participations = ParticipationWriteSerializer(
        many=True, required=False, help_text=_("Les organisations de l'alliance et leur rôle.")
    )
    links = LinkSerializer(many=True, required=False, help_text=_("Sources et documents, dans l'ordre."))
    status = serializers.ChoiceField(
        choices=Case.Status.choices,
        required=False,
        help_text=_(
            "Changer le statut demande la permission de publier ; les passages suivent le circuit "
            "(brouillon → relecture → publiée → archivée)."
        ),
    )

    class Meta:
        model = Case
        # The organisations and the links are lists of their own, which the one-row-per-case file leaves out.
        fields = [*WRITABLE_FIELDS, "participations", "links"]

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
        _whole_items(impacts, ["impact"])
        slugs = [item["impact"].slug for item in impacts]
        if len(slugs) != len(set(slugs)):
            raise serializers.ValidationError(_("Un impact figure deux fois."))
        return impacts

    def validate_links(self, links: list[dict]) -> list[dict]:
        _whole_items(links, ["title", "url"])
        return links

    def validate_participations(self, participations: list[dict]) -> list[dict]:
        _whole_items(participations, ["organization", "role"])
        pairs = [(item["organization"].pk, item["role"]) for item in participations]
        if len(pairs) != len(set(pairs)):
            raise serializers.ValidationError(_("Une organisation figure deux fois avec le même rôle."))
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
