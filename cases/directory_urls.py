from django.urls import path

from cases import directory

# /organisations/
organizations = (
    [
        path("", directory.organization_list, name="list"),
        path("<slug:slug>/", directory.organization_detail, name="detail"),
    ],
    "organizations",
)

# /collections/
collections = (
    [
        path("", directory.collection_list, name="list"),
        path("<slug:slug>/", directory.collection_detail, name="detail"),
    ],
    "collections",
)

# /odd/
sdgs = ([path("<int:number>/", directory.sdg_detail, name="detail")], "sdgs")
