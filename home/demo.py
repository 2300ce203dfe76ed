"""Demo content of the home page and the portal settings."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Site

from home.models import Announcement, HomePage, PortalSettings


def seed(stdout) -> None:
    site = Site.objects.get(is_default_site=True)
    portal = PortalSettings.for_site(site)
    if not portal.operator_address:
        portal.operator_address = "Số 7, đường Cách Mạng Tháng Tám, phường An Hội, thành phố Bến Tre"
        portal.operator_phone = "0275 3822 338"
        portal.operator_hotline = "1900 0000"
        portal.operator_email = "stttt@bentre.gov.vn"
        portal.save()

    home = HomePage.objects.get(pk=site.root_page_id)
    if home.title != "Trang chủ":
        home.title = "Trang chủ"
        home.save_revision().publish()

    if not Announcement.objects.exists():
        now = timezone.now()
        Announcement.objects.create(
            title="Tiếp nhận hồ sơ trực tuyến mức độ 3, 4 cả ngày thứ Bảy",
            body="<p>Bộ phận một cửa các sở, ngành tiếp nhận hồ sơ trực tuyến liên tục; hồ sơ nộp "
            "ngoài giờ hành chính được xử lý vào ngày làm việc kế tiếp.</p>",
            starts_at=now - timedelta(days=2),
        )
        Announcement.objects.create(
            title="Hướng dẫn đăng ký tài khoản dịch vụ công",
            body="<p>Người dân đăng ký tài khoản bằng số điện thoại hoặc thư điện tử để nộp hồ sơ "
            "trực tuyến.</p>",
            starts_at=now - timedelta(days=10),
        )
    stdout.write("Trang chủ và thông báo demo: sẵn sàng.\n")
