from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("thong-bao-su-co/", views.incident_archive, name="incident_archive"),
    path("thong-tin-phien-ban/", views.release_notes, name="release_notes"),
    path("xu-ly-ho-so/su-co/<int:pk>/thong-bao/", views.incident_notify, name="incident_notify"),
]
