"""What the generated OpenAPI schema says beyond drf-spectacular's defaults.

The schema is a contract that clients are generated from and that schemathesis checks, so it must be
exact: every error status an operation can answer, the CSV variant of lists, and filter values
enumerated from the reference data (an unknown slug is a 400, so the valid ones must be listed).
"""

import re

from django.db import DatabaseError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, build_array_type, build_parameter_type
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import SAFE_METHODS

from foundation.api.renderers import CSVRenderer, describe_columns

ERROR = ResolvedComponent(
    name="Error",
    type=ResolvedComponent.SCHEMA,
    object="Error",
    schema={
        "type": "object",
        "properties": {
            "detail": {
                "type": "string",
                "description": _("Explication de l'erreur, dans la langue d'Accept-Language (français par défaut)."),
            }
        },
        "required": ["detail"],
    },
)
VALIDATION_ERROR = ResolvedComponent(
    name="ValidationError",
    type=ResolvedComponent.SCHEMA,
    object="ValidationError",
    schema={
        "type": "object",
        "description": _(
            "Chaque clé nomme le paramètre ou le champ refusé (`non_field_errors` pour une règle qui porte "
            "sur plusieurs champs) ; sa valeur est la liste des messages, ou, pour un champ composé, "
            "les erreurs de ses parties. Une requête refusée en bloc (caractère nul, export CSV trop grand) "
            "répond par `detail`."
        ),
        "properties": {
            "detail": {
                "type": "string",
                "description": _("Explication de l'erreur, dans la langue d'Accept-Language (français par défaut)."),
            },
            "max_rows": {
                "type": "integer",
                "description": _("Export CSV refusé : le nombre de lignes au plus pour ce client."),
            },
            "opendata": {
                "type": "object",
                "description": _("Export CSV refusé : les adresses de la base entière en données ouvertes."),
                "additionalProperties": {"type": "string"},
            },
        },
        "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "object"}]},
        "example": {"domain": ["Sélectionnez un choix valide. inconnu n’en fait pas partie."]},
    },
)

DESCRIPTIONS = {
    "200": _("Succès."),
    "201": _("Créée."),
    "204": _("Supprimée : aucun corps."),
    "400": _("Paramètre ou donnée invalide : la réponse nomme chaque paramètre ou champ refusé."),
    "401": _("Authentification requise, ou jeton invalide."),
    "403": _("Authentifié, mais sans la permission nécessaire."),
    "404": _("Ressource introuvable (ou page au-delà de la dernière)."),
    "406": _("Aucun format disponible ne correspond à l'en-tête Accept."),
    "409": _("Conflit avec l'état des données."),
    "415": _("Le corps de la requête doit être du JSON (Content-Type: application/json)."),
    "412": _("La précondition (If-Match, If-Unmodified-Since) n'est pas remplie."),
    "429": _("Trop de requêtes : réessayer après le délai indiqué par Retry-After."),
}
# Statuses answered with a JSON body (DRF's `{"detail": …}`, or the field errors for a 400).
JSON_ERRORS = {"400", "401", "403", "404", "406", "409", "415", "429"}
NO_NUL = "^[^\\u0000]*$"
RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer"}, "description": _("Secondes à attendre avant de réessayer.")}
}


