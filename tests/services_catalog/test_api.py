import pytest

pytestmark = pytest.mark.django_db


def test_api_returns_the_documented_shape(client, make_procedure):
    from services_catalog.services import FeeData

    make_procedure(
        title="Đăng ký khai sinh",
        code="1.001193",
        admin_levels={"xa", "huyen"},
        service_level=4,
        processing_days=3,
        fees=[FeeData(label="Lệ phí", amount_vnd=15000, note="")],
    )
    response = client.get("/api/v1/procedures/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    url = body["results"][0].pop("url")
    assert url.startswith("http") and url.endswith("/thu-tuc-hanh-chinh/dang-ky-khai-sinh-1-001193/")
    assert body == {
        "count": 1,
        "results": [
            {
                "code": "1.001193",
                "name": "Đăng ký khai sinh",
                "sector": "Tư pháp",
                "field": "Hộ tịch",
                "agency": "Sở Tư pháp tỉnh Bến Tre",
                "implementing_agencies": [{"name": "Sở Tư pháp tỉnh Bến Tre", "level": "tinh"}],
                "admin_levels": ["huyen", "xa"],
                "service_level": 4,
                "processing_days": 3,
                "fees": [{"label": "Lệ phí", "amount_vnd": 15000, "note": ""}],
            }
        ],
    }


@pytest.mark.parametrize(
    "query",
    [
        "",
        "sector=tu-phap",
        "field=chung-thuc&admin_level=xa",
        "agency=sxd&service_level=3",
        "q=000012",
        "admin_level=huyen&page=2",
    ],
)
def test_api_and_catalogue_page_agree(client, bulk_procedures, query):
    bulk_procedures(60)
    api = client.get(f"/api/v1/procedures/?{query}").json()
    html = client.get(f"/thu-tuc-hanh-chinh/?{query}").content.decode()
    page_count = int(html.split('data-count="')[1].split('"')[0])
    assert api["count"] == page_count
    assert len(api["results"]) == html.count('class="procedure-item"')
    for row in api["results"]:
        assert row["name"] in html


def test_api_rejects_unknown_filter_values(client, catalogue):
    response = client.get("/api/v1/procedures/?admin_level=quan")
    assert response.status_code == 400
    assert "admin_level" in response.json()["errors"]


def test_api_orders_by_relevance_when_searching(client, make_procedure, monkeypatch):
    first = make_procedure(title="Chứng thực chữ ký")
    second = make_procedure(title="Chứng thực bản sao")
    import services_catalog.filters as filters

    def reversed_relevance(queryset, *, query):
        return queryset.filter(title__icontains=query).order_by("-title")

    monkeypatch.setattr(filters, "procedures_matching", reversed_relevance)
    names = [row["name"] for row in client.get("/api/v1/procedures/?q=Chứng").json()["results"]]
    assert names == [first.title, second.title]


def test_embeddable_list_may_be_framed_other_pages_may_not(client, make_procedure):
    make_procedure(title="Đăng ký khai sinh")
    embed = client.get("/nhung/thu-tuc/?agency=stp")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "Đăng ký khai sinh" in embed.content.decode()
    assert 'target="_top"' in embed.content.decode()
    assert client.get("/thu-tuc-hanh-chinh/")["X-Frame-Options"] == "DENY"
    # Served again from the page cache, it still may be framed.
    again = client.get("/nhung/thu-tuc/?agency=stp")
    assert again["X-Catalogue-Cache"] == "hit"
    assert "X-Frame-Options" not in again
