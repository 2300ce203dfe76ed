"""Every public page type and the citizen's account forms pass axe-core's WCAG 2.1 A and AA rules.

Each page is seeded with the demo data of `make run`, so that it is checked with real content:
menus, announcements, images, procedure lists, facets.
"""

import json

import pytest

from services_catalog.demo import FIRST_CODE
from services_catalog.models import Field, ProcedurePage
from tests.e2e.conftest import assert_accessible, axe_violations
from tests.e2e.demo import CATALOGUE, HOME, SEARCH, seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONTENT = (HOME,)
CATALOGUE_ONLY = (CATALOGUE, SEARCH)
NOTHING = ()


def _procedure_path() -> str:
    return ProcedurePage.objects.get(code=FIRST_CODE).url


def _field_path() -> str:
    return f"/thu-tuc-hanh-chinh/linh-vuc/{Field.objects.get(name='Hộ tịch').slug}/"


# (page type, demo data it needs, path or a function giving it once the data exists, expected HTTP status)
PAGE_TYPES = [
    ("home", (HOME, CATALOGUE), "/", 200),
    ("catalogue-index", CATALOGUE_ONLY, "/thu-tuc-hanh-chinh/", 200),
    ("catalogue-filtered", CATALOGUE_ONLY, "/thu-tuc-hanh-chinh/?service_level=4&q=ho+tich", 200),
    ("procedure", CATALOGUE_ONLY, _procedure_path, 200),
    ("agency-list", CATALOGUE_ONLY, "/thu-tuc-hanh-chinh/co-quan/", 200),
    ("agency-detail", CATALOGUE_ONLY, "/thu-tuc-hanh-chinh/co-quan/stp/", 200),
    ("field", CATALOGUE_ONLY, _field_path, 200),
    ("search", CATALOGUE_ONLY, "/tim-kiem/?q=dang+ky+khai+sinh", 200),
    ("search-empty", NOTHING, "/tim-kiem/", 200),
    ("news-index", CONTENT, "/tin-tuc/", 200),
    ("news-article", CONTENT, "/tin-tuc/tiep-nhan-ho-so-truc-tuyen-thu-bay/", 200),
    ("content-page", CONTENT, "/huong-dan/nop-ho-so-truc-tuyen-muc-do-3-4/", 200),
    ("agency-section", CONTENT, "/co-quan/stp/", 200),
    ("login", NOTHING, "/dang-nhap/", 200),
    ("register", NOTHING, "/dang-ky/", 200),
    ("activation", NOTHING, "/kich-hoat/", 200),
    ("password-reset", NOTHING, "/quen-mat-khau/", 200),
    ("password-reset-by-sms", NOTHING, "/dat-lai-mat-khau/ma-sms/", 200),
    ("dossier-lookup", NOTHING, "/tra-cuu-ho-so/", 200),
    ("dossier-lookup-not-found", NOTHING, "/tra-cuu-ho-so/?code=STP-2026-000001&secret=AAAAAAAA", 200),
    ("statistics", NOTHING, "/thong-ke/", 200),
    ("incident-archive", NOTHING, "/thong-bao-su-co/", 200),
    ("release-notes", NOTHING, "/thong-tin-phien-ban/", 200),
    ("not-found", NOTHING, "/khong-co-trang-nay/", 404),
]


# One test per set of demo data: seeding is what costs, so the pages that need the same data share it.
GROUPS = {
    "content": (HOME, CATALOGUE),
    "catalogue": CATALOGUE_ONLY,
    "accounts-and-look-up": NOTHING,
}


def _group_of(seeders: tuple[str, ...]) -> str:
    return "content" if HOME in seeders else "catalogue" if seeders else "accounts-and-look-up"


def test_every_page_type_is_in_a_group():
    assert {_group_of(seeders) for _, seeders, _, _ in PAGE_TYPES} == set(GROUPS)
    assert all(set(seeders) <= set(GROUPS[_group_of(seeders)]) for _, seeders, _, _ in PAGE_TYPES)


@pytest.mark.parametrize("group", list(GROUPS))
def test_public_page_types_have_no_wcag_violations(page, group):
    seed(*GROUPS[group])
    violations = {}
    for name, seeders, path, status in PAGE_TYPES:
        if _group_of(seeders) != group:
            continue
        url = path() if callable(path) else path
        response = page.goto(page.base_url + url)
        assert response.status == status, url
        assert page.locator("html").get_attribute("lang") == "vi", url
        assert page.locator("main h1").count() == 1, url
        found = axe_violations(page)
        if found:
            violations[f"{name} {url}"] = found
    assert violations == {}, json.dumps(violations, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    ("path", "button"),
    [
        pytest.param("/dang-ky/", "main form button[type=submit]", id="register"),
        pytest.param("/dang-nhap/", "main form button[type=submit]", id="login"),
        pytest.param("/kich-hoat/", "main form button[type=submit]", id="activation"),
    ],
)
def test_citizen_form_with_errors_has_no_wcag_violations(page, path, button):
    """An empty form sent back with its messages is as usable as the blank one."""
    page.goto(page.base_url + path)
    with page.expect_navigation():
        page.locator(button).first.click()
    assert page.locator("main").get_by_role("alert").count() + page.locator("main .errorlist").count() > 0
    assert_accessible(page)
