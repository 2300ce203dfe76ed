"""An e-form on the test procedure (Đăng ký khai sinh) and submitted dossiers that carry answers.

The answers are set on the dossier directly, as the citizen's form (issue 18a) would store them.
"""

import pytest

from services_catalog.eforms import EFormField, eform_version_current

from ..helpers import submitted_dossier

CHILD_NAME = "Nguyễn Minh Khôi"
MOTHER_NAME = "Trần Thị Thu Hà"


def eform_add(procedure, fields: list[tuple], *, start: int = 0) -> None:
    for order, (label, field_type, extra) in enumerate(fields, start=start):
        EFormField.objects.create(
            procedure=procedure, sort_order=order, label=label, field_type=field_type, **extra
        )


BIRTH_FIELDS = [
    ("Người được khai sinh", "section", {}),
    ("Họ, chữ đệm, tên", "singleline", {}),
    ("Giới tính", "dropdown", {"choices": "Nam\nNữ"}),
    ("Ngày sinh", "date", {"date_rule": "not_future"}),
    ("Nơi sinh", "admin_unit", {}),
    ("Dân tộc", "ethnicity", {}),
    ("Người mẹ", "section", {}),
    ("Họ, chữ đệm, tên người mẹ", "singleline", {}),
    ("Năm sinh của mẹ", "number", {}),
    ("Quan hệ với người được khai sinh", "singleline", {}),
]


def birth_answers(**changes) -> dict:
    answers = {
        "ho_chu_dem_ten": CHILD_NAME,
        "gioi_tinh": "Nam",
        "ngay_sinh": "2026-10-02",
        "noi_sinh": "70",
        "dan_toc": "Kinh",
        "ho_chu_dem_ten_nguoi_me": MOTHER_NAME,
        "nam_sinh_cua_me": "1995",
        "quan_he_voi_nguoi_duoc_khai_sinh": "Mẹ",
    }
    answers.update(changes)
    return answers


@pytest.fixture
def birth_form(procedure):
    eform_add(procedure, BIRTH_FIELDS)
    return eform_version_current(procedure=procedure)


def dossier_with_answers(procedure, citizen, version, answers):
    dossier = submitted_dossier(procedure, citizen)
    dossier.eform_version = version
    dossier.eform_answers = answers
    dossier.save(update_fields=["eform_version", "eform_answers"])
    return dossier


@pytest.fixture
def answered(procedure, citizen, birth_form, clamd, urls_loaded):
    return dossier_with_answers(procedure, citizen, birth_form, birth_answers())
