import csv
import io
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.models import Revision

import pytest
from openpyxl import Workbook

from services_catalog.models import Agency, Field, ProcedurePage, Sector
from services_catalog.services import catalogue_index_ensure

pytestmark = pytest.mark.django_db

COLUMNS = [
    "sector",
    "field",
    "code",
    "name",
    "agency",
    "admin_level",
    "service_level",
    "processing_days",
    "fee_vnd",
]
FIELDS = [
    ("Tư pháp", "Hộ tịch", "stp"),
    ("Tư pháp", "Chứng thực", "stp"),
    ("Xây dựng", "Hoạt động xây dựng", "Sở Xây dựng tỉnh Bến Tre"),
    ("Giao thông vận tải", "Đường bộ", "Sở Giao thông vận tải tỉnh Bến Tre"),
    ("Y tế", "Khám bệnh, chữa bệnh", "Sở Y tế tỉnh Bến Tre"),
]
NAMES = [
    "Đăng ký khai sinh",
    "Chứng thực chữ ký trong các giấy tờ, văn bản",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Cấp đổi giấy phép lái xe",
    "Cấp giấy phép hành nghề khám bệnh, chữa bệnh",
]
LEVELS = ["tinh", "huyen", "xa", "huyen;xa", "tinh;xa", ""]


def _rows(count: int) -> list[dict]:
    rows = []
    for number in range(count):
        sector, field, agency = FIELDS[number % len(FIELDS)]
        rows.append(
            {
                "sector": sector,
                "field": field,
                "code": f"2.{number:06d}",
                "name": f"{NAMES[number % len(NAMES)]}, trường hợp {number}",
                "agency": agency,
                "admin_level": LEVELS[number % len(LEVELS)],
                "service_level": str(number % 4 + 1),
                "processing_days": "" if number % 10 == 0 else str(number % 30 + 1),
                "fee_vnd": "" if number % 7 == 0 else str((number % 4) * 50000),
                "documents": "Tờ khai theo mẫu | 1 | 0 | có\nBản sao giấy tờ tùy thân | 0 | 1 | có",
                "legal_basis": "Luật Hộ tịch năm 2014\nNghị định số 123/2015/NĐ-CP",
            }
        )
    return rows


