import pytest

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
