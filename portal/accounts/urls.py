from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", views.RegisterView.as_view(), name="register"),
    path("dang-ky/da-gui/", views.RegistrationSentView.as_view(), name="registration_sent"),
    path("kich-hoat/", views.ActivateByCodeView.as_view(), name="activate_by_code"),
    path("kich-hoat/<uidb64>/<token>/", views.activate, name="activate"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path("dat-lai-mat-khau/ma-sms/", views.PasswordResetByCodeView.as_view(), name="password_reset_by_code"),
    path("dat-lai-mat-khau/xong/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.totp_setup, name="totp_setup"),
    path("quan-ly/can-bo/", views.staff_list, name="staff_list"),
    path("quan-ly/can-bo/them/", views.staff_create, name="staff_create"),
    path("quan-ly/can-bo/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("quan-ly/can-bo/<int:pk>/khoa/", views.staff_set_active, {"active": False}, name="staff_lock"),
    path("quan-ly/can-bo/<int:pk>/mo-khoa/", views.staff_set_active, {"active": True}, name="staff_unlock"),
    path(
        "quan-ly/can-bo/<int:pk>/cap-lai-mat-khau/", views.staff_password_reset, name="staff_password_reset"
    ),
    path("quan-ly/nhat-ky-dang-nhap/", views.sign_in_log, name="sign_in_log"),
]