def _write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or [*COLUMNS, "documents", "legal_basis"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _import(path: Path, *args) -> str:
    out = io.StringIO()
    call_command("import_procedures", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_few_hundred_rows_import_first_time_and_reimport_changes_nothing(site, tmp_path):
    Agency.objects.create(code="stp", name="Sở Tư pháp tỉnh Bến Tre", level="tinh")
    path = _write_csv(tmp_path / "thu-tuc.csv", _rows(300))

    assert "300 tạo mới, 0 cập nhật, 0 không đổi" in _import(path)
    assert ProcedurePage.objects.live().count() == 300
    assert Sector.objects.count() == 4
    assert Field.objects.count() == 5
    assert Agency.objects.filter(name="Sở Y tế tỉnh Bến Tre").exists()  # created from its name
    procedure_ids = [str(pk) for pk in ProcedurePage.objects.values_list("pk", flat=True)]
    assert Revision.objects.filter(object_id__in=procedure_ids).count() == 300  # each starts its history
    revisions = Revision.objects.count()

    page = ProcedurePage.objects.get(code="2.000003")
    assert page.title == "Cấp đổi giấy phép lái xe, trường hợp 3"
    assert page.administrative_levels == ["huyen", "xa"]
    assert page.service_level == 4
    assert [fee.amount_vnd for fee in page.fees.all()] == [150000]
    assert [doc.copies for doc in page.documents.all()] == [0, 1]
    assert page.legal_basis == "<p>Luật Hộ tịch năm 2014</p><p>Nghị định số 123/2015/NĐ-CP</p>"
    unknown = ProcedurePage.objects.get(code="2.000000")
    assert unknown.processing_days is None and unknown.fees_unknown
    assert unknown.administrative_levels == ["tinh"]

    assert "0 tạo mới, 0 cập nhật, 300 không đổi" in _import(path)
    assert ProcedurePage.objects.count() == 300
    assert Revision.objects.count() == revisions  # nothing changed, no new revision


def test_reimport_updates_by_code_and_keeps_what_is_unknown(site, tmp_path):
    rows = _rows(5)
    _import(_write_csv(tmp_path / "a.csv", rows))
    rows[1]["name"] = "Chứng thực chữ ký (tên mới)"
    rows[1]["processing_days"] = ""  # unknown now: keep the known value
    rows[2]["admin_level"] = "tinh;huyen;xa"
    output = _import(_write_csv(tmp_path / "b.csv", rows))
    assert "0 tạo mới, 2 cập nhật, 3 không đổi" in output
    page = ProcedurePage.objects.get(code="2.000001")
    assert page.title == "Chứng thực chữ ký (tên mới)"
    assert page.processing_days == 2
    assert page.slug == "chung-thuc-chu-ky-trong-cac-giay-to-van-ban-truong-hop-1-2-000001"  # URL stays
    assert ProcedurePage.objects.get(code="2.000002").administrative_levels == ["tinh", "huyen", "xa"]


def test_bad_rows_are_all_reported_with_line_and_reason_and_nothing_is_written(site, tmp_path):
    rows = _rows(6)
    rows[1]["service_level"] = "5"
    rows[2]["admin_level"] = "quan"
    rows[3]["processing_days"] = "mười"
    rows[4]["code"] = rows[0]["code"]
    rows[5]["sector"] = ""
    path = _write_csv(tmp_path / "bad.csv", rows)
    errors = io.StringIO()
    with pytest.raises(CommandError, match="5 dòng lỗi: chưa nhập dữ liệu nào"):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=errors)
    report = errors.getvalue()
    assert "Dòng 3: mức độ (service_level) phải là 1, 2, 3 hoặc 4, không phải “5”" in report
    assert "Dòng 4: cấp thực hiện (admin_level)" in report
    assert "Dòng 5: processing_days phải là số nguyên, không phải “mười”" in report
    assert "Dòng 6: mã 2.000000 bị lặp lại (lần đầu ở dòng 2)" in report
    assert "Dòng 7:" in report and "sector" in report
    assert not ProcedurePage.objects.exists()
    assert not Sector.objects.exists()


def test_missing_columns_are_reported(site, tmp_path):
    path = _write_csv(tmp_path / "cols.csv", _rows(1), columns=["code", "name"])
    with pytest.raises(CommandError, match="Thiếu cột: field, sector, admin_level"):
        _import(path)


def test_dry_run_writes_nothing(site, tmp_path):
    path = _write_csv(tmp_path / "dry.csv", _rows(10))
    assert "Chạy thử, không ghi dữ liệu: 10 tạo mới" in _import(path, "--dry-run")
    assert not ProcedurePage.objects.exists()
    assert not Sector.objects.exists()


def test_xlsx_import_with_columns_in_another_order(site, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    columns = list(reversed(COLUMNS))
    sheet.append(columns)
    for row in _rows(4):
        sheet.append([int(row[c]) if c == "service_level" else row[c] for c in columns])
    path = tmp_path / "thu-tuc.xlsx"
    workbook.save(path)
    assert "4 tạo mới" in _import(path)
    assert ProcedurePage.objects.get(code="2.000001").service_level == 2


def test_export_writes_the_import_format_and_round_trips(site, tmp_path, make_procedure):
    from services_catalog.services import DocumentData, FeeData

    make_procedure(
        code="1.001193",
        title="Đăng ký khai sinh",
        admin_levels={"xa", "tinh"},
        service_level=4,
        fees=[
            FeeData(label="Lệ phí", amount_vnd=8000),
            FeeData(label="Phí", amount_vnd=2000, note="ghi chú"),
        ],
        documents=[DocumentData(name="Tờ khai", originals=1, copies=2, is_required=False, note="nếu có")],
    )
    catalogue_index_ensure()
    path = tmp_path / "export.csv"
    out = io.StringIO()
    call_command("export_procedures", str(path), stdout=out)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert set(COLUMNS) <= set(rows[0])
    assert rows[0]["code"] == "1.001193"
    assert rows[0]["admin_level"] == "tinh;xa"
    assert rows[0]["fee_vnd"] == "10000"
    assert rows[0]["agency"] == "stp"
    revisions = Revision.objects.count()
    assert "0 tạo mới, 0 cập nhật, 1 không đổi" in _import(path)
    assert Revision.objects.count() == revisions
