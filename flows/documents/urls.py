"""The paper documents' pages. They keep the `flows:` names: `portal.urls` includes them with `flows.urls`."""

from django.urls import path

from flows.documents import views

urlpatterns = [
    path("ho-so-cua-toi/<int:pk>/giay-to/<slug:slug>.pdf", views.applicant_document, name="document"),
    path("xu-ly-ho-so/<int:pk>/giay-to/<slug:slug>.pdf", views.staff_document, name="staff_document"),
    path("xu-ly-ho-so/so-theo-doi/", views.staff_register, name="staff_register_book"),
]
