from django.urls import path

from flows import eform_data_views, open_data, statistics_views, views
from flows.access_log import views as access_views

urlpatterns = [
    path("nop-ho-so/", views.procedure_choose, name="choose"),
    path("nop-ho-so/<str:procedure_code>/", views.dossier_submit, name="submit"),
    path("ho-so-cua-toi/", views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("ho-so-cua-toi/<int:pk>/bo-sung/", views.dossier_supplement, name="dossier_supplement"),
    path("ho-so-cua-toi/<int:pk>/rut/", views.dossier_withdraw, name="dossier_withdraw"),
    path("ho-so-cua-toi/<int:pk>/ket-qua/<int:file_pk>/", views.result_download, name="result_download"),
    path("ho-so/<int:dossier_pk>/tep/<int:file_pk>/", views.file_download, name="file_download"),
    path("tra-cuu-ho-so/", views.dossier_lookup, name="lookup"),
    path("xu-ly-ho-so/tiep-nhan/", views.staff_paper_register_choose, name="staff_register_choose"),
    path("xu-ly-ho-so/tiep-nhan/<str:procedure_code>/", views.staff_paper_register, name="staff_register"),
    path("xu-ly-ho-so/tep-ma-doc/", views.staff_malware_incidents, name="staff_malware_incidents"),
    path("xu-ly-ho-so/<int:pk>/dung-xu-ly/", views.staff_dossier_stop, name="staff_stop"),
    path("xu-ly-ho-so/<int:pk>/giay-tiep-nhan/", views.staff_dossier_receipt, name="staff_receipt"),
    path("xu-ly-ho-so/<int:pk>/xin-loi/", views.staff_dossier_apologise, name="staff_apologise"),
    path(
        "xu-ly-ho-so/<int:pk>/ket-qua/<int:file_pk>/",
        views.staff_result_download,
        name="staff_result_download",
    ),
    path("xu-ly-ho-so/du-lieu-to-khai/", eform_data_views.eform_data_choose, name="staff_eform_data_choose"),
    path(
        "xu-ly-ho-so/du-lieu-to-khai/<str:procedure_code>/",
        eform_data_views.eform_data,
        name="staff_eform_data",
    ),
    path("xu-ly-ho-so/nhat-ky-truy-cap/", access_views.access_log_export, name="access_log_export"),
    path("ho-so-cua-toi/<int:pk>/danh-gia/", views.dossier_rate, name="dossier_rate"),
    path("thong-ke/", statistics_views.statistics_public, name="statistics"),
    path("api/v1/statistics/", open_data.statistics_api, name="statistics_api"),
    path(
        "thong-ke/xuat/<slug:table>.<str:fmt>", statistics_views.statistics_export, name="statistics_export"
    ),
    path("xu-ly-ho-so/thong-ke/", statistics_views.staff_statistics, name="staff_statistics"),
    path(
        "xu-ly-ho-so/thong-ke/xuat/<slug:table>.<str:fmt>",
        statistics_views.staff_statistics_export,
        name="staff_statistics_export",
    ),
    path(
        "xu-ly-ho-so/thong-ke/ho-so/",
        statistics_views.staff_statistics_dossiers,
        name="staff_statistics_dossiers",
    ),
    path(
        "xu-ly-ho-so/thong-ke/bao-cao-dinh-ky/",
        statistics_views.staff_report_periodic,
        name="staff_report_periodic",
    ),
    path(
        "xu-ly-ho-so/thong-ke/bao-cao-nam/", statistics_views.staff_report_annual, name="staff_report_annual"
    ),
]
