"""Demo incident notice (resolved, in the archive) and release notes for `make run` (R-OPS-1/2)."""

from datetime import date, timedelta

from django.utils import timezone

from home.models import IncidentNotice, ReleaseNote

RELEASES = [
    (
        "1.0.0",
        date(2026, 9, 1),
        "Phiên bản đầu tiên của Cổng dịch vụ công",
        "<ul><li>Danh mục thủ tục hành chính, tìm kiếm không dấu.</li>"
        "<li>Nộp hồ sơ trực tuyến mức độ 3, 4; tra cứu hồ sơ.</li></ul>",
    ),
    (
        "1.1.0",
        date(2026, 11, 20),
        "Thống kê, báo cáo và thông báo sự cố",
        "<ul><li>Trang Thống kê công khai; bảng điều khiển cho lãnh đạo cơ quan và quản trị hệ thống.</li>"
        "<li>Xuất bảng số liệu ra CSV, XLSX; báo cáo định kỳ theo mẫu một cửa, báo cáo năm.</li>"
        "<li>Công dân đánh giá hồ sơ đã có kết quả; thông báo sự cố hệ thống.</li></ul>",
    ),
]


def seed(stdout) -> None:
    for version, released_on, summary, changes in RELEASES:
        ReleaseNote.objects.get_or_create(
            version=version, defaults={"released_on": released_on, "summary": summary, "changes": changes}
        )
    if not IncidentNotice.objects.exists():
        start = timezone.now() - timedelta(days=12, hours=3)
        IncidentNotice.objects.create(
            title="Gián đoạn chức năng nộp hồ sơ trực tuyến",
            description="Máy chủ lưu trữ tệp gặp lỗi, không tải được tệp đính kèm.",
            guidance=(
                "Trong thời gian khắc phục, người dân nộp hồ sơ trực tiếp tại Bộ phận một cửa. "
                "Hồ sơ đang giải quyết không bị ảnh hưởng; thời hạn bổ sung được kéo dài tương ứng."
            ),
            starts_at=start,
            expected_end_at=start + timedelta(hours=4),
            resolved_at=start + timedelta(hours=3),
        )
    stdout.write("Thông báo sự cố và thông tin phiên bản demo: sẵn sàng.\n")
