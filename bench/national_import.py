"""Time of `import_procedures` on a national-layout export, against the 60-second budget (issue 16).

How to run (from the project root; PostgreSQL up; the database is emptied of procedures first):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h16_bench \\
    .venv/bin/python bench/national_import.py --rows 2000

It migrates the database, writes an XLSX in the national database's layout (title block, header
`Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`, several ministries, multi-line agency
cells, names up to 1,000 characters, some blank agencies), then times with the management command:
the first import (every row new), a re-import with no change, and a dry run and an import of a file
where one row changed and one vanished. Prints seconds and the ratio to the budget (at most 1.0).
Not part of `make test`.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 60.0
MINISTRIES = [
    ("Bộ Tư pháp", ["Hộ tịch", "Chứng thực", "Lý lịch tư pháp", "Nuôi con nuôi"]),
    ("Bộ Công an", ["Đăng ký, quản lý cư trú", "Cấp, quản lý căn cước", "Đăng ký xe"]),
    ("Bộ Xây dựng", ["Hoạt động xây dựng", "Nhà ở", "Đường bộ"]),
    ("Bộ Nông nghiệp và Môi trường", ["Đất đai", "Môi trường", "Thủy lợi", "Trồng trọt"]),
    ("Bộ Y tế", ["Khám bệnh, chữa bệnh", "Dược phẩm", "An toàn thực phẩm"]),
]
AGENCY_CELLS = [
    "Ủy ban nhân dân cấp xã",
    "Sở Tư pháp\nCông an cấp tỉnh",
    "Ủy ban nhân dân cấp tỉnh\nSở Xây dựng",
    "Công an cấp xã",
    "Ủy ban nhân dân cấp xã\nỦy ban nhân dân cấp tỉnh\nSở Nông nghiệp và Môi trường",
    "Cục Quản lý khám, chữa bệnh - Bộ Y tế\nSở Y tế",
    "",
]
NAME_STEMS = [
    "Thủ tục đăng ký khai sinh",
    "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Thủ tục đăng ký thường trú",
    "Thủ tục cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
    "Thủ tục cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
]


def national_rows(count: int) -> list[list[str]]:
    rows = []
    for number in range(count):
        ministry, fields = MINISTRIES[number % len(MINISTRIES)]
        name = f"{NAME_STEMS[number % len(NAME_STEMS)]} (trường hợp {number})"
        if number % 50 == 0:  # the national list's longest names run to about a thousand characters
            name = (name + ", " + "áp dụng đối với trường hợp người yêu cầu cư trú ở nước ngoài" * 20)[:1000]
        rows.append(
            [
                f"9.{number:06d}",
                name,
                ministry,
                AGENCY_CELLS[number % len(AGENCY_CELLS)],
                fields[number % len(fields)],
            ]
        )
    return rows


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in (
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Độc lập - Tự do - Hạnh phúc"],
        [],
        ["DANH SÁCH TTHC"],
    ):
        sheet.append(line)
    sheet.append(["STT", "Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    workbook.save(path)
    return path


def timed_import(path: Path, *args: str) -> tuple[float, str]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_procedures", str(path), *args, stdout=out)
    return time.perf_counter() - started, out.getvalue().strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=2000)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this benchmark (it is emptied).")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from services_catalog.models import Agency, Field, ProcedurePage, Sector

    call_command("migrate", "--no-input", verbosity=0)
    from search.models import SearchDocument

    SearchDocument.objects.all().delete()
    for page in ProcedurePage.objects.all():
        page.delete()
    Field.objects.all().delete()
    Sector.objects.all().delete()
    Agency.objects.get_or_create(code="stp", defaults={"name": "Sở Tư pháp tỉnh Vĩnh Long", "level": "tinh"})

    rows = national_rows(options.rows)
    with tempfile.TemporaryDirectory() as folder:
        first = write_xlsx(Path(folder) / "national.xlsx", rows)
        changed_rows = [list(row) for row in rows[:-1]]
        changed_rows[1][1] += " (sửa đổi)"
        second = write_xlsx(Path(folder) / "national-2.xlsx", changed_rows)
        results = [
            ("first import", *timed_import(first)),
            ("re-import, no change", *timed_import(first)),
            ("dry run, 1 changed 1 vanished", *timed_import(second, "--dry-run")),
            ("re-import, 1 changed 1 vanished", *timed_import(second)),
        ]
    print(f"{options.rows} rows, national layout, PostgreSQL; budget {BUDGET_SECONDS:.0f} s")
    for label, seconds, summary in results:
        print(f"{label:34} {seconds:7.1f} s  ratio to budget {seconds / BUDGET_SECONDS:5.2f}  | {summary}")


if __name__ == "__main__":
    main()
