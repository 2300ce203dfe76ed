from django.urls import path

from flows.payments import fake_gateway, views

app_name = "payments"

urlpatterns = [
    path("ho-so-cua-toi/<int:pk>/thanh-toan/", views.dossier_pay_online, name="pay_online"),
    path("thanh-toan/vnpay/ket-qua/", views.vnpay_return, name="vnpay_return"),
    path("thanh-toan/vnpay/ipn/", views.vnpay_ipn, name="vnpay_ipn"),
    # Development and tests only: answers 404 unless settings.PAYMENTS_FAKE_GATEWAY.
    path("cong-thanh-toan-thu/", fake_gateway.fake_gateway, name="fake_gateway"),
    path("xu-ly-ho-so/thu-phi/", views.staff_find_dossier, name="staff_find"),
    path("xu-ly-ho-so/<int:pk>/phi-va-ket-qua/", views.staff_dossier_fees, name="staff_dossier_fees"),
    path(
        "ho-so-cua-toi/<int:pk>/bien-lai/<int:payment_pk>.pdf",
        views.applicant_payment_receipt,
        name="payment_receipt",
    ),
    path(
        "xu-ly-ho-so/<int:pk>/bien-lai/<int:payment_pk>.pdf",
        views.staff_payment_receipt,
        name="staff_payment_receipt",
    ),
]
