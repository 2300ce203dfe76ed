"""The e-form a citizen fills in: every field type checked on the server, with Vietnamese messages."""

from datetime import date, timedelta

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import override

import pytest

from services_catalog.eform_forms import EForm, phone_normalise
from services_catalog.eform_rules import eform_fields_problems


def spec(name, label, kind="singleline", **extra):
    return {
        "name": name,
        "label": label,
        "type": kind,
        "required": extra.pop("required", True),
        "choices": extra.pop("choices", []),
        "default": extra.pop("default", ""),
        "help_text": extra.pop("help_text", ""),
        "group": extra.pop("group", ""),
        "show_when": extra.pop("show_when", None),
        "date_rule": extra.pop("date_rule", ""),
        "min_age": extra.pop("min_age", None),
        "max_age": extra.pop("max_age", None),
        "prefill": extra.pop("prefill", ""),
    }


SCHEMA = [
    spec("phan_1", "Người được khai sinh", "section", required=False),
    spec("ho_ten", "Họ, chữ đệm, tên", prefill="full_name"),
    spec("ngay_sinh", "Ngày sinh", "date", date_rule="not_future"),
    spec("gioi_tinh", "Giới tính", "radio", choices=["Nam", "Nữ"]),
    spec("dan_toc", "Dân tộc", "ethnicity"),
    spec("quoc_tich", "Quốc tịch", "nationality", default="Việt Nam"),
    spec("noi_sinh", "Nơi sinh", "admin_unit"),
    spec("cccd", "Số định danh cá nhân", "citizen_id", prefill="citizen_id"),
    spec("dien_thoai", "Số điện thoại", "phone", required=False),
    spec("co_cha", "Khai thông tin người cha", "radio", choices=["Có", "Không"]),
    spec("ten_cha", "Họ tên người cha", show_when={"field": "co_cha", "value": "Có"}),
    spec("ho_ten_con", "Họ tên con", group="Con"),
    spec("ngay_sinh_con", "Ngày sinh của con", "date", group="Con", date_rule="not_future", required=False),
]

VALID = {
    "ho_ten": "Nguyễn Minh An",
    "ngay_sinh": "02/03/2024",
    "gioi_tinh": "Nam",
    "dan_toc": "Kinh",
    "quoc_tich": "Việt Nam",
    "noi_sinh_province": "86",
    "noi_sinh": "29641",
    "cccd": "086090000123",
    "dien_thoai": "+84 912 345 678",
    "co_cha": "Có",
    "ten_cha": "Nguyễn Văn Bình",
    "con-rows": "2",
    "con-0-ho_ten_con": "Nguyễn Thị Cúc",
    "con-0-ngay_sinh_con": "1/6/2015",
    "con-1-ho_ten_con": "Nguyễn Văn Đạt",
    "con-1-ngay_sinh_con": "",
}


def posted(values: dict, **changes) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in {**values, **changes}.items():
        if value is not None:
            data[f"ef-{name}"] = value
    return data


def filled(schema=SCHEMA, answers=None, **changes) -> EForm:
    return EForm(posted(VALID, **changes), schema=schema, answers=answers)


