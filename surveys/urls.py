app_name = "surveys"

# /enquetes/
urlpatterns: list = []
