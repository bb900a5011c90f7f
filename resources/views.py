"""The resource centre's pages: the faceted list `/ressources/`, a page each, and the Atom feed."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

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
    labels = {"kind": "Nature", "audience": "Public", "programme": "Programme", "year": "Année"}
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
        public_resources().prefetch_related("domains", "regions"),
        slug=slug,
    )
    return render(request, "resources/resource_detail.html", {"resource": resource})


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
