"""The Q&A flow's pages. They keep the `flows:` names: `portal.urls` includes them with `flows.urls`."""

from django.urls import path

from flows.feedback import views

urlpatterns = [
    path("cau-hoi-cua-toi/", views.my_questions, name="my_questions"),
    path("cau-hoi-cua-toi/<int:pk>/", views.my_question_detail, name="my_question"),
    path("xu-ly-ho-so/phan-anh/", views.feedback_register, name="feedback_register"),
    path("xu-ly-ho-so/phan-anh/ghi-nhan/", views.feedback_record, name="feedback_record"),
    path("xu-ly-ho-so/phan-anh/<int:pk>/tep/", views.feedback_attachment, name="feedback_attachment"),
]
