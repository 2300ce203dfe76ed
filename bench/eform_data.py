"""The cost of "Dữ liệu tờ khai" (flows.eform_data): filtering a procedure's e-form answers in Python.

    .venv/bin/python bench/eform_data.py [--count 10000] [--runs 5]        # SQLite (a file in /tmp)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h18b_bench \\
    REDIS_URL=redis://127.0.0.1:6379/12 .venv/bin/python bench/eform_data.py

The database is migrated and gets one agency, one procedure with a 12-field e-form (sections, a
commune, a date, a repeatable group) and `--count` submitted dossiers with answers, all in the
period the page filters (a bench database is reused). Then it prints the median of `--runs`
executions of:
- the ids of the period's dossiers straight from the database (the page without a field filter);
- the same with a "contains" filter on a text field and an "equals" filter on a commune, read
  as staff read it (the JSON of every dossier in the period is loaded and matched in Python);
- one page of 50 rows, and the whole export table (every matching row, before CSV/XLSX writing);
and the ratio of the filters to the plain id list. Target: a filter over 10,000 dossiers, a year's
dossiers of a busy procedure at one agency, stays well under a second.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tempfile.gettempdir()) / 'eform_data_bench.sqlite3'}")

from bench.dashboard import manage, median_seconds  # noqa: E402

FIELDS = [
    ("Người được khai sinh", "section", ""),
    ("Họ, chữ đệm, tên", "singleline", ""),
    ("Giới tính", "dropdown", ""),
    ("Ngày sinh", "date", ""),
    ("Nơi sinh", "admin_unit", ""),
    ("Dân tộc", "ethnicity", ""),
    ("Quốc tịch", "nationality", ""),
    ("Người mẹ", "section", ""),
    ("Họ, chữ đệm, tên người mẹ", "singleline", ""),
    ("Năm sinh của mẹ", "number", ""),
    ("Nơi cư trú của mẹ", "admin_unit", ""),
    ("Họ tên anh chị em", "singleline", "Anh chị em"),
]
NAMES = ["Nguyễn Minh Khôi", "Trần Thị Hoa", "Lê Văn An", "Phạm Thu Trang", "Hoàng Gia Bảo", "Võ Ngọc Lan"]
COMMUNES = ["70", "26734", "29212", "4", "8"]


def seed(count: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from wagtail.models import Page

    from flows.choices import DossierStatus
    from flows.models import Dossier
    from portal.accounts.roles import ROLE_GROUP_NAMES, Role
    from services_catalog.choices import AdministrativeLevel, ServiceLevel
    from services_catalog.eforms import EFormField, eform_version_current
    from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, Sector

    agency, _ = Agency.objects.get_or_create(
        code="bench", defaults={"name": "Ủy ban nhân dân bench", "level": AdministrativeLevel.COMMUNE}
    )
    procedure = ProcedurePage.objects.filter(code="9.999999").first()
    if procedure is None:
        sector, _ = Sector.objects.get_or_create(name="Tư pháp", defaults={"slug": "tu-phap"})
        field, _ = Field.objects.get_or_create(sector=sector, name="Hộ tịch", defaults={"slug": "ho-tich"})
        index = ProcedureIndexPage(title="Thủ tục bench", slug="thu-tuc-bench")
        Page.objects.get(depth=1).add_child(instance=index)
        procedure = ProcedurePage(
            title="Đăng ký khai sinh (bench)",
            slug="dang-ky-khai-sinh-bench",
            code="9.999999",
            sector=sector,
            field=field,
            agency=agency,
            service_level=ServiceLevel.PARTLY_ONLINE,
            processing_days=5,
        )
        index.add_child(instance=procedure)
        for order, (label, kind, group) in enumerate(FIELDS):
            EFormField.objects.create(
                procedure=procedure, sort_order=order, label=label, field_type=kind, repeat_group=group
            )
    version = eform_version_current(procedure=procedure)
    officer, created = get_user_model().objects.get_or_create(
        username="bench.eform", defaults={"full_name": "Cán bộ bench", "agency": agency}
    )
    if created:
        officer.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.SPECIALIST]))
    existing = Dossier.objects.filter(procedure=procedure).count()
    now = timezone.now()
    batch = []
    for number in range(existing, count):
        batch.append(
            Dossier(
                procedure=procedure,
                agency=agency,
                applicant_name=NAMES[number % len(NAMES)],
                is_draft=False,
                status=DossierStatus.NEW,
                code=f"BENCH-{number:06d}",
                submitted_at=now - timezone.timedelta(minutes=number * 5),
                eform_version=version,
                eform_answers={
                    "ho_chu_dem_ten": f"{NAMES[number % len(NAMES)]} {number}",
                    "gioi_tinh": "Nam" if number % 2 else "Nữ",
                    "ngay_sinh": f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
                    "noi_sinh": COMMUNES[number % len(COMMUNES)],
                    "dan_toc": "Kinh",
                    "quoc_tich": "Việt Nam",
                    "ho_chu_dem_ten_nguoi_me": NAMES[(number + 1) % len(NAMES)],
                    "nam_sinh_cua_me": str(1980 + number % 20),
                    "noi_cu_tru_cua_me": COMMUNES[(number + 2) % len(COMMUNES)],
                    "anh_chi_em": [{"ho_ten_anh_chi_em": NAMES[(number + 3) % len(NAMES)]}],
                },
            )
        )
        if len(batch) == 2000:
            Dossier.objects.bulk_create(batch)
            batch = []
    Dossier.objects.bulk_create(batch)
    return procedure, officer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    manage("migrate", "--no-input")

    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from flows.eform_data import (
        dossier_data_rows,
        dossier_ids_matching,
        eform_data_columns,
        eform_data_table,
        procedure_dossiers,
        procedure_versions,
    )
    from flows.statistics import Period

    procedure, officer = seed(options.count)
    today = timezone.localdate()
    period = Period(first=today - timezone.timedelta(days=365), last=today)
    dossiers = procedure_dossiers(user=officer, procedure=procedure, period=period)
    columns = eform_data_columns(versions=procedure_versions(procedure=procedure))
    by_key = {column.key: column for column in columns}
    name, commune = by_key["ho_chu_dem_ten"], by_key["noi_sinh"]

    def plain():
        return dossier_ids_matching(dossiers=dossiers, column=None, operator="contains", value="")

    def contains():
        return dossier_ids_matching(dossiers=dossiers, column=name, operator="contains", value="minh khoi")

    def equals():
        return dossier_ids_matching(
            dossiers=dossiers, column=commune, operator="equals", value="Phường Hoàn Kiếm, thành phố Hà Nội"
        )

    total = len(plain())
    found = len(contains()), len(equals())
    ids = plain()
    timings = {
        "ids of the period (database only)": median_seconds(plain, options.runs),
        "contains on a text field (Python)": median_seconds(contains, options.runs),
        "equals on a commune, as read (Python)": median_seconds(equals, options.runs),
        "one page of 50 rows": median_seconds(
            lambda: dossier_data_rows(dossier_ids=ids[:50], columns=columns), options.runs
        ),
        "export table of every row": median_seconds(
            lambda: eform_data_table(procedure=procedure, dossier_ids=ids, columns=columns), options.runs
        ),
    }
    print(
        f"{connection.vendor}: {total} dossiers in the period; "
        f"found {found[0]} (contains), {found[1]} (equals)"
    )
    base = timings["ids of the period (database only)"]
    for label, seconds in timings.items():
        print(f"  {label:42s} {seconds * 1000:8.1f} ms   ({seconds / base:5.1f} x the id list)")


if __name__ == "__main__":
    main()
