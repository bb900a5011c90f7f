"""The API's root: one router gathering the resources of each app (`/api/v1/`)."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from cases.api.urls import register as register_cases
from indicators.api.urls import register as register_indicators
from observatoire.api.profiles import DepartmentProfileViewSet, RegionProfileViewSet
from observatoire.api.views import ApiDocsView, ApiRootView, ApiSchemaView, not_found
from resources.api.urls import register as register_resources
from surveys.api.urls import register as register_surveys

router = DefaultRouter()
router.APIRootView = ApiRootView
# `?format=` is the one way to choose a format; suffixes (`/cases.csv`) would be a second, undocumented one.
router.include_format_suffixes = False
register_cases(router)
register_surveys(router)
register_indicators(router)
register_resources(router)
router.register("profiles/regions", RegionProfileViewSet, basename="region-profile")
router.register("profiles/departments", DepartmentProfileViewSet, basename="department-profile")

# /api/
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", ApiSchemaView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^(?P<path>.*)$", not_found),
]
