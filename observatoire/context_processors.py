"""What every page's template may read beyond its view's context."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The fixed addresses of the site's header and footer, and of the search page, by the name the templates
# read them under (`{{ site_urls.cases }}`, a name no view uses for its own context). They are reversed once
# per URL configuration and script prefix rather than by a `{% url %}` tag per link on every page.
LINKS = {
    "home": "pages:home",
    "cases": "cases:list",
    "news": "cases:news",
    "news_feed": "cases:news_feed",
    "feed": "cases:feed",
    "territories": "pages:territories",
    "domains": "pages:domains",
    "about": "pages:about",
    "propose": "proposals:propose",
    "sitemap": "pages:sitemap",
    "catalogue": "pages:opendata-catalogue-jsonld",
}


def site_urls(request) -> dict[str, dict[str, str]]:
    return {"site_urls": _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())}


@lru_cache(maxsize=16)
def _reversed(urlconf: str, prefix: str) -> dict[str, str]:
    return {key: reverse(name, urlconf=urlconf) for key, name in LINKS.items()}
