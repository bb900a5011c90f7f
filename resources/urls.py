from django.urls import path

from resources import views

app_name = "resources"

# /ressources/
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("flux/", views.ResourceFeed(), name="feed"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
]
