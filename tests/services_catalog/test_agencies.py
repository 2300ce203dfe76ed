import pytest

pytestmark = pytest.mark.django_db


def test_agency_page_lists_its_procedures_and_reception_contact(client, make_procedure, taxonomy):
    make_procedure(title="Cấp Phiếu lý lịch tư pháp")
    make_procedure(
        title="Cấp giấy phép xây dựng",
        agency=taxonomy["sxd"],
        sector=taxonomy["building"],
        field=taxonomy["construction"],
    )
    response = client.get("/thu-tuc-hanh-chinh/co-quan/stp/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Sở Tư pháp tỉnh Bến Tre</h1>" in html
    assert "Cấp Phiếu lý lịch tư pháp" in html
    assert "Cấp giấy phép xây dựng" not in html
    for text in (
        "Số 17, đường Hai Bà Trưng",
        "0275 3822 135",
        "mailto:stp@bentre.gov.vn",
        "Thứ Hai đến thứ Sáu",
    ):
        assert text in html
    assert 'id="filter-agency"' not in html  # the agency is fixed on its own page


def test_unknown_agency_is_404(client, catalogue):
    assert client.get("/thu-tuc-hanh-chinh/co-quan/khongco/").status_code == 404


def test_agency_list_shows_every_agency_with_contact_and_count(client, make_procedure, taxonomy):
    make_procedure()
    html = client.get("/thu-tuc-hanh-chinh/co-quan/").content.decode()
    assert 'href="/thu-tuc-hanh-chinh/co-quan/stp/"' in html
    assert 'href="/thu-tuc-hanh-chinh/co-quan/sxd/"' in html
    assert "1 thủ tục" in html
    assert "0275 3822 135" in html


def test_field_page_has_a_stable_url(client, make_procedure, taxonomy):
    make_procedure(title="Đăng ký kết hôn")
    make_procedure(title="Chứng thực di chúc", field=taxonomy["certification"])
    html = client.get("/thu-tuc-hanh-chinh/linh-vuc/ho-tich/").content.decode()
    assert "Đăng ký kết hôn" in html
    assert "Chứng thực di chúc" not in html
    assert client.get("/thu-tuc-hanh-chinh/linh-vuc/khong-co/").status_code == 404
