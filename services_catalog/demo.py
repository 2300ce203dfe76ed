"""The demo catalogue of `make run`: 162 procedures of Bến Tre across 13 sectors and 44 fields, the
agencies of the communes of Vĩnh Long (which Bến Tre joined in 2025), and a national-layout export of
real procedures (`fixtures/thu-tuc-quoc-gia-mau.csv`) imported on top, as a province does."""

from datetime import date
from pathlib import Path

from home.models import HomeFeaturedProcedure, HomePage
from services_catalog.demo_data import (
    AGENCIES,
    CATALOGUE,
    COMMUNE_AGENCIES,
    DISTRICT_AGENCIES,
    STANDARD_DOCUMENTS,
)
from services_catalog.eform_demo import seed_eforms
from services_catalog.importing import procedures_import, read_rows
from services_catalog.models import Agency, ProcedurePage
from services_catalog.services import (
    DocumentData,
    FeeData,
    ProcedureData,
    catalogue_index_ensure,
    field_get_or_create,
    procedures_bulk_create,
    sector_get_or_create,
    unit_agencies_create,
)
from services_catalog.units import province_find

FIRST_CODE = "1.001193"  # the official code of Đăng ký khai sinh
NATIONAL_SAMPLE = Path(__file__).parent / "fixtures" / "thu-tuc-quoc-gia-mau.csv"
DEMO_PROVINCE = "Vĩnh Long"
FEATURED_TITLES = [
    "Đăng ký khai sinh",
    "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký thành lập hộ kinh doanh",
    "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    "Đăng ký kết hôn",
]
RETIRED_TITLE = "Thủ tục đăng ký tổ chức lễ hội cấp tỉnh"
LEGAL_BASIS = {
    "Hộ tịch": "<p>Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP.</p>",
    "Chứng thực": "<p>Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, "
    "chứng thực chữ ký và chứng thực hợp đồng, giao dịch.</p>",
    "Lý lịch tư pháp": "<p>Luật Lý lịch tư pháp năm 2009; Nghị định số 111/2010/NĐ-CP.</p>",
    "Hoạt động xây dựng": "<p>Luật Xây dựng năm 2014, sửa đổi năm 2020; Nghị định số 15/2021/NĐ-CP.</p>",
    "Thành lập và hoạt động của doanh nghiệp": (
        "<p>Luật Doanh nghiệp năm 2020; Nghị định số 01/2021/NĐ-CP.</p>"
    ),
}


def _texts(*, title: str, field_name: str, online: bool) -> dict[str, str]:
    online_step = " hoặc trực tuyến trên Cổng dịch vụ công" if online else ""
    online_method = "<li>Trực tuyến trên Cổng dịch vụ công.</li>" if online else ""
    return {
        "steps": (
            "<ol><li>Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.</li>"
            f"<li>Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả{online_step}.</li>"
            "<li>Cơ quan thực hiện thẩm định, giải quyết hồ sơ.</li>"
            "<li>Nhận kết quả theo ngày hẹn trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</li></ol>"
        ),
        "submission_methods": (
            "<ul><li>Trực tiếp tại Bộ phận một cửa.</li>"
            f"<li>Qua dịch vụ bưu chính công ích.</li>{online_method}</ul>"
        ),
        "eligible_applicants": "<p>Cá nhân, tổ chức có yêu cầu.</p>",
        "result": f"<p>Kết quả giải quyết thủ tục {title[0].lower() + title[1:]}.</p>",
        "legal_basis": LEGAL_BASIS.get(
            field_name, f"<p>Các văn bản quy phạm pháp luật về lĩnh vực {field_name.lower()}.</p>"
        ),
    }


def _national_codes() -> dict[str, str]:
    """Official codes by name, from the national sample: demo entries of the same name take them."""
    _layout, rows = read_rows(NATIONAL_SAMPLE)
    return {row["name"]: row["code"] for _line, row in rows}


