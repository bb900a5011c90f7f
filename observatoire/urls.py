from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

admin.site.site_header = "Observatoire des partenariats — curation"
admin.site.site_title = "Observatoire — curation"
admin.site.index_title = "Études de cas et enquêtes"

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/", include("observatoire.api.urls")),
    path("cas/", include("cases.urls")),
    path("enquetes/", include("surveys.urls")),
    path("", include("observatoire.pages.urls")),
]
