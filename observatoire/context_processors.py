"""What every page's template may read beyond its view's context."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.translation import get_language, get_language_info

# The fixed addresses of the site's header and footer, and of the search page, by the name the templates
# read them under (`{{ site_urls.cases }}`, a name no view uses for its own context). They are reversed once
# per URL configuration, script prefix and language (English addresses start with /en/) rather than by a
# `{% url %}` tag per link on every page.
LINKS = {
    "home": "pages:home",
    "cases": "cases:list",
    "news": "cases:news",
    "news_feed": "cases:news_feed",
    "feed": "cases:feed",
    "territories": "pages:territories",
    "domains": "pages:domains",
    "surveys": "surveys:list",
    "about": "pages:about",
    "propose": "proposals:propose",
    "sitemap": "pages:sitemap",
    "catalogue": "pages:opendata-catalogue-jsonld",
}
# Open Graph's locale of each language.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def site_urls(request) -> dict[str, dict[str, str]]:
    return {"site_urls": _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())}


@lru_cache(maxsize=16)
def _reversed(urlconf: str, prefix: str, _language: str) -> dict[str, str]:
    return {key: reverse(name, urlconf=urlconf) for key, name in LINKS.items()}


def languages(request) -> dict:
    """The page in each language: the switcher's links and the `hreflang` alternates.

    An address that names no page (a 404) has no alternates; the switcher then leads to the other
    language's home page.
    """
    current = get_language()
    path = request.get_full_path()
    home = _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), current)["home"]
    versions = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        info = get_language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
                "found": url != path or code == current,
            }
        )
    found = all(version["found"] for version in versions)
    if not found:
        for version in versions:
            if not version["current"]:
                version["url"] = translate_url(home, version["code"])
    default = next(version for version in versions if version["code"] == settings.LANGUAGE_CODE)
    # The address without its language prefix, for the header's "you are here" marks.
    prefix = f"/{current}/"
    page_path = (
        request.path[len(prefix) - 1 :]
        if current != settings.LANGUAGE_CODE and request.path.startswith(prefix)
        else request.path
    )
    return {
        "page_path": page_path,
        "page_languages": versions,
        "page_alternates": versions if found else [],
        "page_x_default": default["absolute_url"] if found else "",
        "og_locale": OG_LOCALES.get(current, current),
        "og_alternate_locales": [
            OG_LOCALES[v["code"]] for v in versions if not v["current"] and v["code"] in OG_LOCALES
        ],
    }
