from django.urls import path

from proposals import views

app_name = "proposals"

# /cas/proposer/
urlpatterns = [
    path("", views.propose, name="propose"),
    path("merci/", views.thanks, name="thanks"),
]
