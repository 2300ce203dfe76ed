from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("tim-kiem/goi-y/", views.suggestions, name="suggestions"),
]
