from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from cases import directory_urls
from foundation.security import view_on_site
from observatoire import errors
from observatoire.health import health
from resources import urls as resource_urls

admin.site.site_header = "Observatoire des partenariats — curation"
admin.site.site_title = "Observatoire — curation"
admin.site.index_title = "Études de cas et enquêtes"

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("sante/", health, name="health"),
    path("healthz", health),
    # Before the admin's own `r/` route, which checks no permission.
    path("admin/r/<path:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("api/", include("observatoire.api.urls")),
    # Case files are served by address, whatever the page that links them.
    path("fichiers/", include("cases.media.urls")),
    path("fichiers/ressources/", include(resource_urls.files)),
]

# Public pages: French at these addresses, English under /en/ (foundation/languages.py). The machine
# addresses above (health, admin, API, files) have one address each.
urlpatterns += i18n_patterns(
    # Before the cases' own `<slug>/` route (the slug is reserved in cases.models.RESERVED_SLUGS).
    path("cas/proposer/", include("proposals.urls")),
    path("cas/", include("cases.urls")),
    path("organisations/", include(directory_urls.organizations)),
    path("collections/", include(directory_urls.collections)),
    path("odd/", include(directory_urls.sdgs)),
    path("enquetes/", include("surveys.urls")),
    path("ressources/", include("resources.urls")),
    path("programmes/", include("observatoire.pages.programmes")),
    path("pour/", include("observatoire.pages.audiences")),
    path("a-propos/notions/", include("observatoire.pages.notions")),
    path("", include("observatoire.pages.urls")),
    prefix_default_language=False,
)

# Pages in the site's layout and the request's language, JSON under /api/ (observatoire/errors.py).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
