"""`/api/v1/` resources of the cases app: cases, organisations, and the reference data they use."""

from django.conf import settings
from django.db.models import ProtectedError, QuerySet
from django.http import HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.functional import Promise
from django.utils.http import http_date
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cases.api.export import CASE_COLUMNS, cases_for_export
from cases.api.pagination import CasePagination
from cases.api.serializers import (
    CaseSerializer,
    CollectiveDynamicSerializer,
    DepartmentSerializer,
    DomainSerializer,
    EngagementPracticeSerializer,
    OrganizationSerializer,
    PartnershipTypeSerializer,
    RegionSerializer,
    cases_with_relations,
    read_details,
)
from cases.api.writing import CaseWriteSerializer
from cases.filters import CaseFilter
from cases.models import Case, Organization
from cases.search import SearchResult, may_see_drafts, search
from foundation.api.renderers import streaming_csv_response
from foundation.api.viewsets import ApiViewSetMixin, CSVListMixin, rows_in_chunks
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)

WRITE_ACTIONS = {"create", "update", "partial_update"}


CONDITIONAL_HEADERS = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description=_("ETag déjà reçu : 304 s'il vaut encore."),
    ),
    OpenApiParameter(
        "If-Modified-Since",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description=_("Date HTTP : 304 si la fiche n'a pas changé depuis."),
    ),
    OpenApiParameter(
        "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200, 304], description=_("Version de la fiche.")
    ),
    OpenApiParameter(
        "Last-Modified",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description=_("Date de dernière modification de la fiche (`updated_at`)."),
    ),
]


