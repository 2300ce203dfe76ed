import pytest

from tests.e2e.conftest import assert_accessible, save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_is_vietnamese_accessible_and_switches_language(page, home_page):
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("navigation", name="Điều hướng chính").is_visible()
    assert_accessible(page)
    save_screenshot(page, "home-vi")

    with page.expect_navigation():
        page.select_option("#language-select", "en")  # the script submits the form on change
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Administrative procedures").first.is_visible()


def test_skip_link_moves_focus_to_the_main_content(page, home_page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Chuyển đến nội dung chính")
    assert skip_link.evaluate("element => element === document.activeElement")
    skip_link.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_menu_collapses_behind_a_button_on_small_screens(page, home_page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    toggle = page.get_by_role("button", name="Danh mục")
    menu = page.locator("#main-nav-list")
    assert not menu.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Tra cứu hồ sơ").is_visible()
    assert_accessible(page)
    save_screenshot(page, "home-mobile-menu")


@pytest.mark.parametrize("path", ["/dang-nhap/", "/tim-kiem/?q=khai+sinh", "/khong-co-trang-nay/"])
def test_public_pages_have_no_accessibility_violations(page, home_page, path):
    page.goto(page.base_url + path)
    assert_accessible(page)
