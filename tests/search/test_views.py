"""The search page, its facets, pagination and suggestions, over the realistic catalogue."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

import pytest

from search.models import FailedQueryKind, ZeroResultQuery
from search.services import pages_index
from services_catalog.models import ProcedurePage

pytestmark = pytest.mark.django_db

SEARCH_URL = "/tim-kiem/"


@pytest.fixture
def guide_page(catalogue):
    """An information page that also matches "khai sinh"."""
    from home.models import HomePage

    home = HomePage.objects.first()
    page = home.add_child(
        instance=Page(title="Hướng dẫn chuẩn bị hồ sơ khai sinh cho con", slug="huong-dan-khai-sinh")
    )
    pages_index(page_ids=[page.pk])
    return page


def results_of(response) -> list[str]:
    return [item.page.title for item in response.context["results"]]


def test_search_page_lists_procedures_first_each_labelled_with_its_kind(client, guide_page):
    response = client.get(SEARCH_URL, {"q": "khai sinh"})
    assert response.status_code == 200
    items = response.context["results"]
    kinds = [item.kind for item in items]
    assert kinds.index("page") > max(i for i, kind in enumerate(kinds) if kind == "procedure")
    assert items[0].page.title == "Đăng ký khai sinh"
    html = response.content.decode()
    assert "Thủ tục hành chính" in html  # the procedure label, in Vietnamese
    assert "Trang thông tin" in html
    assert guide_page.title in html


def test_search_page_works_as_a_plain_form_without_javascript(client, catalogue):
    html = client.get(SEARCH_URL, {"q": "ket hon"}).content.decode()
    assert 'role="search"' in html and 'method="get"' in html
    assert '<label class="search-box__label" for="search-q">' in html
    # The combobox roles are added by the script; the listbox stays hidden without it.
    assert 'role="combobox"' not in html
    assert 'role="listbox"' in html and "hidden></ul>" in html
    assert "Đăng ký kết hôn" in html


def test_facets_count_the_matching_procedures_and_combine_with_the_query(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "dang ky"})
    groups = {group["name"]: group for group in response.context["facet_groups"]}
    assert set(groups) == {"sector", "field", "level", "service_level", "agency"}
    civil_status = next(option for option in groups["field"]["options"] if option.label == "Hộ tịch")
    total = response.context["page_obj"].paginator.count

    filtered = client.get(SEARCH_URL + civil_status.url)
    assert filtered.context["page_obj"].paginator.count == civil_status.count < total
    assert set(filtered.context["query"].split()) == {"dang", "ky"}
    titles = [item.page.title for item in filtered.context["results"]]
    assert titles and all(ProcedurePage.objects.get(title=title).field.name == "Hộ tịch" for title in titles)
    # the selected option links back to the unfiltered search
    selected = next(
        option for group in filtered.context["facet_groups"] for option in group["options"] if option.selected
    )
    assert "field=" not in selected.url


def test_administrative_and_service_level_facets_filter(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "dang ky", "level": "xa", "service_level": "4"})
    titles = results_of(response)
    assert titles
    for title in titles:
        procedure = ProcedurePage.objects.get(title=title)
        assert procedure.at_commune_level and procedure.service_level == 4


def test_unknown_facet_values_are_ignored(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "ket hon", "sector": "khong-co", "service_level": "9"})
    assert response.status_code == 200
    assert "Đăng ký kết hôn" in results_of(response)


def test_empty_query_lists_all_procedures_for_browsing(client, catalogue):
    response = client.get(SEARCH_URL)
    assert response.context["page_obj"].paginator.count == len(catalogue)
    assert len(response.context["results"]) == 20


def test_pagination_keeps_the_query_and_the_filters(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "cap", "sector": "tu-phap"})
    page_obj = response.context["page_obj"]
    assert page_obj.paginator.count > 20 or page_obj.paginator.num_pages == 1
    response = client.get(SEARCH_URL, {"q": "dang ky"})
    assert response.context["page_obj"].paginator.num_pages > 1
    html = response.content.decode()
    assert 'href="?q=dang+ky&amp;page=2"' in html
    second = client.get(SEARCH_URL, {"q": "dang ky", "page": 2})
    assert set(results_of(second)).isdisjoint(results_of(response))


def test_search_page_query_count_does_not_grow_with_results(client, catalogue, django_assert_max_num_queries):
    # Filter validation, exact-match checks (PostgreSQL), count, page, procedure details, five facets.
    client.get(SEARCH_URL, {"q": "dang ky"})  # warm the synonym cache and the site root paths
    with django_assert_max_num_queries(16):
        client.get(SEARCH_URL, {"q": "dang ky", "sector": "tu-phap", "level": "xa"})
    with django_assert_max_num_queries(16):
        client.get(SEARCH_URL, {"q": "giay phep"})


def test_search_page_in_english(client, catalogue):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(SEARCH_URL, {"q": "ket hon"}).content.decode()
    assert "Administrative procedure" in html
    assert "Narrow the procedures" in html


def test_search_pages_write_nothing_to_the_database(client, catalogue):
    searches = [
        (SEARCH_URL, {"q": "Xyzzy Quớt"}),  # finds nothing
        (SEARCH_URL, {"q": "dang ky"}),
        (SEARCH_URL, {"q": "dang ky", "sector": "tu-phap", "page": "2"}),
        (SEARCH_URL, {}),
        ("/tim-kiem/goi-y/", {"q": "khai s"}),
        ("/api/v1/procedures/", {"q": "xyzzy"}),
    ]
    client.get("/")  # Wagtail creates the site's settings row on the very first request
    for url, params in searches:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        writes = [query["sql"] for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]
        assert writes == [], (url, params)


def test_a_search_that_found_nothing_is_reported_by_its_page(client, catalogue):
    html = client.get(SEARCH_URL, {"q": "Xyzzy Quớt"}).content.decode()
    assert 'data-nothing-found-url="/tim-kiem/khong-thay/"' in html and 'data-query="Xyzzy Quớt"' in html
    assert "data-nothing-found-url" not in client.get(SEARCH_URL, {"q": "dang ky"}).content.decode()
    assert (
        "data-nothing-found-url"
        not in client.get(SEARCH_URL, {"q": "xyzzy", "sector": "tu-phap"}).content.decode()
    )
    assert client.get("/tim-kiem/khong-thay/", {"q": "xyzzy"}).status_code == 405


def test_queries_without_results_are_counted_by_folded_text_and_day_only(client, catalogue):
    client.post("/tim-kiem/khong-thay/", {"q": "Xyzzy Quớt"})
    assert client.post("/tim-kiem/khong-thay/", {"q": "xyzzy quot"}).status_code == 204
    client.post("/tim-kiem/khong-thay/", {"q": "dang ky"})  # a forged report: it finds something
    client.post("/tim-kiem/khong-thay/", {"q": "  "})
    logged = ZeroResultQuery.objects.get()
    assert (logged.query_text, logged.day, logged.count) == ("xyzzy quot", timezone.localdate(), 2)
    assert logged.kind == FailedQueryKind.ZERO_RESULTS
    assert {field.name for field in ZeroResultQuery._meta.concrete_fields} == {
        "id",
        "query_text",
        "day",
        "kind",
        "count",
    }


def test_a_query_holding_a_phone_id_number_or_e_mail_is_never_logged(client, catalogue):
    for query in ("0912 345 678 khai sinh", "cccd 079204001234", "nguyenvana@gmail.com"):
        client.post("/tim-kiem/khong-thay/", {"q": query})
        client.post("/tim-kiem/khong-chon/", {"q": query})
    assert not ZeroResultQuery.objects.exists()


def test_leaving_results_without_choosing_one_is_counted_by_post_only(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "khai sinh"})
    html = response.content.decode()
    assert 'data-no-click-url="/tim-kiem/khong-chon/"' in html and 'data-query="khai sinh"' in html
    assert not ZeroResultQuery.objects.exists()  # a GET with results writes nothing
    assert client.get("/tim-kiem/khong-chon/", {"q": "khai sinh"}).status_code == 405
    assert client.post("/tim-kiem/khong-chon/", {"q": "Khai Sinh"}).status_code == 204
    client.post("/tim-kiem/khong-chon/", {"q": "khai sinh"})
    logged = ZeroResultQuery.objects.get()
    assert (logged.query_text, logged.kind, logged.count) == ("khai sinh", FailedQueryKind.NO_CLICK, 2)


def test_a_corrected_typo_is_shown_as_did_you_mean(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "dang ky khai sihn"})
    html = response.content.decode()
    assert response.context["corrected_query"] == "đăng ký khai sinh"
    assert "Có phải bạn muốn tìm" in html
    assert results_of(response)[0] == "Đăng ký khai sinh"
    assert "Có phải bạn muốn tìm" not in client.get(SEARCH_URL, {"q": "dang ky khai sinh"}).content.decode()


ISSUE_EXAMPLES = [
    ("làm giấy khai sinh cho con", "Đăng ký khai sinh"),
    ("xin giấy xác nhận độc thân", "Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("nhập hộ khẩu cho vợ", "Đăng ký thường trú"),
    (
        "sang tên sổ đỏ",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, "
        "thừa kế, tặng cho",
    ),
    ("thi bằng lái xe máy", "Cấp mới giấy phép lái xe"),
    (
        "công chứng bản photo",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
    ),
    ("báo tử", "Đăng ký khai tử"),
    ("mở hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh"),
    ("làm căn cước lần đầu", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên"),
]


@pytest.mark.parametrize(("query", "title"), ISSUE_EXAMPLES)
def test_everyday_phrasing_finds_the_procedure_on_page_suggestions_and_api(client, catalogue, query, title):
    assert title in results_of(client.get(SEARCH_URL, {"q": query}))[:5]
    suggestions = client.get("/tim-kiem/goi-y/", {"q": query}).json()["suggestions"]
    assert title in [suggestion["title"] for suggestion in suggestions[:5]]
    code = catalogue[title].code
    api = client.get("/api/v1/procedures/", {"q": query}).json()
    assert code in [row["code"] for row in api["results"][:5]], api["results"][:5]


def test_suggestions_return_the_best_pages_as_json(client, catalogue):
    response = client.get("/tim-kiem/goi-y/", {"q": "dang ky khai s"})
    assert response.status_code == 200
    data = response.json()
    assert data["suggestions"][0]["title"] == "Đăng ký khai sinh"
    assert data["suggestions"][0]["url"].endswith("/thu-tuc-1/")
    assert data["suggestions"][0]["kind_label"] == "Thủ tục hành chính"
    assert len(data["suggestions"]) <= 8
    assert client.get("/tim-kiem/goi-y/", {"q": "d"}).json()["suggestions"] == []


def test_suggestions_escape_nothing_and_leave_rendering_to_text_nodes(client, catalogue):
    """The script inserts titles with textContent; the endpoint returns plain text, never HTML."""
    data = client.get("/tim-kiem/goi-y/", {"q": "<script>alert(1)</script>"}).json()
    assert data == {"query": "<script>alert(1)</script>", "suggestions": []}


def test_user_text_is_escaped_on_the_page(client, catalogue):
    html = client.get(SEARCH_URL, {"q": "<b>ket hon</b>"}).content.decode()
    assert "<b>ket hon</b>" not in html
    assert "&lt;b&gt;ket hon&lt;/b&gt;" in html


def test_a_very_long_query_is_cut_not_dropped(client, catalogue):
    response = client.get(SEARCH_URL, {"q": "dang ky ket hon " + "x" * 500})
    assert len(response.context["query"]) == 200
    assert response.context["query"].startswith("dang ky ket hon")
