from django.urls import path

from surveys import views

app_name = "surveys"

# /enquetes/
urlpatterns = [
    path("", views.study_list, name="list"),
    path("<slug:slug>/", views.study_detail, name="study"),
    path("<slug:slug>/<slug:question_slug>/", views.question_detail, name="question"),
]
