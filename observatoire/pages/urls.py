from django.urls import path

from observatoire.pages import views

app_name = "pages"

# /
urlpatterns = [
    path("", views.home, name="home"),
]
