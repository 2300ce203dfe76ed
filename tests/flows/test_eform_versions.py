"""E-form versions: a dossier keeps the form it was filled with; answers are read back as a table."""

import pytest

from services_catalog.eforms import EFormField, EFormVersion, eform_rows, eform_version_current


def add_field(procedure, label, field_type="singleline", **extra):
    return EFormField.objects.create(procedure=procedure, label=label, field_type=field_type, **extra)


@pytest.mark.django_db
def test_a_version_is_recorded_once_per_form_and_anew_when_the_form_changes(procedure):
    assert eform_version_current(procedure=procedure) is None
    add_field(procedure, "Họ, chữ đệm, tên người được khai sinh")
    first = eform_version_current(procedure=procedure)
    assert first.number == 1
    assert eform_version_current(procedure=procedure) == first
    add_field(procedure, "Ngày sinh", "date", date_rule="not_future")
    second = eform_version_current(procedure=procedure)
    assert second.number == 2
    assert [field["name"] for field in second.schema] == ["ho_chu_dem_ten_nguoi_duoc_khai_sinh", "ngay_sinh"]
    # The first version still reads as it was.
    first.refresh_from_db()
    assert len(first.schema) == 1
    assert EFormVersion.objects.filter(procedure=procedure).count() == 2


@pytest.mark.django_db
def test_publishing_the_procedure_freezes_its_changed_form(procedure):
    procedure.eform_fields.add(EFormField(label="Quan hệ với người được khai sinh", field_type="singleline"))
    procedure.save_revision().publish()
    assert list(EFormVersion.objects.filter(procedure=procedure).values_list("number", flat=True)) == [1]


def test_rows_read_sections_groups_conditions_and_keep_answers_of_removed_fields():
    schema = [
        {"name": "", "label": "Phần I", "type": "section", "group": "", "show_when": None},
        {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "group": "", "show_when": None},
        {
            "name": "co_giay",
            "label": "Có giấy chứng sinh",
            "type": "checkbox",
            "group": "",
            "show_when": None,
        },
        {"name": "ho_ten", "label": "Họ tên", "type": "singleline", "group": "Con", "show_when": None},
        {"name": "noi_o", "label": "Nơi cư trú", "type": "admin_unit", "group": "Con", "show_when": None},
        {
            "name": "ly_do",
            "label": "Lý do",
            "type": "multiline",
            "group": "",
            "show_when": {"field": "co_giay", "value": "False"},
        },
    ]
    answers = {
        "ngay_sinh": "2026-01-31",
        "co_giay": True,
        "con": [{"ho_ten": "Nguyễn Văn An", "noi_o": "70"}, {"ho_ten": "Nguyễn Thị Bình"}],
        "truong_cu": "giữ lại",
    }
    rows = [(row.label, row.value, row.is_heading) for row in eform_rows(schema=schema, answers=answers)]
    assert rows == [
        ("Phần I", "", True),
        ("Ngày sinh", "31/01/2026", False),
        ("Có giấy chứng sinh", "Có", False),
        ("Con 1", "", True),
        ("Họ tên", "Nguyễn Văn An", False),
        ("Nơi cư trú", "Phường Hoàn Kiếm, thành phố Hà Nội", False),
        ("Con 2", "", True),
        ("Họ tên", "Nguyễn Thị Bình", False),
        ("Nơi cư trú", "", False),
        ("Thông tin đã khai ở các trường nay không còn trong tờ khai", "", True),
        ("truong_cu", "giữ lại", False),
    ]
