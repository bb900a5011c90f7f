from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Observatoire des partenariats — curation"
admin.site.site_title = "Observatoire — curation"
admin.site.index_title = "Études de cas et enquêtes"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("observatoire.api.urls")),
    path("cas/", include("cases.urls")),
    path("enquetes/", include("surveys.urls")),
    path("", include("observatoire.pages.urls")),
]
