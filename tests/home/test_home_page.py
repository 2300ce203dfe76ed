from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

import pytest

from home.factories import ContentPageFactory
from home.models import Announcement, HomePage, PortalSettings

pytestmark = pytest.mark.django_db


def test_home_page_exists_at_the_site_root(home_page):
    assert isinstance(home_page, HomePage)
    assert home_page.live


def test_home_page_renders_in_vietnamese_by_default(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    for label in ("Thủ tục hành chính", "Nộp hồ sơ", "Tra cứu hồ sơ", "Hỏi đáp", "Thống kê", "Đăng nhập"):
        assert label in html, label
    assert 'href="#main"' in html and 'id="main"' in html  # skip link and its target
    assert 'role="search"' in html


def test_home_page_renders_in_english_when_chosen(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Administrative procedures" in html
    assert "Dossier look-up" in html
    assert "Thủ tục hành chính" not in html


def test_language_switcher_stores_the_choice(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Administrative procedures" in client.get("/").content.decode()


def test_header_and_footer_show_the_editable_portal_settings(client, site):
    portal = PortalSettings.for_site(site)
    portal.province_name = "Tỉnh Thử Nghiệm"
    portal.operator_email = "hotro@thunghiem.gov.vn"
    portal.save()
    html = client.get("/").content.decode()
    assert "Tỉnh Thử Nghiệm" in html
    assert "mailto:hotro@thunghiem.gov.vn" in html


def test_changed_settings_and_sites_show_at_once_though_both_are_remembered(client, site, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "hoidap.example.vn"]
    assert "Tỉnh Bến Tre" in client.get("/").content.decode()
    portal = PortalSettings.for_site(site)
    portal.province_name = "Tỉnh Thử Nghiệm"
    portal.save()
    assert "Tỉnh Thử Nghiệm" in client.get("/").content.decode()

    guide = ContentPageFactory(parent=site.root_page, title="Cổng hỏi đáp riêng")
    assert "Cổng hỏi đáp riêng" not in client.get("/", HTTP_HOST="hoidap.example.vn").content.decode()
    Site.objects.create(hostname="hoidap.example.vn", port=80, root_page=guide, site_name="Hỏi đáp")
    assert "Cổng hỏi đáp riêng" in client.get("/", HTTP_HOST="hoidap.example.vn").content.decode()


def test_only_current_announcements_are_listed(client, home_page):
    now = timezone.now()
    Announcement.objects.create(title="Thông báo đang hiệu lực", starts_at=now - timedelta(days=1))
    Announcement.objects.create(
        title="Thông báo đã hết hạn", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=1)
    )
    Announcement.objects.create(title="Thông báo sắp tới", starts_at=now + timedelta(days=1))
    html = client.get("/").content.decode()
    assert "Thông báo đang hiệu lực" in html
    assert "Thông báo đã hết hạn" not in html
    assert "Thông báo sắp tới" not in html


def test_urgent_announcement_shows_as_a_banner_on_other_pages(client, home_page):
    Announcement.objects.create(title="Hệ thống bảo trì từ 22 giờ", is_urgent=True)
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert "Hệ thống bảo trì từ 22 giờ" in html
    assert "urgent-banner" in html


def test_announcement_text_is_escaped(client, home_page):
    Announcement.objects.create(title="<script>alert(1)</script>")
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_not_found_page_is_in_vietnamese(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_home_page_query_count_is_bounded(client, home_page, django_assert_max_num_queries):
    client.get("/")  # warm the site lookup caches
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_seed_demo_is_idempotent(db):
    from django.contrib.auth import get_user_model

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users, announcements = get_user_model().objects.count(), Announcement.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert get_user_model().objects.count() == users >= 7
    assert Announcement.objects.count() == announcements


def test_browser_language_does_not_override_vietnamese(client, home_page):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html
    assert "Thủ tục hành chính" in html
