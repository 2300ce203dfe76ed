"""The demo e-forms: the official declarations of four common procedures, as an editor would build them,
and filled answers for the demo dossiers of these procedures."""

from datetime import timedelta

from django.utils import timezone

from services_catalog.choices import ServiceLevel
from services_catalog.eforms import EFormField, eform_version_current
from services_catalog.models import ProcedurePage, RequiredDocument

BIRTH = "1.001193"  # Đăng ký khai sinh
MARRIAGE = "1.000894"  # Đăng ký kết hôn
CRIMINAL_RECORD = "2.000488"  # Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài …
PERMANENT_RESIDENCE = "1.004194"  # Đăng ký thường trú

DEMO_COMMUNE = "29641"  # Xã Cái Nhum, tỉnh Vĩnh Long


def _section(label: str) -> dict:
    return {"label": label, "field_type": "section", "required": False}


def _field(label: str, field_type: str = "singleline", **extra) -> dict:
    return {"label": label, "field_type": field_type, "required": extra.pop("required", True), **extra}


# What a procedure of the national sample asks once it goes online (Đăng ký thường trú, Luật Cư trú).
ONLINE_DOCUMENTS = ["Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp"]

FATHER_KNOWN = {"show_when_field": "Khai thông tin người cha", "show_when_value": "Có"}

DEMO_EFORMS: dict[str, list[dict]] = {
    # Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP).
    BIRTH: [
        _section("Người yêu cầu"),
        _field("Họ, chữ đệm, tên người yêu cầu", prefill="full_name"),
        _field("Số định danh cá nhân của người yêu cầu", "citizen_id", prefill="citizen_id"),
        _field("Nơi cư trú của người yêu cầu", prefill="address"),
        _field(
            "Quan hệ với người được khai sinh",
            "dropdown",
            choices="Cha\nMẹ\nÔng\nBà\nNgười thân thích khác",
        ),
        _field("Số điện thoại liên hệ", "phone", prefill="phone", required=False),
        _section("Người được khai sinh"),
        _field(
            "Họ, chữ đệm, tên người được khai sinh", help_text="Viết đúng như sẽ ghi trong Giấy khai sinh."
        ),
        _field("Giới tính", "radio", choices="Nam\nNữ"),
        _field("Ngày, tháng, năm sinh", "date", date_rule="not_future"),
        _field("Nơi sinh", "admin_unit", help_text="Xã, phường nơi trẻ được sinh ra."),
        _field("Dân tộc", "ethnicity"),
        _field("Quốc tịch", "nationality", default_value="Việt Nam"),
        _section("Người mẹ"),
        _field("Họ, chữ đệm, tên người mẹ"),
        _field("Năm sinh của người mẹ", "number"),
        _field("Dân tộc của người mẹ", "ethnicity"),
        _field("Quốc tịch của người mẹ", "nationality", default_value="Việt Nam"),
        _field("Nơi cư trú của người mẹ"),
        _section("Người cha"),
        _field("Khai thông tin người cha", "radio", choices="Có\nKhông", default_value="Có"),
        _field("Họ, chữ đệm, tên người cha", **FATHER_KNOWN),
        _field("Năm sinh của người cha", "number", **FATHER_KNOWN),
        _field("Dân tộc của người cha", "ethnicity", **FATHER_KNOWN),
        _field("Quốc tịch của người cha", "nationality", default_value="Việt Nam", **FATHER_KNOWN),
        _field("Nơi cư trú của người cha", **FATHER_KNOWN),
    ],
    # Tờ khai đăng ký kết hôn.
    MARRIAGE: [
        _section("Bên nữ"),
        _field("Họ, chữ đệm, tên bên nữ"),
        _field("Ngày, tháng, năm sinh bên nữ", "date", date_rule="not_future", min_age=18),
        _field("Dân tộc bên nữ", "ethnicity"),
        _field("Quốc tịch bên nữ", "nationality", default_value="Việt Nam"),
        _field("Số định danh cá nhân bên nữ", "citizen_id"),
        _field("Nơi cư trú bên nữ"),
        _field(
            "Kết hôn lần thứ mấy (bên nữ)",
            "dropdown",
            choices="Lần thứ nhất\nLần thứ hai\nLần thứ ba trở lên",
        ),
        _section("Bên nam"),
        _field("Họ, chữ đệm, tên bên nam"),
        _field("Ngày, tháng, năm sinh bên nam", "date", date_rule="not_future", min_age=20),
        _field("Dân tộc bên nam", "ethnicity"),
        _field("Quốc tịch bên nam", "nationality", default_value="Việt Nam"),
        _field("Số định danh cá nhân bên nam", "citizen_id"),
        _field("Nơi cư trú bên nam"),
        _field(
            "Kết hôn lần thứ mấy (bên nam)",
            "dropdown",
            choices="Lần thứ nhất\nLần thứ hai\nLần thứ ba trở lên",
        ),
    ],
    # Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP).
    CRIMINAL_RECORD: [
        _section("Thông tin người yêu cầu cấp Phiếu"),
        _field("Họ và tên", prefill="full_name"),
        _field("Giới tính", "radio", choices="Nam\nNữ"),
        _field("Ngày, tháng, năm sinh", "date", date_rule="not_future", min_age=14, prefill="date_of_birth"),
        _field("Nơi sinh", "admin_unit"),
        _field("Quốc tịch", "nationality", default_value="Việt Nam"),
        _field("Dân tộc", "ethnicity"),
        _field("Số định danh cá nhân", "citizen_id", prefill="citizen_id"),
        _field("Nơi thường trú", prefill="address"),
        _field("Số điện thoại", "phone", prefill="phone"),
        _field("Thư điện tử", "email", prefill="email", required=False),
        _section("Nội dung yêu cầu"),
        _field("Loại Phiếu lý lịch tư pháp", "radio", choices="Phiếu số 1\nPhiếu số 2"),
        _field(
            "Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp",
            "radio",
            choices="Có\nKhông",
            show_when_field="Loại Phiếu lý lịch tư pháp",
            show_when_value="Phiếu số 1",
        ),
        _field("Mục đích sử dụng Phiếu", help_text="Ví dụ: bổ sung hồ sơ xin việc, xuất cảnh."),
        _field("Số lượng Phiếu yêu cầu cấp", "number", default_value="1"),
    ],
    # Tờ khai thay đổi thông tin cư trú (Mẫu CT01).
    PERMANENT_RESIDENCE: [
        _section("Người đề nghị"),
        _field("Họ, chữ đệm và tên", prefill="full_name"),
        _field("Ngày, tháng, năm sinh", "date", date_rule="not_future", prefill="date_of_birth"),
        _field("Giới tính", "radio", choices="Nam\nNữ"),
        _field("Số định danh cá nhân", "citizen_id", prefill="citizen_id"),
        _field("Số điện thoại liên hệ", "phone", prefill="phone"),
        _section("Nơi đề nghị đăng ký thường trú"),
        _field("Xã, phường đăng ký thường trú", "admin_unit"),
        _field("Số nhà, đường, thôn, ấp"),
        _field("Họ, chữ đệm và tên chủ hộ"),
        _field("Quan hệ với chủ hộ", "dropdown", choices="Chủ hộ\nVợ\nChồng\nCon\nCha\nMẹ\nKhác"),
        _field("Nội dung đề nghị", "multiline", default_value="Đăng ký thường trú"),
        _field("Họ, chữ đệm và tên thành viên", repeat_group="Thành viên hộ gia đình cùng thay đổi"),
        _field(
            "Ngày sinh thành viên",
            "date",
            date_rule="not_future",
            repeat_group="Thành viên hộ gia đình cùng thay đổi",
        ),
        _field(
            "Số định danh cá nhân thành viên",
            "citizen_id",
            required=False,
            repeat_group="Thành viên hộ gia đình cùng thay đổi",
        ),
        _field(
            "Quan hệ của thành viên với chủ hộ",
            "dropdown",
            choices="Vợ\nChồng\nCon\nCha\nMẹ\nKhác",
            repeat_group="Thành viên hộ gia đình cùng thay đổi",
        ),
    ],
}


