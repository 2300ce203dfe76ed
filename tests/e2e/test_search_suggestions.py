import time

import pytest

from search.models import FailedQueryKind, ZeroResultQuery
from services_catalog.models import Agency
from services_catalog.services import (
    DocumentData,
    ProcedureData,
    catalogue_index_ensure,
    field_get_or_create,
    procedure_create,
    sector_get_or_create,
)
from tests.e2e.conftest import assert_accessible, save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_search_box_suggests_procedures_while_typing_without_diacritics(page, home_page):
    justice = sector_get_or_create(name="Tư pháp")
    procedure_create(
        index_page=catalogue_index_ensure(),
        data=ProcedureData(
            code="1.001193",
            title="Đăng ký khai sinh",
            sector=justice,
            field=field_get_or_create(name="Hộ tịch", sector=justice),
            agency=Agency.objects.create(code="ubndxa", name="UBND xã Phú Hưng", level="xa"),
            admin_levels={"xa"},
            service_level=4,
            processing_days=1,
            fees=[],
            documents=[DocumentData(name="Tờ khai đăng ký khai sinh")],
        ),
    )
    page.goto(page.base_url + "/")
    page.locator("#home-search").press_sequentially("dang ky khai", delay=40)
    suggestion = page.get_by_role("option", name="Đăng ký khai sinh")
    suggestion.wait_for()
    assert_accessible(page)
    save_screenshot(page, "home-search-suggestions")
    page.locator("#home-search").press("ArrowDown")
    with page.expect_navigation():
        page.locator("#home-search").press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng ký khai sinh"


def test_a_search_that_finds_nothing_is_counted_once_by_the_browser(page, home_page):
    page.goto(page.base_url + "/tim-kiem/?q=Xin+gi%E1%BA%A5y+ph%C3%A9p+nu%C3%B4i+r%E1%BB%93ng")
    assert "Không tìm thấy" in page.locator("main").inner_text()
    deadline = time.monotonic() + 10
    while not ZeroResultQuery.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    logged = ZeroResultQuery.objects.get()
    assert (logged.query_text, logged.kind, logged.count) == (
        "xin giay phep nuoi rong",
        FailedQueryKind.ZERO_RESULTS,
        1,
    )
