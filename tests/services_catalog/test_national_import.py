"""Importing the national database's export as it is (issue 16): layout, gaps, lengths, re-imports."""

import io

from django.core.management import CommandError, call_command

import pytest

from services_catalog.choices import ServiceLevel
from services_catalog.importing import UNCLASSIFIED_FIELD
from services_catalog.models import Agency, ProcedureFee, ProcedurePage, Sector
from services_catalog.services import FeeData, ProcedureData, procedure_update
from tests.services_catalog.national_files import (
    BIRTH,
    CRIMINAL_RECORD,
    LONG,
    LONG_NAME,
    MARRIAGE,
    NO_AGENCY,
    RESIDENCE,
    ROWS,
    TITLE_BLOCK,
    national_csv,
    national_xlsx,
)

pytestmark = pytest.mark.django_db


def _import(path, *args) -> str:
    out = io.StringIO()
    call_command("import_procedures", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _failing_import(path) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="dòng lỗi: chưa nhập dữ liệu nào"):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def provincial_agencies(db):
    return {
        "stp": Agency.objects.create(code="stp", name="Sở Tư pháp tỉnh Vĩnh Long", level="tinh"),
        "catinh": Agency.objects.create(
            code="cavinhlong", name="Công an tỉnh Vĩnh Long", level="tinh", body="congan", unit_code="86"
        ),
    }


@pytest.mark.parametrize("write", [national_xlsx, national_csv], ids=["xlsx", "csv"])
def test_the_national_export_imports_as_it_is(site, tmp_path, provincial_agencies, write):
    path = write(tmp_path / f"bo-tu-phap.{'xlsx' if write is national_xlsx else 'csv'}", ROWS)

    output = _import(path)

    assert "6 tạo mới, 0 cập nhật, 0 không đổi" in output
    assert "Chưa có cơ quan thực hiện: 1.010000" in output
    birth = ProcedurePage.objects.get(code="1.001193")
    assert birth.live and birth.title == "Thủ tục đăng ký khai sinh"
    assert birth.sector.name == "Tư pháp" and birth.field.name == "Hộ tịch"  # the ministry's sector
    assert birth.administrative_levels == ["xa"]
    assert [(item.name, item.level, item.body) for item in birth.implementers.all()] == [
        ("Ủy ban nhân dân cấp xã", "xa", "ubnd")
    ]
    assert birth.agency is None  # each commune's People's Committee, not one office
    # Nobody gave a service level: not classified, and no online submission until the province sets it.
    assert birth.service_level == ServiceLevel.NOT_CLASSIFIED and not birth.accepts_online_dossiers

    record = ProcedurePage.objects.get(code="2.000488")
    implementers = list(record.implementers.all())
    assert [(item.name, item.level, item.agency) for item in implementers] == [
        ("Sở Tư pháp", "tinh", provincial_agencies["stp"]),  # a named department is provincial
        ("Công an cấp tỉnh", "tinh", provincial_agencies["catinh"]),
    ]
    assert (
        record.agency == provincial_agencies["stp"]
    )  # handles the dossiers until the province says otherwise
    assert ProcedurePage.objects.get(code="1.004194").implementers.get().body == "congan"

    blank = ProcedurePage.objects.get(code="1.010000")
    assert blank.lacks_agency and blank.agency is None and not blank.accepts_online_dossiers


def test_a_thousand_character_name_is_kept_whole_on_the_page_the_api_and_search(site, client, tmp_path):
    assert len(LONG_NAME) == 1000
    _import(national_xlsx(tmp_path / "a.xlsx", [LONG]))

    page = ProcedurePage.objects.get(code="2.000635")
    assert len(page.title) <= 255 and page.title.endswith("…")
    assert page.full_name == LONG_NAME
    assert LONG_NAME in client.get(page.url).content.decode()
    api = client.get("/api/v1/procedures/", {"q": "trích lục hộ tịch"}).json()
    assert [item["name"] for item in api["results"]] == [LONG_NAME]
    assert api["results"][0]["implementing_agencies"] == [
        {"name": "Ủy ban nhân dân cấp xã", "level": "xa"},
        {"name": "Sở Tư pháp", "level": "tinh"},
    ]
    # The last words of the name are past the title: the search still finds them.
    results = client.get("/tim-kiem/", {"q": "truong hop 10 nguoi yeu cau"}).context["results"]
    assert [item.page.pk for item in results] == [page.pk]


def test_an_imported_procedure_is_found_by_search_right_after_the_import(site, client, tmp_path):
    _import(national_csv(tmp_path / "a.csv", [BIRTH, RESIDENCE]))

    results = client.get("/tim-kiem/", {"q": "dang ky khai sinh"}).context["results"]
    # Ranked first: "đăng ký" alone also reaches the residence registration, further down.
    assert [item.page.specific.code for item in results][:1] == ["1.001193"]
    api = client.get("/api/v1/procedures/", {"q": "thường trú"}).json()
    assert [item["code"] for item in api["results"]] == ["1.004194"]


