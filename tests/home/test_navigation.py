import re

from django.conf import settings
from django.core.exceptions import ValidationError

import pytest

from home.factories import ContentPageFactory
from home.models import FooterLink, MainMenuItem, NavigationSettings
from home.services import DEFAULT_FOOTER_LINKS, DEFAULT_MAIN_MENU

pytestmark = pytest.mark.django_db


def nav_html(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def test_migration_gives_the_default_site_the_former_fixed_links(site):
    navigation = NavigationSettings.for_site(site)
    main = list(MainMenuItem.objects.filter(setting=navigation).order_by("sort_order"))
    assert [(item.label, item.label_en, item.link_url) for item in main] == DEFAULT_MAIN_MENU
    footer = list(FooterLink.objects.filter(setting=navigation).order_by("sort_order"))
    assert [(item.label, item.label_en, item.link_url) for item in footer] == DEFAULT_FOOTER_LINKS


def test_editors_change_the_menu_and_the_site_follows(client, site, home_page):
    navigation = NavigationSettings.for_site(site)
    guides = ContentPageFactory(title="Hướng dẫn", slug="huong-dan")
    MainMenuItem.objects.filter(setting=navigation, link_url="/thong-ke/").delete()
    MainMenuItem.objects.create(setting=navigation, label="Hướng dẫn", label_en="Guides", link_page=guides)
    FooterLink.objects.create(setting=navigation, label="Liên hệ", link_url="https://bentre.gov.vn/lien-he")
    html = client.get("/").content.decode()
    menu = nav_html(html)
    assert 'href="/huong-dan/"' in menu and "Hướng dẫn" in menu
    assert "/thong-ke/" not in menu
    assert 'href="https://bentre.gov.vn/lien-he"' in html.split('class="site-footer"')[1]


def test_menu_uses_english_labels_when_english_is_chosen(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    menu = nav_html(client.get("/").content.decode())
    assert "Submit a dossier" in menu and "Nộp hồ sơ" not in menu


def test_menu_leaves_out_pages_that_are_not_live(client, site, home_page):
    draft = ContentPageFactory(title="Bản nháp", slug="ban-nhap", live=False)
    MainMenuItem.objects.create(setting=NavigationSettings.for_site(site), label="Bản nháp", link_page=draft)
    assert "Bản nháp" not in nav_html(client.get("/").content.decode())


def test_current_section_is_marked_in_the_menu(client, site, home_page):
    guides = ContentPageFactory(title="Hướng dẫn", slug="huong-dan")
    child = ContentPageFactory(parent=guides, title="Đăng ký tài khoản", slug="dang-ky")
    MainMenuItem.objects.create(
        setting=NavigationSettings.for_site(site), label="Hướng dẫn", link_page=guides
    )
    menu = nav_html(client.get(child.url).content.decode())
    assert '<a href="/huong-dan/" aria-current="page">' in menu


@pytest.mark.parametrize("address", ["javascript:alert(1)", "//evil.example/", "hoi-dap"])
def test_menu_links_accept_only_site_paths_and_web_addresses(address, site):
    item = MainMenuItem(setting=NavigationSettings.for_site(site), label="x", link_url=address)
    with pytest.raises(ValidationError):
        item.full_clean()


def test_a_link_needs_a_page_or_an_address_not_both(site, home_page):
    item = MainMenuItem(setting=NavigationSettings.for_site(site), label="x")
    with pytest.raises(ValidationError):
        item.full_clean()
    item.link_page, item.link_url = home_page, "/x/"
    with pytest.raises(ValidationError):
        item.full_clean()


def test_breadcrumbs_show_the_path_but_not_on_the_home_page(client, home_page):
    guides = ContentPageFactory(title="Hướng dẫn", slug="huong-dan")
    child = ContentPageFactory(parent=guides, title="Đăng ký tài khoản", slug="dang-ky")
    html = client.get(child.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">', crumbs) == ["/", "/huong-dan/"]
    assert '<span aria-current="page">Đăng ký tài khoản</span>' in crumbs
    assert 'class="breadcrumbs"' not in client.get("/").content.decode()


def test_breadcrumbs_follow_a_renamed_parent(client, home_page):
    guides = ContentPageFactory(title="Hướng dẫn", slug="huong-dan")
    child = ContentPageFactory(parent=guides, title="Đăng ký", slug="dang-ky")
    client.get(child.url)  # cached trail
    guides.title = "Hướng dẫn sử dụng"
    guides.save_revision().publish()
    assert ">Hướng dẫn sử dụng</a>" in client.get(child.url).content.decode()


def test_a_moved_page_is_served_at_its_new_address_only(client, home_page):
    first = ContentPageFactory(title="Mục một", slug="muc-mot")
    second = ContentPageFactory(title="Mục hai", slug="muc-hai")
    page = ContentPageFactory(parent=first, title="Trang con", slug="trang-con")
    assert client.get("/muc-mot/trang-con/").status_code == 200  # the route is now remembered
    page.move(second, pos="last-child")
    old = client.get("/muc-mot/trang-con/")  # Wagtail's automatic redirect, not the remembered route
    assert old.status_code == 301 and old["Location"] == "/muc-hai/trang-con/"
    assert client.get("/muc-hai/trang-con/").status_code == 200


def test_an_unpublished_page_is_gone_even_after_its_route_was_remembered(client, home_page):
    page = ContentPageFactory(title="Tạm thời", slug="tam-thoi")
    assert client.get("/tam-thoi/").status_code == 200
    page.unpublish()
    assert client.get("/tam-thoi/").status_code == 404


def test_urgent_banner_disappears_when_the_notice_is_deleted(client, home_page):
    from home.models import Announcement

    notice = Announcement.objects.create(title="Bảo trì hệ thống", is_urgent=True)
    assert "Bảo trì hệ thống" in client.get("/").content.decode()
    notice.delete()
    assert "Bảo trì hệ thống" not in client.get("/").content.decode()


def test_menus_are_edited_in_the_admin_settings(admin_client, site):
    response = admin_client.get(f"/admin/settings/home/navigationsettings/{site.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "main_menu_items-TOTAL_FORMS" in html and "footer_links-TOTAL_FORMS" in html
