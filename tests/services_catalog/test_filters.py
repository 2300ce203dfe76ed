from urllib.parse import urlencode

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from services_catalog.page_cache import catalogue_cache_invalidate
from services_catalog.selectors import PAGE_SIZE

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _count(html: str) -> int:
    return int(html.split('data-count="')[1].split('"')[0])


def test_filters_narrow_the_list_and_the_url_can_be_shared(client, make_procedure, taxonomy):
    make_procedure(title="Đăng ký khai sinh", admin_levels={"xa"}, service_level=4)
    make_procedure(title="Chứng thực chữ ký", field=taxonomy["certification"], admin_levels={"huyen", "xa"})
    make_procedure(
        title="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        sector=taxonomy["building"],
        field=taxonomy["construction"],
        agency=taxonomy["sxd"],
        admin_levels={"huyen"},
        service_level=3,
    )
    cases = [
        ({"sector": "xay-dung"}, {"Cấp giấy phép xây dựng nhà ở riêng lẻ"}),
        ({"field": "chung-thuc"}, {"Chứng thực chữ ký"}),
        ({"admin_level": "xa"}, {"Đăng ký khai sinh", "Chứng thực chữ ký"}),
        ({"admin_level": "huyen", "service_level": "3"}, {"Cấp giấy phép xây dựng nhà ở riêng lẻ"}),
        ({"agency": "stp"}, {"Đăng ký khai sinh", "Chứng thực chữ ký"}),
        ({"q": "khai sinh"}, {"Đăng ký khai sinh"}),
    ]
    titles = {"Đăng ký khai sinh", "Chứng thực chữ ký", "Cấp giấy phép xây dựng nhà ở riêng lẻ"}
    for params, expected in cases:
        html = client.get(f"/thu-tuc-hanh-chinh/?{urlencode(params)}").content.decode()
        shown = {title for title in titles if title in html.split('class="catalogue-count"')[1]}
        assert shown == expected, params
        assert _count(html) == len(expected), params


def test_free_text_goes_through_the_shared_search_function(client, make_procedure, monkeypatch):
    make_procedure(title="Đăng ký khai sinh")
    calls = []
    import services_catalog.filters as filters

    original = filters._text_ranker  # what the search app installed (search.apps)

    def spy(*, query):
        calls.append(query)
        return original(query=query)

    monkeypatch.setattr(filters, "_text_ranker", spy)
    client.get("/thu-tuc-hanh-chinh/?q=khai+sinh")
    assert "khai sinh" in calls


def test_each_facet_counts_its_options_under_the_other_filters(client, bulk_procedures):
    bulk_procedures(24)  # 8 per (sector, field, agency) combination, levels cycling
    html = client.get("/thu-tuc-hanh-chinh/?sector=tu-phap").content.decode()
    assert _count(html) == 16
    # The sector facet ignores its own filter: both sectors keep their counts.
    assert '<option value="tu-phap" selected>Tư pháp (16)</option>' in html
    assert '<option value="xay-dung">Xây dựng (8)</option>' in html
    # The field facet is narrowed by the chosen sector.
    assert "Hộ tịch (8)" in html and "Chứng thực (8)" in html
    assert "Hoạt động xây dựng" not in html.split('id="filter-field"')[1].split("</select>")[0]
    assert '<option value="sxd">' not in html


def test_twenty_per_page_and_pages_keep_the_filters(client, bulk_procedures):
    bulk_procedures(45)
    first = client.get("/thu-tuc-hanh-chinh/?agency=stp").content.decode()
    assert _count(first) == 30
    assert first.count('class="procedure-item"') == PAGE_SIZE
    assert 'href="?agency=stp&amp;page=2"' in first
    second = client.get("/thu-tuc-hanh-chinh/?agency=stp&page=2").content.decode()
    assert second.count('class="procedure-item"') == 30 - PAGE_SIZE


def test_the_form_works_without_javascript_and_is_labelled(client, catalogue):
    html = client.get("/thu-tuc-hanh-chinh/").content.decode()
    form = html.split('<form class="catalogue-filters"')[1].split("</form>")[0]
    assert 'method="get"' in form
    assert '<button class="button" type="submit">' in form
    for name in ("q", "sector", "field", "admin_level", "service_level", "agency"):
        assert f'<label for="filter-{name}">' in form
        assert f'id="filter-{name}"' in form
        assert f'name="{name}"' in form


def test_an_unknown_filter_value_is_reported_not_a_crash(client, bulk_procedures):
    bulk_procedures(3)
    response = client.get("/thu-tuc-hanh-chinh/?sector=khong-co")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def _queries(client, url: str) -> int:
    # The site and the route are kept per process (for at most a minute): warm them, then measure
    # the listing itself with the catalogue's cached data forgotten.
    client.get(url)
    catalogue_cache_invalidate()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/thu-tuc-hanh-chinh/",
        "/thu-tuc-hanh-chinh/?sector=tu-phap&field=ho-tich&admin_level=xa&service_level=2&agency=stp&q=thủ&page=2",
        "/thu-tuc-hanh-chinh/co-quan/stp/?page=3",
    ],
)
def test_the_catalogue_runs_the_same_queries_at_50_and_at_2000_procedures(client, bulk_procedures, url):
    bulk_procedures(50)
    small = _queries(client, url)
    bulk_procedures(1950)
    large = _queries(client, url)
    assert small == large
    assert large <= MAX_QUERIES


def test_between_catalogue_changes_a_page_reads_only_its_own_results(client, bulk_procedures):
    """Routing, the site, its settings, the taxonomy and the catalogue's index are kept per version:
    a page reads its twenty procedures with their fees, in one query."""
    bulk_procedures(50)
    url = "/thu-tuc-hanh-chinh/?sector=tu-phap&page=2"
    client.get("/thu-tuc-hanh-chinh/")
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    tables = [query["sql"].split(" FROM ")[1].split()[0] for query in context.captured_queries]
    assert tables == ['"services_catalog_procedurepage"']
    assert "services_catalog_procedurefee" in context.captured_queries[0]["sql"]


def test_facet_options_are_escaped_and_mark_the_chosen_one():
    from services_catalog.selectors import FacetOption
    from services_catalog.templatetags.catalogue_tags import facet_options

    html = facet_options(
        [
            FacetOption(value="a", label="Tư pháp <b>", count=3, selected=False),
            FacetOption(value='b"', label="Xây dựng", count=0, selected=True),
        ]
    )
    assert html == (
        '<option value="a">Tư pháp &lt;b&gt; (3)</option>\n'
        '<option value="b&quot;" selected>Xây dựng (0)</option>'
    )
