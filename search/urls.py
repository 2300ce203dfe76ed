from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("tim-kiem/goi-y/", views.suggestions, name="suggestions"),
    path("tim-kiem/khong-chon/", views.no_click, name="no_click"),
    path("tim-kiem/khong-thay/", views.nothing_found, name="nothing_found"),
]
