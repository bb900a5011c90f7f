from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from observatoire.pages import about, chart_views, downloads, home, national, opendata, territories
from observatoire.pages.sitemaps import SITEMAPS

app_name = "pages"

# /
urlpatterns = [
    path("", home.home, name="home"),
    path("a-propos/", about.about, name="about"),
    path("a-propos/indicateurs/", about.about_indicators, name="about-indicators"),
]

# /territoires/ and /domaines/
urlpatterns += [
    path("territoires/", territories.territories, name="territories"),
    # A literal route before `<code>`: region and department codes are digits (and 2A, 2B), never "france".
    path("territoires/france/", national.france, name="france"),
    path("territoires/france/rapport/", national.france_report, name="france-report"),
    path("territoires/france/rapport.pdf", national.france_report_pdf, name="france-report-pdf"),
    path("territoires/france/regions.csv", downloads.france_csv, name="france-csv"),
    path("territoires/carte.csv", downloads.map_csv, name="map-csv"),
    path("territoires/carte.svg", chart_views.map_svg, name="map-svg"),
    path("territoires/carte.json", chart_views.map_metadata, name="map-metadata"),
    path("territoires/carte/integrer/", chart_views.map_embed, name="map-embed"),
    path("territoires/<str:code>/", territories.territory, name="territory"),
    path("territoires/<str:code>/profil.csv", downloads.region_csv, name="territory-csv"),
    path("territoires/<str:code>/departements.csv", downloads.region_departments_csv, name="territory-departments-csv"),
    path("territoires/<str:code>/priorites.svg", chart_views.region_priorities_svg, name="territory-chart"),
    path("territoires/<str:code>/priorites.csv", chart_views.region_priorities_csv, name="territory-priorities-csv"),
    path(
        "territoires/<str:code>/priorites.json",
        chart_views.region_priorities_metadata,
        name="territory-priorities-metadata",
    ),
    path(
        "territoires/<str:code>/priorites/integrer/",
        chart_views.region_priorities_embed,
        name="territory-priorities-embed",
    ),
    path("territoires/<str:code>/rapport/", territories.territory_report, name="territory-report"),
    path("territoires/<str:code>/rapport.pdf", territories.territory_report_pdf, name="territory-report-pdf"),
    path("domaines/", home.domains, name="domains"),
    path("domaines/<slug:slug>/", home.domain, name="domain"),
]

# /donnees/: the whole base as open data
urlpatterns += [
    path("donnees/", opendata.index, name="opendata"),
    path("donnees/catalogue.jsonld", opendata.catalogue, {"ext": "jsonld"}, name="opendata-catalogue-jsonld"),
    path("donnees/catalogue.ttl", opendata.catalogue, {"ext": "ttl"}, name="opendata-catalogue-ttl"),
    path("donnees/<str:name>", opendata.download, name="opendata-file"),
]

# /territoires/departements/: department codes ("11" is Aude) collide with region codes ("11" is Île-de-France)
urlpatterns += [
    path("territoires/departements/<str:code>/", territories.department, name="department"),
    path("territoires/departements/<str:code>/profil.csv", downloads.department_csv, name="department-csv"),
    path(
        "territoires/departements/<str:code>/priorites.svg",
        chart_views.department_priorities_svg,
        name="department-chart",
    ),
    path(
        "territoires/departements/<str:code>/priorites.csv",
        chart_views.department_priorities_csv,
        name="department-priorities-csv",
    ),
    path(
        "territoires/departements/<str:code>/priorites.json",
        chart_views.department_priorities_metadata,
        name="department-priorities-metadata",
    ),
    path(
        "territoires/departements/<str:code>/priorites/integrer/",
        chart_views.department_priorities_embed,
        name="department-priorities-embed",
    ),
    path("territoires/departements/<str:code>/rapport/", territories.department_report, name="department-report"),
    path(
        "territoires/departements/<str:code>/rapport.pdf",
        territories.department_report_pdf,
        name="department-report-pdf",
    ),
]

# What robots read
urlpatterns += [
    path("robots.txt", home.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "pages:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