class ApiAutoSchema(AutoSchema):
    """Adds the error responses and the CSV format to every operation of the API's viewsets."""

    def get_auth(self) -> list[dict]:
        # Anonymous reads are allowed (DjangoModelPermissionsOrAnonReadOnly): the operation is public, and
        # shown without a padlock. Credentials remain accepted (a curator's token also reads drafts).
        anonymous_reads = any(
            getattr(permission, "authenticated_users_only", True) is False for permission in self.view.get_permissions()
        )
        if self.method in SAFE_METHODS and anonymous_reads:
            return []
        return super().get_auth()

    def _tokenize_path(self) -> list[str]:
        # Tags and operation ids name the resource (`casesList`), not the version (`v1CasesList`).
        tokens = super()._tokenize_path()
        return tokens[1:] if tokens and re.fullmatch(r"v\d+", tokens[0]) else tokens

    def get_operation(self, *args, **kwargs) -> dict | None:
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            # A single-valued query parameter sent empty counts as absent (as in an HTML form): say so.
            if parameter["in"] == "query" and parameter["schema"].get("type") != "array":
                parameter["allowEmptyValue"] = True
        return operation

    def get_operation_id(self) -> str:
        # camelCase: Swagger UI's deep links read "_" as an escaped space (and log an error about it).
        first, *rest = super().get_operation_id().split("_")
        return first + "".join(word.capitalize() for word in rest)

    def get_description(self) -> str:
        # Docstrings are written for developers, in English; the documentation says it with @extend_schema.
        return ""

    def _map_basic_serializer(self, serializer, direction) -> dict:
        schema = super()._map_basic_serializer(serializer, direction)
        schema.pop("description", None)  # a serializer's docstring, for developers (see get_description)
        return schema

    def _error_codes(self) -> list[str]:
        codes = ["401", "406", "429"]
        has_lookup = "{" in self.path
        if self.method == "GET":
            codes += ["400", "404"] if self._is_list_view() else ["404"]
        elif self.method == "POST":
            # A nested collection (`/cases/{case_slug}/images/`) answers 404 for an unknown parent.
            codes += ["400", "403", "404", "415"] if has_lookup else ["400", "403", "415"]
        elif self.method in {"PUT", "PATCH"}:
            codes += ["400", "403", "404", "415"]
        elif self.method == "DELETE":
            codes += ["403", "404"] if has_lookup else ["403"]
        return sorted(codes)

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(code, {})
        for code, response in responses.items():
            if code in JSON_ERRORS and not response.get("content"):
                component = VALIDATION_ERROR if code == "400" else ERROR
                self.registry.register_on_missing(component)
                response["content"] = {"application/json": {"schema": component.ref}}
            if not response.get("description") or response["description"] == "No response body":
                response["description"] = DESCRIPTIONS.get(code, "")
            if code == "429":
                response["headers"] = RETRY_AFTER
        columns = self._csv_columns()
        if columns and "200" in responses:
            responses["200"].setdefault("content", {})["text/csv"] = {
                "schema": {
                    "type": "string",
                    "description": gettext(
                        "CSV (RFC 4180, UTF-8, séparateur virgule) de toutes les lignes qui répondent aux filtres, "
                        "sans pagination. Colonnes : %(columns)s. Plusieurs valeurs dans une cellule sont séparées "
                        "par `|`. Une cellule qui commencerait par `=`, `+`, `-`, `@`, une tabulation ou un retour "
                        "chariot est précédée d'une apostrophe."
                    )
                    % {"columns": describe_columns(columns)},
                }
            }
        return responses

    def map_renderers(self, attribute: str) -> list:
        # The CSV variant is described by hand (a string, not the JSON schema of the list).
        return [
            value
            for value in super().map_renderers(attribute)
            if value not in {CSVRenderer.media_type, CSVRenderer.format}
        ]

    def get_override_parameters(self) -> list:
        parameters = super().get_override_parameters()
        columns = self._csv_columns()
        if columns:
            parameters.append(
                OpenApiParameter(
                    "format",
                    str,
                    enum=["json", "csv"],
                    description=gettext(
                        "`json` (par défaut) ou `csv` : toutes les lignes qui répondent aux filtres, sans pagination, "
                        "en flux. Colonnes : %(columns)s."
                    )
                    % {"columns": describe_columns(columns)},
                )
            )
        return parameters

    def _csv_columns(self) -> dict | None:
        if self.method != "GET" or not self._is_list_view():
            return None
        return getattr(self.view, "csv_columns", None)


class EnumeratedFilterExtension(DjangoFilterExtension):
    """django-filter parameters, with the values of model choices listed and the fields' bounds.

    A filter on a vocabulary or a territory accepts only existing slugs or codes; the schema lists
    them (read from the database when the schema is generated) so that a client knows them and a
    generated request is never refused for a value the schema allowed.
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, filters.ModelChoiceFilter | filters.ModelMultipleChoiceFilter):
            return [self._model_choice_parameter(field_name, filter_field)]
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        bounds = {
            "minimum": filter_field.extra.get("min_value"),
            "maximum": filter_field.extra.get("max_value"),
            "maxLength": filter_field.extra.get("max_length"),
        }
        if isinstance(filter_field, filters.CharFilter):
            bounds["pattern"] = NO_NUL  # Django's form fields refuse NUL characters
        for parameter in parameters:
            parameter["schema"].update({key: value for key, value in bounds.items() if value is not None})
        return parameters

    def _model_choice_parameter(self, field_name: str, filter_field) -> dict:
        key = filter_field.extra.get("to_field_name") or "pk"
        try:
            values = [str(value) for value in filter_field.extra["queryset"].values_list(key, flat=True)]
            schema = {"type": "string", "enum": values}
        except DatabaseError:
            # A schema made without a migrated database (a system check at build time) lists no values.
            schema = {"type": "string"}
        multiple = isinstance(filter_field, filters.ModelMultipleChoiceFilter)
        return build_parameter_type(
            name=field_name,
            required=filter_field.extra["required"],
            location=OpenApiParameter.QUERY,
            description=str(filter_field.label or ""),
            schema=build_array_type(schema) if multiple else schema,
            explode=True if multiple else None,
            style="form" if multiple else None,
        )
