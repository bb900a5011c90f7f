"""The API's root: one router gathering the resources of each app (`/api/v1/`)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from cases.api.urls import register as register_cases
from surveys.api.urls import register as register_surveys

router = DefaultRouter()
register_cases(router)
register_surveys(router)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