def test_bad_rows_are_reported_with_their_line_and_nothing_is_written(site, tmp_path):
    too_long_name = ["1.000001", "Thủ tục " + "rất dài " * 400, "Bộ Tư pháp", "Sở Tư pháp", "Hộ tịch"]
    too_long_sector = ["1.000002", "Thủ tục B", "Bộ " + "Tư pháp " * 40, "Sở Tư pháp", "Hộ tịch"]
    no_code = ["", "Thủ tục C", "Bộ Tư pháp", "Sở Tư pháp", "Hộ tịch"]
    no_name = ["1.000003", "", "Bộ Tư pháp", "Sở Tư pháp", "Hộ tịch"]
    rows = [BIRTH, too_long_name, too_long_sector, no_code, no_name, MARRIAGE, BIRTH]

    errors = _failing_import(national_xlsx(tmp_path / "bad.xlsx", rows))

    header_line = len(TITLE_BLOCK) + 1  # lines as the spreadsheet numbers them, title block included
    name_length, sector_length = len(too_long_name[1].strip()), len(too_long_sector[2].strip())
    assert f"Dòng {header_line + 2}: Tên (name) dài {name_length} ký tự, tối đa được 3000 ký tự" in errors
    assert f"Dòng {header_line + 3}: Cơ quan ban hành / ngành (sector) dài {sector_length} ký tự" in errors
    assert f"Dòng {header_line + 4}: thiếu mã thủ tục (Mã số)" in errors
    assert f"Dòng {header_line + 5}: thủ tục mới cần có Tên" in errors
    assert f"Dòng {header_line + 7}: mã 1.001193 bị lặp lại (lần đầu ở dòng {header_line + 1})" in errors
    assert not ProcedurePage.objects.exists() and not Sector.objects.exists()


def test_a_new_procedure_without_a_field_is_imported_under_the_unclassified_field_and_reported(
    site, tmp_path
):
    no_field = ["1.000003", "Thủ tục chưa xếp lĩnh vực", "Bộ Tư pháp", "Sở Tư pháp", ""]

    output = _import(national_xlsx(tmp_path / "no-field.xlsx", [BIRTH, no_field]))

    assert "Chưa có lĩnh vực: 1.000003" in output
    assert "Chưa có lĩnh vực: 1.001193" not in output
    procedure = ProcedurePage.objects.get(code="1.000003")
    assert (procedure.field.name, procedure.sector.name) == (UNCLASSIFIED_FIELD, "Tư pháp")
    assert ProcedurePage.objects.get(code="1.001193").field.name == "Hộ tịch"


def test_the_header_is_found_wherever_it_is_and_titles_match_as_people_type_them(site, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách thủ tục hành chính thuộc phạm vi quản lý của Bộ Công an"])
    sheet.append([])
    sheet.append(["MÃ SỐ", "TÊN", "CƠ QUAN BAN HÀNH", "Co quan thuc hien", "linh vuc"])
    sheet.append(RESIDENCE)
    workbook.save(tmp_path / "bca.xlsx")

    assert "1 tạo mới" in _import(tmp_path / "bca.xlsx")
    assert ProcedurePage.objects.get(code="1.004194").sector.name == "Công an"


def test_reimport_updates_national_fields_only_and_reports_new_changed_and_vanished(
    site, tmp_path, provincial_agencies
):
    _import(national_xlsx(tmp_path / "v1.xlsx", [BIRTH, MARRIAGE, CRIMINAL_RECORD]))
    # The province's own settings on top of the national record.
    birth = ProcedurePage.objects.get(code="1.001193")
    procedure_update(
        page=birth,
        data=ProcedureData(
            code=birth.code,
            service_level=ServiceLevel.FULLY_ONLINE,
            processing_days=1,
            fees=[FeeData(label="Lệ phí", amount_vnd=8000)],
        ),
    )
    unchanged_output = _import(national_xlsx(tmp_path / "v1-again.xlsx", [BIRTH, MARRIAGE, CRIMINAL_RECORD]))
    assert "0 tạo mới, 0 cập nhật, 3 không đổi" in unchanged_output

    renamed = [BIRTH[0], "Thủ tục đăng ký khai sinh (sửa đổi)", *BIRTH[2:4], "Hộ tịch"]
    renamed[3] = "Ủy ban nhân dân cấp xã\nCông an cấp xã"
    new_file = national_xlsx(tmp_path / "v2.xlsx", [renamed, CRIMINAL_RECORD, RESIDENCE])

    dry = _import(new_file, "--dry-run")
    assert ProcedurePage.objects.get(code="1.001193").title == "Thủ tục đăng ký khai sinh"
    output = _import(new_file)

    for text in (dry, output):
        assert "Mới: 1.004194" in text
        assert (
            "Thay đổi: 1.001193 (tiêu đề, cơ quan thực hiện theo danh sách quốc gia, cơ quan thực hiện)"
            in text
        )
        assert "Không còn trong danh sách quốc gia: 1.000894 (xem xét bãi bỏ)" in text
        assert "1 tạo mới, 1 cập nhật, 1 không đổi. 1 không còn trong danh sách" in text
    assert dry.startswith("Tệp theo mẫu") and "Chạy thử, không ghi dữ liệu" in dry
    birth.refresh_from_db()
    assert birth.title == "Thủ tục đăng ký khai sinh (sửa đổi)"
    assert [item.name for item in birth.implementers.all()] == ["Ủy ban nhân dân cấp xã", "Công an cấp xã"]
    # What the province set is still there.
    assert birth.service_level == ServiceLevel.FULLY_ONLINE and birth.processing_days == 1
    assert list(ProcedureFee.objects.filter(procedure=birth).values_list("amount_vnd", flat=True)) == [8000]
    # A vanished procedure is reported, not retired behind the province's back.
    assert not ProcedurePage.objects.get(code="1.000894").is_retired


def test_procedures_without_an_agency_are_listed_in_the_admin(site, client, tmp_path, django_user_model):
    _import(national_xlsx(tmp_path / "a.xlsx", [BIRTH, NO_AGENCY]))
    admin = django_user_model.objects.create_superuser("quantri", "quantri@example.vn", "x")
    client.force_login(admin)

    response = client.get("/admin/services_catalog/procedurepage/", {"co_quan": "chua_co"})

    assert response.status_code == 200
    listed = [row.code for row in response.context["object_list"]]
    assert listed == ["1.010000"]
