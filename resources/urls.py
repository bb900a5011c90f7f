from django.urls import path

from resources import views

app_name = "resources"

# /ressources/
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("flux/", views.ResourceFeed(), name="feed"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
]

# /fichiers/ressources/: the stored files, by their content's hash (resources.views.resource_file checks who asks)
files = ([path("<str:filename>", views.resource_file, name="file")], "resource_files")
