from datetime import date

from django.conf import settings

import pytest

from services_catalog.services import DocumentData, FeeData

pytestmark = pytest.mark.django_db


def test_catalogue_lives_at_its_slug_under_the_home_page(client, catalogue, home_page):
    assert catalogue.get_parent().specific == home_page
    response = client.get("/thu-tuc-hanh-chinh/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Thủ tục hành chính</h1>" in html
    assert "<legend>Tìm thủ tục</legend>" in html
    for label in ("Ngành", "Lĩnh vực", "Cấp thực hiện", "Mức độ", "Cơ quan thực hiện", "Từ khóa"):
        assert f">{label}</label>" in html, label


def test_procedure_page_shows_every_field_in_vietnamese(client, make_procedure, taxonomy):
    procedure = make_procedure(
        title="Đăng ký khai sinh",
        code="1.001193",
        admin_levels={"xa", "huyen"},
        service_level=4,
        processing_days=3,
        online_processing_days=1,
        fees=[
            FeeData(label="Lệ phí đăng ký", amount_vnd=1_500_000, note="miễn cho hộ nghèo"),
            FeeData(label="Phí bản sao", amount_vnd=8000),
        ],
        documents=[
            DocumentData(name="Tờ khai đăng ký khai sinh", originals=1, copies=0, is_required=True),
            DocumentData(name="Văn bản ủy quyền", originals=0, copies=1, is_required=False),
        ],
        rich_text={
            "steps": "<p>Nộp hồ sơ tại Bộ phận một cửa.</p>",
            "legal_basis": "<p>Luật Hộ tịch năm 2014.</p>",
            "conditions": "<p>Không có.</p>",
            "result": "<p>Giấy khai sinh.</p>",
            "eligible_applicants": "<p>Cha, mẹ của trẻ.</p>",
            "submission_methods": "<p>Trực tuyến hoặc trực tiếp.</p>",
        },
        effective_date=date(2024, 1, 1),
    )
    response = client.get(procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Đăng ký khai sinh",
        "1.001193",
        "Tư pháp",
        "Hộ tịch",
        "Cấp huyện",
        "Cấp xã",
        "Sở Tư pháp tỉnh Bến Tre",
        "Mức độ 4",
        "Toàn trình",  # the meaning of the badge
        "3 ngày làm việc",
        "Hồ sơ trực tuyến: 1 ngày làm việc",
        "1.500.000\xa0₫",
        "8.000\xa0₫",
        "miễn cho hộ nghèo",
        "Thành phần hồ sơ",
        "Tờ khai đăng ký khai sinh",
        "Nếu có",
        "Trình tự thực hiện",
        "Luật Hộ tịch năm 2014.",
        "Cách thức thực hiện",
        "Đối tượng thực hiện",
        "Kết quả thực hiện",
        "Điều kiện thực hiện",
        "01/01/2024",
        "Số 17, đường Hai Bà Trưng",
        "0275 3822 135",
        "stp@bentre.gov.vn",
    ):
        assert text in html, text
    assert 'href="/nop-ho-so/1.001193/"' in html
    assert "Nộp hồ sơ trực tuyến" in html


def test_free_procedure_says_so_and_levels_1_2_have_no_online_button(client, make_procedure):
    procedure = make_procedure(service_level=2, fees=[])
    html = client.get(procedure.url).content.decode()
    assert "Không thu phí" in html
    assert "/nop-ho-so/" not in html.replace('href="/nop-ho-so/">', "")  # the main nav link stays


def test_unknown_fees_are_not_shown_as_free(client, make_procedure):
    procedure = make_procedure(fees=None)
    html = client.get(procedure.url).content.decode()
    assert "Chưa có thông tin" in html
    assert "Không thu phí" not in html


def test_retired_procedure_shows_a_notice_and_takes_no_dossier(client, make_procedure):
    procedure = make_procedure(service_level=4, is_retired=True, retired_date=date(2025, 7, 1))
    html = client.get(procedure.url).content.decode()
    assert "Thủ tục này đã bị bãi bỏ" in html
    assert "01/07/2025" in html
    assert f"/nop-ho-so/{procedure.code}/" not in html
    listing = client.get("/thu-tuc-hanh-chinh/").content.decode()
    assert procedure.title not in listing


def test_document_template_can_be_downloaded(client, make_procedure):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    from services_catalog.models import RequiredDocument

    procedure = make_procedure()
    template = Document.objects.create(title="Mẫu tờ khai", file=ContentFile(b"%PDF-1.4", name="to-khai.pdf"))
    RequiredDocument.objects.filter(procedure=procedure).update(template=template)
    html = client.get(procedure.url).content.decode()
    assert f'href="{template.url}"' in html
    assert "Tải về" in html


def test_english_visitors_get_english(client, make_procedure):
    procedure = make_procedure(service_level=3)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(procedure.url).content.decode()
    assert "Required documents" in html
    assert "Submit online" in html