CHILD_NAMES = ["An", "Khang", "Thư", "Ngọc"]


def demo_answers(*, code: str, name: str, number: int) -> dict:
    """Valid answers to the demo e-form of `code` for a demo dossier of applicant `name`."""
    citizen_id = f"0860{90 + number % 10:02d}{number % 1000000:06d}"
    year = 1985 + number % 15
    if code == BIRTH:
        return {
            "ho_chu_dem_ten_nguoi_yeu_cau": name,
            "so_dinh_danh_ca_nhan_cua_nguoi_yeu_cau": citizen_id,
            "noi_cu_tru_cua_nguoi_yeu_cau": "Ấp Phú Long, xã Cái Nhum, tỉnh Vĩnh Long",
            "quan_he_voi_nguoi_duoc_khai_sinh": "Mẹ",
            "so_dien_thoai_lien_he": f"09{number % 100000000:08d}",
            "ho_chu_dem_ten_nguoi_duoc_khai_sinh": f"Nguyễn Minh {CHILD_NAMES[number % 4]}",
            "gioi_tinh": ["Nam", "Nữ"][number % 2],
            "ngay_thang_nam_sinh": (timezone.localdate() - timedelta(days=10 + number % 300)).isoformat(),
            "noi_sinh": DEMO_COMMUNE,
            "dan_toc": "Kinh",
            "quoc_tich": "Việt Nam",
            "ho_chu_dem_ten_nguoi_me": name,
            "nam_sinh_cua_nguoi_me": str(year),
            "dan_toc_cua_nguoi_me": "Kinh",
            "quoc_tich_cua_nguoi_me": "Việt Nam",
            "noi_cu_tru_cua_nguoi_me": "Ấp Phú Long, xã Cái Nhum, tỉnh Vĩnh Long",
            "khai_thong_tin_nguoi_cha": "Có",
            "ho_chu_dem_ten_nguoi_cha": "Nguyễn Văn Bình",
            "nam_sinh_cua_nguoi_cha": str(year - 2),
            "dan_toc_cua_nguoi_cha": "Kinh",
            "quoc_tich_cua_nguoi_cha": "Việt Nam",
            "noi_cu_tru_cua_nguoi_cha": "Ấp Phú Long, xã Cái Nhum, tỉnh Vĩnh Long",
        }
    if code == MARRIAGE:
        return {
            "ho_chu_dem_ten_ben_nu": name,
            "ngay_thang_nam_sinh_ben_nu": f"{year}-05-{1 + number % 27:02d}",
            "dan_toc_ben_nu": "Kinh",
            "quoc_tich_ben_nu": "Việt Nam",
            "so_dinh_danh_ca_nhan_ben_nu": citizen_id,
            "noi_cu_tru_ben_nu": "Phường An Hội, tỉnh Vĩnh Long",
            "ket_hon_lan_thu_may_ben_nu": "Lần thứ nhất",
            "ho_chu_dem_ten_ben_nam": "Trần Quốc Việt",
            "ngay_thang_nam_sinh_ben_nam": f"{year - 2}-09-{1 + number % 27:02d}",
            "dan_toc_ben_nam": "Kinh",
            "quoc_tich_ben_nam": "Việt Nam",
            "so_dinh_danh_ca_nhan_ben_nam": f"0830{90 + number % 10:02d}{number % 1000000:06d}",
            "noi_cu_tru_ben_nam": "Xã Cái Nhum, tỉnh Vĩnh Long",
            "ket_hon_lan_thu_may_ben_nam": "Lần thứ nhất",
        }
    if code == CRIMINAL_RECORD:
        return {
            "ho_va_ten": name,
            "gioi_tinh": ["Nam", "Nữ"][number % 2],
            "ngay_thang_nam_sinh": f"{year}-03-{1 + number % 27:02d}",
            "noi_sinh": DEMO_COMMUNE,
            "quoc_tich": "Việt Nam",
            "dan_toc": "Kinh",
            "so_dinh_danh_ca_nhan": citizen_id,
            "noi_thuong_tru": "Phường An Hội, tỉnh Vĩnh Long",
            "so_dien_thoai": f"09{number % 100000000:08d}",
            "thu_dien_tu": "",
            "loai_phieu_ly_lich_tu_phap": "Phiếu số 1",
            "yeu_cau_xac_nhan_ve_viec_cam_dam_nhiem_chuc_vu_thanh_lap_quan_ly_doanh_nghiep": "Không",
            "muc_dich_su_dung_phieu": "Bổ sung hồ sơ xin việc",
            "so_luong_phieu_yeu_cau_cap": "1",
        }
    if code == PERMANENT_RESIDENCE:
        return {
            "ho_chu_dem_va_ten": name,
            "ngay_thang_nam_sinh": f"{year}-07-{1 + number % 27:02d}",
            "gioi_tinh": ["Nam", "Nữ"][number % 2],
            "so_dinh_danh_ca_nhan": citizen_id,
            "so_dien_thoai_lien_he": f"09{number % 100000000:08d}",
            "xa_phuong_dang_ky_thuong_tru": DEMO_COMMUNE,
            "so_nha_duong_thon_ap": "Số 12, ấp Phú Long",
            "ho_chu_dem_va_ten_chu_ho": name,
            "quan_he_voi_chu_ho": "Chủ hộ",
            "noi_dung_de_nghi": "Đăng ký thường trú",
            "thanh_vien_ho_gia_dinh_cung_thay_doi": [
                {
                    "ho_chu_dem_va_ten_thanh_vien": "Nguyễn Minh An",
                    "ngay_sinh_thanh_vien": "2015-04-02",
                    "so_dinh_danh_ca_nhan_thanh_vien": "",
                    "quan_he_cua_thanh_vien_voi_chu_ho": "Con",
                }
            ],
        }
    return {}


def seed_eforms(stdout) -> None:
    """Give the four procedures their e-form (once: an editor's later changes are kept), at level 3 at
    least so that citizens can fill it in online; publishing records the form's first version."""
    made = []
    for code, fields in DEMO_EFORMS.items():
        procedure = ProcedurePage.objects.filter(code=code).first()
        if procedure is None or procedure.eform_fields.exists():
            continue
        procedure.eform_fields = [EFormField(sort_order=order, **field) for order, field in enumerate(fields)]
        if procedure.service_level < ServiceLevel.PARTLY_ONLINE:
            procedure.service_level = ServiceLevel.PARTLY_ONLINE
        if not procedure.documents.exists():  # the national sample lists none: a dossier needs some
            procedure.documents = [
                RequiredDocument(name=name, sort_order=order) for order, name in enumerate(ONLINE_DOCUMENTS)
            ]
        procedure.save_revision().publish()
        eform_version_current(procedure=procedure)
        made.append(procedure.title)
    if made:
        stdout.write(f"Tờ khai điện tử demo: {', '.join(made)}.\n")