def _demo_procedures(agencies: dict[str, Agency]) -> list[ProcedureData]:
    procedures = []
    number = 0
    national_codes = _national_codes()
    for sector_name, department, fields in CATALOGUE:
        sector = sector_get_or_create(name=sector_name)
        for field_name, entries in fields.items():
            field = field_get_or_create(name=field_name, sector=sector)
            for title, levels, service_level, days, fee in entries:
                code = national_codes.get(title) or (FIRST_CODE if number == 0 else f"1.{4000 + number:06d}")
                first_level = levels.split(";")[0]
                agency_code = {
                    "tinh": department,
                    "huyen": DISTRICT_AGENCIES[number % 2],
                    "xa": COMMUNE_AGENCIES[number % 2],
                }[first_level]
                documents = STANDARD_DOCUMENTS.get(field_name, STANDARD_DOCUMENTS["default"])
                online = service_level >= 3
                procedures.append(
                    ProcedureData(
                        code=code,
                        title=title,
                        sector=sector,
                        field=field,
                        agency=agencies[agency_code],
                        admin_levels=set(levels.split(";")),
                        service_level=service_level,
                        processing_days=days,
                        online_processing_days=days - 1 if service_level == 4 and days > 2 else None,
                        fees=[FeeData(label="Lệ phí", amount_vnd=fee)] if fee else [],
                        documents=[
                            DocumentData(name=name, originals=originals, copies=copies, is_required=required)
                            for name, originals, copies, required in documents
                        ],
                        rich_text=_texts(title=title, field_name=field_name, online=online),
                        effective_date=date(2024, 1, 1),
                        is_retired=title == RETIRED_TITLE,
                        retired_date=date(2025, 7, 1) if title == RETIRED_TITLE else None,
                    )
                )
                number += 1
    return procedures


def _national_sample_import(stdout) -> None:
    """The communes' agencies of the demo province, the national sample on top of the catalogue, and
    one local setting: birth registration goes to the citizen's own commune."""
    units = unit_agencies_create(province=province_find(name_or_code=DEMO_PROVINCE), with_police=True)
    report = procedures_import(path=NATIONAL_SAMPLE)
    birth = ProcedurePage.objects.get(code=FIRST_CODE)
    if birth.agency_id is not None:
        birth.agency = None
        birth.save_revision().publish()
    stdout.write(
        f"Đơn vị hành chính {DEMO_PROVINCE}: {len(units.created)} cơ quan mới; "
        f"danh sách thủ tục quốc gia mẫu: {len(report.created)} mới, {len(report.updated)} cập nhật. "
        "Đăng ký khai sinh: nộp tại xã, phường của người dân.\n"
    )


def _feature_on_home_page(stdout) -> None:
    home = HomePage.objects.first()
    if home is None or HomeFeaturedProcedure.objects.filter(home_page=home).exists():
        return
    by_title = {page.title: page for page in ProcedurePage.objects.filter(title__in=FEATURED_TITLES)}
    home.featured_procedures = [
        HomeFeaturedProcedure(page=by_title[title], sort_order=position)
        for position, title in enumerate(FEATURED_TITLES)
        if title in by_title
    ]
    home.save_revision().publish()
    stdout.write(f"Trang chủ: {len(by_title)} thủ tục thường dùng.\n")


def _demo_reviewer(agency: Agency, stdout) -> None:
    """A reviewer of Sở Tư pháp, so that the moderation workflow can be tried with bientap.stp."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal.accounts.demo import DEMO_PASSWORD
    from services_catalog.editing import REVIEWER_GROUP_NAME

    user, created = get_user_model().objects.get_or_create(
        username="duyet.stp",
        defaults={"full_name": "Lê Thị Duyệt", "email": "duyet.stp@bentre.gov.vn", "agency": agency},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP_NAME))
    stdout.write("Người duyệt thủ tục hành chính demo: duyet.stp (Sở Tư pháp).\n")


def seed(stdout) -> None:
    agencies = {}
    for code, name, level, address, phone in AGENCIES:
        agency, _ = Agency.objects.get_or_create(code=code, defaults={"name": name, "level": level})
        if not agency.address:  # the accounts demo may have made it first, without a contact
            agency.address = address
            agency.phone = phone
            agency.email = f"{code}@bentre.gov.vn"
            agency.opening_hours = "Sáng 7 giờ đến 11 giờ; chiều 13 giờ đến 17 giờ, từ thứ Hai đến thứ Sáu"
            agency.save()
        agencies[code] = agency
    index = catalogue_index_ensure()
    existing = set(ProcedurePage.objects.values_list("code", flat=True))
    missing = [data for data in _demo_procedures(agencies) if data.code not in existing]
    procedures_bulk_create(index_page=index, procedures=missing, with_revisions=True)
    _national_sample_import(stdout)
    seed_eforms(stdout)
    _feature_on_home_page(stdout)
    _demo_reviewer(agencies["stp"], stdout)
    stdout.write(
        f"Danh mục thủ tục hành chính demo: {ProcedurePage.objects.count()} thủ tục "
        f"({len(missing)} mới) tại /thu-tuc-hanh-chinh/.\n"
    )
