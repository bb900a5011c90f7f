"""A case's photos and documents in `/api/v1/`: in the case's representation, and as nested resources
(`/api/v1/cases/<slug>/images/`, `…/documents/`) that curators add to (multipart), reorder, edit and delete.

Everybody reads the files of published cases; a draft's answer 404 to whoever may not see the draft.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser

from cases.media import CaseDocument, CaseImage, case_document_add, case_image_add
from cases.models import Case
from foundation.api.serializers import TextGuardMixin, as_drf_error
from foundation.api.viewsets import ApiViewSetMixin

NOT_REPLACEABLE = _("Le fichier ne se remplace pas : supprimez l'élément et ajoutez-en un autre.")


def _absolute(serializer: serializers.Serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class VariantSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)


class CaseFileSerializer(TextGuardMixin, serializers.ModelSerializer):
    """What photos and documents share: an address, a file sent once (multipart), the errors of the checks."""

    url = serializers.SerializerMethodField(help_text=_("Adresse du fichier (404 tant que l'étude n'est pas publiée)."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item) -> str:
        return _absolute(self, item.url)

    def validate_file(self, upload):
        if self.instance is not None:
            raise serializers.ValidationError(NOT_REPLACEABLE)
        return upload

    def validate(self, attrs):
        if self.instance is None and "file" not in attrs:
            raise serializers.ValidationError({"file": [_("Ce champ est obligatoire.")]})
        return attrs

    def create(self, validated_data: dict):
        upload, position = validated_data.pop("file"), validated_data.pop("position", None)
        try:
            item = self.add(self.context["case"], upload, **validated_data)
        except DjangoValidationError as error:
            raise (
                as_drf_error(error)
                if hasattr(error, "error_dict")
                else serializers.ValidationError({"file": error.messages})
            ) from None
        if position is not None:
            item.position = position
            item.save(update_fields=["position"])
        return item


class CaseImageSerializer(CaseFileSerializer):
    file = serializers.FileField(
        write_only=True, required=False, help_text=_("L'image (JPEG, PNG, WebP ou GIF), envoyée en multipart.")
    )
    variants = serializers.SerializerMethodField(
        help_text=_("Versions WebP pour la page, de la plus étroite à la plus large.")
    )

    class Meta:
        model = CaseImage
        fields = ["id", "url", "width", "height", "variants", "alt_text", "credit", "licence", "position", "file"]
        read_only_fields = ["id", "width", "height"]

    add = staticmethod(case_image_add)

    @extend_schema_field(VariantSerializer(many=True))
    def get_variants(self, image: CaseImage) -> list[dict]:
        return [{**variant, "url": _absolute(self, variant["url"])} for variant in image.variant_urls()]


class CaseDocumentSerializer(CaseFileSerializer):
    file = serializers.FileField(write_only=True, required=False, help_text=_("Le document PDF, envoyé en multipart."))

    class Meta:
        model = CaseDocument
        fields = ["id", "url", "title", "content_type", "size", "position", "file"]
        read_only_fields = ["id", "content_type", "size"]

    add = staticmethod(case_document_add)


def _described(kind: Promise, sent: Promise):
    write = format_lazy(
        _(
            "Réservé aux curateurs. {sent} Le fichier est vérifié d'après son contenu (pas son nom) ; un fichier "
            "refusé, trop lourd, ou au-delà du nombre de fichiers permis par étude est une erreur 400 qui dit "
            "pourquoi, et rien n'est enregistré."
        ),
        sent=sent,
    )
    lower = lazy(lambda: str(kind).lower(), str)()
    return extend_schema_view(
        list=extend_schema(
            summary=format_lazy(_("{kind} d'une étude de cas"), kind=kind), description=_("Dans l'ordre (`position`).")
        ),
        retrieve=extend_schema(summary=format_lazy(_("{kind} : un élément"), kind=kind)),
        create=extend_schema(summary=format_lazy(_("Ajouter : {kind}"), kind=lower), description=write),
        partial_update=extend_schema(
            summary=format_lazy(_("Modifier ou déplacer : {kind}"), kind=lower),
            description=_("Réservé aux curateurs. `position` règle l'ordre ; le fichier ne se remplace pas."),
        ),
        destroy=extend_schema(
            summary=format_lazy(_("Supprimer : {kind}"), kind=lower), description=_("Le fichier est supprimé avec.")
        ),
    )


class CaseFilesViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    pagination_class = None
    parser_classes = [MultiPartParser, JSONParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    case: Case | None = None

    def initial(self, request, *args, **kwargs):
        # Credentials and rights first, as for any write (an anonymous one is a 401 whatever the case), then
        # the case: the permission check reads the queryset's model only, before the case is known.
        super().initial(request, *args, **kwargs)
        slug = self.kwargs["case_slug"]
        self.case = Case.objects.visible_to(request.user).filter(slug=slug).first()
        if self.case is None:
            raise NotFound(_("Introuvable : étude de cas « %(slug)s ».") % {"slug": slug})

    def get_queryset(self) -> QuerySet:
        model = self.get_serializer_class().Meta.model
        return model.objects.filter(case=self.case) if self.case is not None else model.objects.none()

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "case": self.case}


@_described(_("Photos"), _("Champs : `file` (l'image), `alt_text` (obligatoire), `credit`, `licence`, `position`."))
class CaseImageViewSet(CaseFilesViewSet):
    serializer_class = CaseImageSerializer


@_described(_("Documents"), _("Champs : `file` (le PDF), `title` (obligatoire), `position`."))
class CaseDocumentViewSet(CaseFilesViewSet):
    serializer_class = CaseDocumentSerializer
