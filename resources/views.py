"""The resource centre's pages: the faceted list `/ressources/`, a page each, its file, and the Atom feed."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from cases.media.views import FILE_CSP, PRIVATE_CACHE, PUBLIC_CACHE
from resources.filters import ResourceFilter, resource_facets
from resources.models import Resource

FEED_SIZE = 50


def public_resources():
    return Resource.objects.published().select_related("programme").prefetch_related("audiences")


@require_safe
def resource_list(request: HttpRequest) -> HttpResponse:
    filterset = ResourceFilter(request.GET, queryset=Resource.objects.published())
    valid = filterset.is_valid()
    selected = {name: set(request.GET.getlist(name)) for name in filterset.filters}
    facets = resource_facets(request.GET, Resource.objects.published()) if valid else {}
    resources = public_resources().filter(pk__in=filterset.qs.values("pk")) if valid else Resource.objects.none()
    resources = list(resources.order_by("-year", "title"))
    labels = {
        "kind": "Nature",
        "audience": "Public",
        "programme": "Programme",
        "sdg": "Objectifs de développement durable",
        "year": "Année",
    }
    context = {
        "resources": resources,
        "count": len(resources),
        "facets": [
            (name, labels[name], [item | {"checked": item["value"] in selected[name]} for item in items])
            for name, items in facets.items()
        ],
        "errors": filterset.errors,
        "filtered": any(selected.values()),
    }
    return render(request, "resources/resource_list.html", context, status=200 if valid else 400)


@require_safe
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_object_or_404(
        public_resources().prefetch_related("domains", "regions", "sdgs"),
        slug=slug,
    )
    return render(request, "resources/resource_detail.html", {"resource": resource})


NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|odt|ods|odp|docx|xlsx|pptx)$")


@require_safe
def resource_file(request: HttpRequest, filename: str) -> HttpResponseBase:
    """A resource's file, to everybody once the resource is published, to its curators before; 404 otherwise,
    whatever name is guessed. Cached for good when public (its name is its content's hash)."""
    if not NAME.match(filename):
        raise Http404("Pas de tel fichier.")
    name = f"ressources/{filename}"
    visible = (
        Resource.objects.all() if request.user.has_perm("resources.change_resource") else Resource.objects.published()
    )
    resource = visible.filter(file=name).order_by("-status").first()  # a published one first
    if resource is None:
        raise Http404("Pas de tel fichier.")
    public = resource.status == Resource.Status.PUBLISHED
    cache_control = PUBLIC_CACHE if public else PRIVATE_CACHE
    disposition = content_disposition_header(False, resource.download_name)
    if settings.CASE_FILES_SIGNED_URLS:
        seconds = settings.CASE_FILES_SIGNED_URL_SECONDS
        parameters = {
            "ResponseContentType": resource.file_type,
            "ResponseCacheControl": cache_control,
            "ResponseContentDisposition": disposition,
        }
        response = HttpResponseRedirect(default_storage.url(name, parameters=parameters, expire=seconds))
        response.headers["Cache-Control"] = f"public, max-age={seconds // 2}" if public else PRIVATE_CACHE
    else:
        try:
            stream = default_storage.open(name)
        except FileNotFoundError:
            raise Http404("Pas de tel fichier.") from None
        response = FileResponse(stream, content_type=resource.file_type)
        response.headers["Content-Disposition"] = disposition
        response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    response._csp_config = FILE_CSP
    return response


class ResourceFeed(Feed):
    feed_type = Atom1Feed
    title = "Ressources de l'Observatoire des partenariats"
    link = "/ressources/"
    feed_url = "/ressources/flux/"
    subtitle = "Rapports, kits, outils, guides, lettres, articles, expositions et événements de l'Observatoire."
    author_name = "Observatoire des partenariats"

    def items(self):
        return public_resources().order_by("-updated_at", "title")[:FEED_SIZE]

    def item_title(self, resource: Resource) -> str:
        return f"{resource.title} ({resource.get_kind_display()})"

    def item_description(self, resource: Resource) -> str:
        parts = [resource.date_label, resource.quote or resource.summary, resource.citation]
        return " — ".join(part for part in parts if part)

    def item_updateddate(self, resource: Resource):
        return resource.updated_at

    def item_pubdate(self, resource: Resource):
        return resource.created_at
