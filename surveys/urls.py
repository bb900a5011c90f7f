from django.urls import path

from surveys import views

app_name = "surveys"

# /enquetes/
urlpatterns = [
    path("", views.study_list, name="list"),
    path("<slug:slug>/", views.study_detail, name="study"),
    path("<slug:slug>/<slug:question_slug>/", views.question_detail, name="question"),
    path("<slug:slug>/<slug:question_slug>/graphique.svg", views.question_svg, name="question-svg"),
    path("<slug:slug>/<slug:question_slug>/graphique.json", views.question_metadata, name="question-metadata"),
    path("<slug:slug>/<slug:question_slug>/integrer/", views.question_embed, name="question-embed"),
]
