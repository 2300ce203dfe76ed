from django.urls import path

from services_catalog import views

app_name = "services_catalog"

urlpatterns = [
    path("api/v1/procedures/", views.procedures_api, name="procedures_api"),
    path("api/v1/communes/<int:province_code>/", views.communes_api, name="communes_api"),
    path("nhung/thu-tuc/", views.procedures_embed, name="procedures_embed"),
]
