"""A procedure's page: a fixed number of queries whatever the catalogue holds, and what it keeps per
catalogue generation (its description, fees, documents, questions) is forgotten as soon as any of
them changes."""

from datetime import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from flows.calendar import VIETNAM_TZ
from flows.feedback.models import QuestionIndexPage, QuestionPage
from home.models import PortalSettings
from services_catalog.models import ProcedureFee
from services_catalog.page_cache import catalogue_cache_invalidate
from services_catalog.services import DocumentData, FeeData

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


@pytest.fixture
def qa_index(home_page):
    index = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def _question_publish(*, index, procedure, title: str) -> QuestionPage:
    now = datetime(2026, 11, 2, 9, 0, tzinfo=VIETNAM_TZ)
    page = QuestionPage(
        title=title,
        slug=f"cau-hoi-{QuestionPage.objects.count() + 1}",
        question="Tôi sinh con ở bệnh viện tỉnh, đăng ký khai sinh ở xã nơi thường trú được không?",
        answer="Được: Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ đăng ký.",
        agency=procedure.agency,
        field=procedure.field,
        procedure=procedure,
        asked_at=now,
        answered_at=now,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def birth_registration(make_procedure, taxonomy, qa_index):
    """A procedure as the national database describes one: fees, documents, a coordinating agency,
    every text section, and a public question about it."""
    procedure = make_procedure(
        title="Đăng ký khai sinh có yếu tố nước ngoài cho trẻ em sinh ra tại Việt Nam",
        code="1.001193",
        admin_levels={"xa", "huyen"},
        service_level=4,
        fees=[
            FeeData(label="Lệ phí đăng ký", amount_vnd=75_000, note="miễn cho hộ nghèo"),
            FeeData(label="Phí cấp bản sao trích lục", amount_vnd=8_000),
        ],
        documents=[
            DocumentData(name="Tờ khai đăng ký khai sinh theo mẫu", originals=1, copies=0),
            DocumentData(name="Giấy chứng sinh\nhoặc văn bản của người làm chứng", originals=1),
            DocumentData(name="Văn bản ủy quyền (nếu nộp thay)", originals=0, copies=1, is_required=False),
        ],
        rich_text={
            "steps": "<p>Bước 1: nộp hồ sơ.</p><p>Bước 2: nhận kết quả.</p>",
            "submission_methods": "<p>Trực tuyến hoặc tại Bộ phận một cửa.</p>",
            "legal_basis": "<p>Luật Hộ tịch năm 2014.</p>",
        },
    )
    procedure.coordinating_agencies.add(taxonomy["sxd"])
    procedure.save_revision().publish()
    _question_publish(index=qa_index, procedure=procedure, title="Khai sinh cho con ở nơi tạm trú?")
    return procedure


def _queries(client, url: str, *, forget: bool) -> int:
    # The site, the route and the menus are kept per process: warm them first.
    client.get(url)
    if forget:
        catalogue_cache_invalidate()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert "Khai sinh cho con ở nơi tạm trú?" in response.content.decode()
    return len(context.captured_queries)


def test_the_procedure_page_runs_the_same_queries_at_50_and_at_2000_procedures(
    client, bulk_procedures, birth_registration
):
    url = birth_registration.url
    bulk_procedures(50)
    small = (_queries(client, url, forget=False), _queries(client, url, forget=True))
    bulk_procedures(1950)
    large = (_queries(client, url, forget=False), _queries(client, url, forget=True))
    assert small == large
    between_changes, first_view = large
    assert first_view <= MAX_QUERIES
    # Between catalogue changes the page reads nothing: all of it is kept per generation.
    assert between_changes == 0


def test_what_the_page_keeps_is_forgotten_when_the_procedure_its_agency_or_its_questions_change(
    client, birth_registration, taxonomy, qa_index
):
    url = birth_registration.url
    assert "75.000" in client.get(url).content.decode()

    birth_registration.fees.add(ProcedureFee(label="Phí dịch vụ bưu chính", amount_vnd=22_000))
    birth_registration.save_revision().publish()
    assert "Phí dịch vụ bưu chính" in client.get(url).content.decode()

    stp = taxonomy["stp"]
    stp.phone = "0275 3999 888"
    stp.save()
    assert "0275 3999 888" in client.get(url).content.decode()

    _question_publish(index=qa_index, procedure=birth_registration, title="Trẻ sinh ở nước ngoài thì sao?")
    assert "Trẻ sinh ở nước ngoài thì sao?" in client.get(url).content.decode()

    birth_registration.unpublish()
    assert client.get(url).status_code == 404


def test_a_preview_shows_the_draft_not_the_kept_description(client, birth_registration, admin_user):
    client.get(birth_registration.url)  # the published description is now kept
    birth_registration.title = "Đăng ký khai sinh (bản nháp mới)"
    birth_registration.fees.add(ProcedureFee(label="Lệ phí bản nháp", amount_vnd=10_000))
    response = birth_registration.make_preview_request()
    html = response.content.decode()
    assert "Đăng ký khai sinh (bản nháp mới)" in html
    assert "Lệ phí bản nháp" in html
    assert "Lệ phí bản nháp" not in client.get(birth_registration.url).content.decode()


def test_a_restriction_on_the_catalogue_applies_to_its_procedures_at_once(
    client, birth_registration, catalogue
):
    assert client.get(birth_registration.url).status_code == 200
    PageViewRestriction.objects.create(page=catalogue, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(birth_registration.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_the_footer_and_header_follow_the_portal_settings(client, birth_registration, site):
    client.get(birth_registration.url)
    settings = PortalSettings.for_site(site)
    settings.operator_hotline = "1900 1234"
    settings.province_name = "Tỉnh Bến Tre (thử)"
    settings.save()
    html = client.get(birth_registration.url).content.decode()
    assert "1900 1234" in html
    assert "Tỉnh Bến Tre (thử)" in html
