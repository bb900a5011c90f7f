from django.urls import path

from cases import countries, feeds, news, views

app_name = "cases"

# /cas/
urlpatterns = [
    path("", views.case_list, name="list"),
    path("flux/", feeds.case_feed, name="feed"),
    path("nouveautes/", news.news, name="news"),
    path("nouveautes/atom/", news.news_feed, name="news_feed"),
    path("nouveautes/<int:year>/<int:month>/", news.news_month, name="news_month"),
    path("pays/", countries.country_list, name="countries"),
    path("pays/<str:code>/", countries.country_detail, name="country"),
    path("<slug:slug>/", views.case_detail, name="detail"),
]
