"""The e-form in the procedure's page editor: checked on save, with the message on the wrong field."""

from wagtail.test.utils.form_data import inline_formset

import pytest

from services_catalog.eforms import EFormField
from tests.services_catalog.test_editing import _form, _page_values

pytestmark = pytest.mark.django_db


def eform_field(label: str, field_type: str = "singleline", order: int = 0, **extra) -> dict:
    return {
        "label": label,
        "field_type": field_type,
        "required": "on",
        "choices": "",
        "default_value": "",
        "help_text": "",
        "prefill": "",
        "repeat_group": "",
        "show_when_field": "",
        "show_when_value": "",
        "date_rule": "",
        "min_age": "",
        "max_age": "",
        "ORDER": str(order),
        **extra,
    }


def test_the_editor_is_told_what_is_wrong_in_the_e_form_and_nothing_is_saved(client, staff, make_procedure):
    procedure = make_procedure(title="Đăng ký khai sinh")
    client.force_login(staff["editor_stp"])
    url = f"/admin/pages/{procedure.pk}/edit/"
    wrong = [
        eform_field("Giới tính", "radio", 0),
        eform_field("Họ tên cha", order=1, show_when_field="Có cha", show_when_value="Có"),
        eform_field("Ngày sinh bên nữ", "date", 2, min_age="20", max_age="18"),
        eform_field("Ngày sinh bên nữ", "date", 3),
    ]
    response = client.post(url, _form(_page_values(procedure), eform_fields=inline_formset(wrong)))
    assert response.status_code == 200
    page = response.content.decode()
    for message in (
        "Liệt kê các lựa chọn, mỗi lựa chọn một dòng.",
        "“Có cha” không phải nhãn của một trường khác trong tờ khai này.",
        "Tuổi tối đa không được nhỏ hơn tuổi tối thiểu.",
        "Tờ khai đã có một trường cùng nhãn: các nhãn phải khác nhau.",
    ):
        assert message in page, message
    assert not EFormField.objects.exists()
    procedure.refresh_from_db()
    assert not procedure.get_latest_revision().content.get("eform_fields")

    right = [
        eform_field("Giới tính", "radio", 0, choices="Nam\nNữ"),
        eform_field("Khai thông tin người cha", "radio", 1, choices="Có\nKhông"),
        eform_field("Họ tên cha", order=2, show_when_field="Khai thông tin người cha", show_when_value="Có"),
    ]
    response = client.post(url, _form(_page_values(procedure), eform_fields=inline_formset(right)))
    assert response.status_code == 302
    procedure.refresh_from_db()
    saved = procedure.get_latest_revision().as_object()
    assert [field.label for field in saved.eform_fields.all()] == [
        "Giới tính",
        "Khai thông tin người cha",
        "Họ tên cha",
    ]