def test_valid_answers_come_out_in_the_documented_format():
    form = filled()
    assert form.is_valid(), form.errors
    assert form.answers == {
        "ho_ten": "Nguyễn Minh An",
        "ngay_sinh": "2024-03-02",
        "gioi_tinh": "Nam",
        "dan_toc": "Kinh",
        "quoc_tich": "Việt Nam",
        "noi_sinh": "29641",
        "cccd": "086090000123",
        "dien_thoai": "0912345678",
        "co_cha": "Có",
        "ten_cha": "Nguyễn Văn Bình",
        "con": [
            {"ho_ten_con": "Nguyễn Thị Cúc", "ngay_sinh_con": "2015-06-01"},
            {"ho_ten_con": "Nguyễn Văn Đạt", "ngay_sinh_con": None},
        ],
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ngay_sinh", "31/02/2024", "Nhập ngày theo dạng ngày/tháng/năm"),
        ("ngay_sinh", "2024-03-02", "Nhập ngày theo dạng ngày/tháng/năm"),
        ("cccd", "08609000012", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ("cccd", "08609000012a", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ("cccd", "999090000123", "mã tỉnh"),
        ("dien_thoai", "0123", "Nhập số điện thoại Việt Nam"),
        ("dien_thoai", "0112345678", "Nhập số điện thoại Việt Nam"),
        ("dan_toc", "Klingon", "Hãy chọn một lựa chọn hợp lệ"),
        ("gioi_tinh", "", "Vui lòng chọn “Giới tính”."),
        ("ho_ten", "", "Vui lòng điền “Họ, chữ đệm, tên”."),
        ("noi_sinh", "", "Vui lòng chọn “Nơi sinh”."),
        ("noi_sinh", "29212", "Chọn xã, phường thuộc tỉnh, thành phố đã chọn."),  # a ward of Hà Nội
    ],
)
def test_bad_input_gets_a_vietnamese_message_on_its_field(field, value, message):
    with override("vi"):
        form = filled(**{field: value})
        assert not form.is_valid()
        assert message in " ".join(form.errors[field]), form.errors


def test_a_birth_date_in_the_future_is_refused_with_a_clear_message():
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    with override("vi"):
        form = filled(ngay_sinh=tomorrow)
        assert not form.is_valid()
        assert form.errors["ngay_sinh"] == ["Ngày sinh không được ở tương lai."]
        summary = form.error_summary()
    assert [(item["anchor"], item["label"]) for item in summary] == [("id_ef-ngay_sinh", "Ngày sinh")]
    # Everything typed is still there, the wrong date included.
    assert form["ngay_sinh"].value() == tomorrow and form["ho_ten"].value() == "Nguyễn Minh An"


def test_age_limits():
    schema = [spec("ngay_sinh", "Ngày sinh bên nữ", "date", min_age=18, max_age=60)]
    today = timezone.localdate()
    young = date(today.year - 17, today.month, min(today.day, 28)).strftime("%d/%m/%Y")
    old = date(today.year - 70, 1, 1).strftime("%d/%m/%Y")
    with override("vi"):
        form = EForm(posted({"ngay_sinh": young}), schema=schema)
        assert not form.is_valid() and "phải đủ 18 tuổi" in form.errors["ngay_sinh"][0]
        form = EForm(posted({"ngay_sinh": old}), schema=schema)
        assert not form.is_valid() and "không được quá 60 tuổi" in form.errors["ngay_sinh"][0]


def test_phone_numbers_are_normalised():
    assert phone_normalise("0912.345.678") == "0912345678"
    assert phone_normalise("+84 28 3822 1234") == "02838221234"
    assert phone_normalise("84912345678") == "0912345678"


def test_a_hidden_field_is_not_required_and_its_answer_is_dropped():
    form = filled(co_cha="Không", ten_cha="typed before changing the answer")
    assert form.is_valid(), form.errors
    assert "ten_cha" not in form.answers
    form = filled(ten_cha="")
    assert not form.is_valid() and "ten_cha" in form.errors


def test_group_rows_add_and_remove_without_javascript_keep_every_value():
    form = filled(action="add:con")
    assert form.is_redisplay and form.is_valid() is True and not form.errors
    assert form.row_counts["con"] == 3
    form = filled(action="remove:con:0")
    assert form.row_counts["con"] == 1
    assert form["con-0-ho_ten_con"].value() == "Nguyễn Văn Đạt"
    assert form["ho_ten"].value() == "Nguyễn Minh An"
    html = form.as_div()
    assert "Nguyễn Thị Cúc" not in html


def test_empty_group_rows_are_not_answers_and_rows_are_labelled_in_the_summary():
    form = filled(**{"con-1-ho_ten_con": "", "con-0-ngay_sinh_con": "31/13/2015"})
    assert not form.is_valid()
    assert [item["label"] for item in form.error_summary()] == ["Con 1 - Ngày sinh của con"]
    form = filled(**{"con-1-ho_ten_con": ""})
    assert form.is_valid() and len(form.answers["con"]) == 1


def test_profile_prefill_and_stored_answers(django_user_model):
    user = django_user_model(full_name="Lê Thị Hoa", citizen_id="086190000456")
    form = EForm(schema=SCHEMA, profile=user)
    assert form["ho_ten"].value() == "Lê Thị Hoa" and form["cccd"].value() == "086190000456"
    assert form["quoc_tich"].value() == "Việt Nam"  # the editor's default
    stored = EForm(schema=SCHEMA, answers={"ho_ten": "Đã lưu", "ngay_sinh": "2024-03-02"}, profile=user)
    assert stored["ho_ten"].value() == "Đã lưu"
    assert 'value="02/03/2024"' in str(stored["ngay_sinh"])


def test_the_communes_listed_are_those_of_the_chosen_province_only():
    form = EForm(schema=SCHEMA, answers={"noi_sinh": "29641"})
    html = form.as_div()
    assert "Xã Cái Nhum" in html and "Phường Hoàn Kiếm" not in html
    assert len(html) < 40_000  # one province's communes, not the country's 3,321
    assert form["noi_sinh_province"].value() == "86"


def test_answers_to_fields_no_longer_in_the_form_are_kept_and_drafts_keep_what_was_typed():
    answers = {"truong_cu": "giữ lại", "ho_ten": "x"}
    form = filled(answers=answers, ngay_sinh="30/02/2024")
    assert not form.is_valid()
    typed = form.typed_answers()
    assert typed["truong_cu"] == "giữ lại" and typed["ngay_sinh"] == "30/02/2024"
    assert typed["cccd"] == "086090000123"
    form = filled(answers=answers)
    assert form.is_valid() and form.answers["truong_cu"] == "giữ lại"


def field(label, kind="singleline", **extra):
    return {"label": label, "field_type": kind, **extra}


def test_editor_rules():
    problems = eform_fields_problems(
        [
            field("Giới tính", "radio"),
            field("Họ tên"),
            field("Họ  tên"),
            field("Tên cha", show_when_field="Có cha", show_when_value="Có"),
            field("Tên con", repeat_group="Con"),
            field("Ghi chú"),
            field("Ngày sinh con", "date", repeat_group="Con", min_age=10, max_age=5),
            field("Tên mẹ", show_when_field="Giới tính", show_when_value="Khác"),
        ]
    )
    with override("vi"):
        messages = [(position, name) for position, name, _message in problems]
    assert messages == [
        (2, "label"),
        (0, "choices"),
        (3, "show_when_field"),
        (6, "repeat_group"),
        (6, "max_age"),
        (7, "show_when_value"),
    ]
    assert (
        eform_fields_problems(
            [
                field("Giới tính", "radio", choices="Nam\nNữ"),
                field("Tên", show_when_field="giới tính", show_when_value="Nữ"),
            ]
        )
        == []
    )