WRITE_DESCRIPTION = _(
    "Réservé aux curateurs (jeton `Authorization: Token …` ou session). Les vocabulaires s'écrivent par "
    "leurs slugs, les territoires par leurs codes INSEE, les organisations par leur identifiant "
    '(`participations: [{"organization": 12, "role": "porteur"}]`) ; une liste envoyée remplace '
    "l'actuelle, une liste omise est gardée. Une valeur inconnue est une erreur 400 qui nomme le champ, et "
    "rien n'est écrit. La fiche est validée comme dans l'administration. `status` ne change qu'avec la "
    "permission de publier (403 sinon) et selon le circuit : brouillon → relecture → publiée → archivée "
    "(400 pour un passage impossible). La réponse est la fiche telle qu'on la lit."
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Études de cas"),
        description=format_lazy(
            _(
                "Les études de cas publiées (et, pour qui peut les modifier, les autres), filtrées comme sur /cas/, "
                "avec les facettes de la recherche. En CSV (`?format=csv`), toutes les lignes pour les curateurs, au "
                "plus {max_rows} pour les autres (400 au-delà) : la base entière est en données ouvertes sur "
                "/donnees/ (CSV, JSON et datapackage.json)."
            ),
            max_rows=settings.API_CSV_ANON_MAX_ROWS,
        ),
    ),
    create=extend_schema(
        summary=_("Créer une étude de cas"),
        description=WRITE_DESCRIPTION,
        request=CaseWriteSerializer,
        responses=CaseSerializer,
    ),
    update=extend_schema(
        summary=_("Remplacer une étude de cas"),
        description=WRITE_DESCRIPTION,
        request=CaseWriteSerializer,
        responses=CaseSerializer,
    ),
    partial_update=extend_schema(
        summary=_("Modifier une étude de cas"),
        description=WRITE_DESCRIPTION,
        request=CaseWriteSerializer,
        responses=CaseSerializer,
    ),
    destroy=extend_schema(summary=_("Supprimer une étude de cas")),
)
class CaseViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filterset_class = CaseFilter
    pagination_class = CasePagination
    csv_columns = CASE_COLUMNS
    csv_filename = "observatoire-cas.csv"

    def base_queryset(self) -> QuerySet:
        """What this user may read: published cases, and the others for those who may change cases."""
        return Case.objects.visible_to(self.request.user)

    def get_queryset(self) -> QuerySet:
        if self.action == "list":  # the search gives its results their tags; the rest is read for the page
            return self.base_queryset()
        return cases_with_relations(self.base_queryset())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            read_details(page)
        return page

    def get_serializer_class(self):
        return CaseWriteSerializer if self.action in WRITE_ACTIONS else CaseSerializer

    def get_csv_columns(self) -> dict:
        return {**self.csv_columns, "url": lambda case: self.request.build_absolute_uri(case.get_absolute_url())}

    def csv_response(self, queryset: SearchResult) -> HttpResponseBase:
        """Every matching case for those who may change cases; for everybody else, at most
        `API_CSV_ANON_MAX_ROWS`, and past that a 400 that points to the open-data dump of the whole base.

        A refusal rather than a cut file: a truncated CSV reads as a complete one in a spreadsheet or an
        import, and its reader would never know what is missing.
        """
        limit = None if may_see_drafts(self.request.user) else settings.API_CSV_ANON_MAX_ROWS
        if limit is not None and len(queryset) > limit:
            return self._too_many_rows(limit)
        ids = queryset.ids()
        return streaming_csv_response(rows_in_chunks(ids, cases_for_export), self.get_csv_columns(), self.csv_filename)

    def _too_many_rows(self, limit: int) -> Response:
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        dump = {
            name: self.request.build_absolute_uri(reverse("pages:opendata-file", args=[name]))
            for name in ("cas.csv", "cas.json", "datapackage.json")
        }
        rows = f"{limit:,}".replace(",", "\u202f")
        detail = (
            f"Cette recherche compte plus de {rows} études de cas ; l'export CSV de l'API en donne au plus "
            f"{rows} sans compte de curateur. Affinez la recherche (filtres, mots), ou téléchargez toute la "
            f"base en données ouvertes : {dump['cas.csv']} (fichiers et licence : "
            f"{self.request.build_absolute_uri(reverse('pages:opendata'))})."
        )
        data = {
            "detail": detail,
            "max_rows": limit,
            "opendata": {"page": self.request.build_absolute_uri(reverse("pages:opendata")), **dump},
        }
        return Response(data, status=status.HTTP_400_BAD_REQUEST)

    def filter_queryset(self, queryset):
        """The list is the site's search (cases.search), its parameters validated once: a 400 names a bad one."""
        if self.action != "list":
            return super().filter_queryset(queryset)
        self._result = search(self.request.GET, user=self.request.user, queryset=queryset)
        if not self._result.is_valid:
            raise translate_validation(self._result.errors)
        return self._result

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["facets"] = self._result.facets
        return response

    @extend_schema(
        summary=_("Une étude de cas"),
        parameters=CONDITIONAL_HEADERS,
        responses={
            200: CaseSerializer,
            304: OpenApiResponse(description=_("Pas modifiée depuis la version indiquée : aucun corps.")),
            412: OpenApiResponse(description=_("La précondition (If-Match, If-Unmodified-Since) n'est pas remplie.")),
        },
    )
    def retrieve(self, request, *args, **kwargs):
        """A case, with an ETag and Last-Modified from `updated_at` so that clients may revalidate cheaply."""
        case = self.get_object()
        etag = quote_etag(f"{case.pk}-{case.updated_at.timestamp():.6f}")
        last_modified = int(case.updated_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = Response(self.get_serializer(case).data)
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        return response


@extend_schema_view(
    list=extend_schema(
        summary=_("Organisations"),
        description=_(
            "Les organisations qui participent à au moins une étude de cas publiée (toutes, pour qui "
            "peut modifier les organisations)."
        ),
    ),
    retrieve=extend_schema(summary=_("Une organisation")),
    create=extend_schema(summary=_("Créer une organisation")),
    update=extend_schema(summary=_("Remplacer une organisation")),
    partial_update=extend_schema(summary=_("Modifier une organisation")),
    destroy=extend_schema(
        summary=_("Supprimer une organisation"),
        responses={
            204: None,
            409: OpenApiResponse(description=_("L'organisation participe encore à des études de cas.")),
        },
    ),
)
class OrganizationViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ModelViewSet):
    serializer_class = OrganizationSerializer
    lookup_value_regex = "[^/]+"
    filterset_fields = ["kind"]
    csv_columns = {
        "id": lambda organization: organization.pk,
        "name": lambda organization: organization.name,
        "kind": lambda organization: organization.kind,
        "department": lambda organization: organization.department_id or "",
        "website": lambda organization: organization.website,
        "country": lambda organization: organization.country.code,
        "is_fictitious": lambda organization: "true" if organization.is_fictitious else "false",
    }
    csv_filename = "observatoire-organisations.csv"

    def get_queryset(self) -> QuerySet:
        organizations = Organization.objects.order_by("name", "pk")
        if self.request.user.has_perm("cases.change_organization"):
            return organizations
        return organizations.public()

    def destroy(self, request, *args, **kwargs):
        try:
            return super().destroy(request, *args, **kwargs)
        except ProtectedError:
            detail = _("Cette organisation participe encore à des études de cas : retirez-la d'abord de celles-ci.")
            return Response({"detail": detail}, status=status.HTTP_409_CONFLICT)


