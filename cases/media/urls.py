from django.urls import path

from cases.media import views

app_name = "case_files"

# /fichiers/
urlpatterns = [
    path("cas/<int:case_id>/<str:filename>", views.case_file, name="file"),
]
