from django.urls import path

from cases import feeds, views

app_name = "cases"

# /cas/
urlpatterns = [
    path("", views.case_list, name="list"),
    path("flux/", feeds.case_feed, name="feed"),
    path("<slug:slug>/", views.case_detail, name="detail"),
]