def _documented(label: Promise, description: Promise):
    return extend_schema_view(
        list=extend_schema(summary=label, description=description),
        retrieve=extend_schema(summary=format_lazy(_("{label} : un élément"), label=label), description=description),
    )


class ReferenceViewSet(CSVListMixin, ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Reference data, read-only (administrators edit it in the admin), addressed by slug or INSEE code."""

    lookup_field = "slug"
    lookup_value_regex = "[^/]+"


def _columns(*names: str) -> dict:
    return {name: (lambda item, name=name: getattr(item, name)) for name in names}


VOCABULARY_COLUMNS = ["slug", "name", "description", "position"]


@_documented(
    _("Domaines de fragilité"),
    _("Les 16 domaines de fragilité, chacun dans un groupe de critères (économiques, sociaux, environnementaux)."),
)
class DomainViewSet(ReferenceViewSet):
    """The 16 fragility domains, each in one group of criteria (économique, social, environnemental)."""

    queryset = Domain.objects.all()
    serializer_class = DomainSerializer
    csv_columns = _columns(*VOCABULARY_COLUMNS, "group")
    csv_filename = "observatoire-domaines.csv"


@_documented(_("Pratiques partenariales"), _("Les pratiques partenariales, avec leur période d'émergence."))
class PartnershipTypeViewSet(ReferenceViewSet):
    """The partnership practices, with the period in which each emerged."""

    queryset = PartnershipType.objects.all()
    serializer_class = PartnershipTypeSerializer
    csv_columns = _columns(*VOCABULARY_COLUMNS, "era")
    csv_filename = "observatoire-pratiques-partenariales.csv"


@_documented(_("Pratiques d'engagement"), _("Les pratiques d'engagement."))
class EngagementPracticeViewSet(ReferenceViewSet):
    """The engagement practices."""

    queryset = EngagementPractice.objects.all()
    serializer_class = EngagementPracticeSerializer
    csv_columns = _columns(*VOCABULARY_COLUMNS)
    csv_filename = "observatoire-pratiques-engagement.csv"


@_documented(_("Dynamiques collectives territoriales"), _("Les dynamiques collectives territoriales."))
class CollectiveDynamicViewSet(ReferenceViewSet):
    """The collective territorial dynamics."""

    queryset = CollectiveDynamic.objects.all()
    serializer_class = CollectiveDynamicSerializer
    csv_columns = _columns(*VOCABULARY_COLUMNS)
    csv_filename = "observatoire-dynamiques-collectives.csv"


@_documented(_("Régions"), _("Les régions, de métropole et d'outre-mer, par code INSEE."))
class RegionViewSet(ReferenceViewSet):
    """The regions, metropolitan and overseas, by INSEE code."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    lookup_field = "code"
    csv_columns = _columns("code", "name", "zone")
    csv_filename = "observatoire-regions.csv"


@_documented(
    _("Départements"),
    _("Les départements, de métropole et d'outre-mer, par code INSEE ; `region` restreint la liste à une région."),
)
class DepartmentViewSet(ReferenceViewSet):
    """The departments, metropolitan and overseas, by INSEE code; `region` lists those of one region."""

    queryset = Department.objects.select_related("region")
    serializer_class = DepartmentSerializer
    lookup_field = "code"
    filterset_fields = ["region"]
    csv_columns = {**_columns("code", "name", "zone"), "region": lambda department: department.region_id}
    csv_filename = "observatoire-departements.csv"
