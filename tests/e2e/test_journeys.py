"""Citizen and staff journeys through the Vietnamese UI, as a person clicks (issue 10, items 1 and 2).

Each journey keeps screenshots of its key pages under build/screenshots/ and runs axe-core on every
kind of page and form it meets. Paying online, downloading the result and rating the service are
in tests/e2e/test_payment_journey.py.
"""

import io
import re

from django.contrib.auth import get_user_model
from django.urls import get_resolver

import pytest
from PIL import Image

from flows.choices import DossierStatus
from flows.flows import DossierFlow
from flows.models import Dossier, ProcedureProcess
from portal.notifications import sms
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.demo import FIRST_CODE
from services_catalog.models import Field, ProcedurePage
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, DEMO_PASSWORD, HOME, SEARCH, seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A one-page PDF small enough to read: the header, one empty page and the trailer the scanner expects.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#0b4f8a").save(buffer, format="PNG")
    return buffer.getvalue()


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/dang-nhap/")
    form = page.locator("main form")
    form.locator("[name=username]").fill(username)
    form.locator("[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "/dang-nhap/" not in page.url, page.locator("main").inner_text()


def test_citizen_browses_filters_and_finds_a_procedure_without_diacritics(page):
    seed(HOME, CATALOGUE, SEARCH)
    birth = ProcedurePage.objects.get(code=FIRST_CODE)
    assert birth.service_level == 4

    page.goto(page.base_url + "/thu-tuc-hanh-chinh/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thủ tục hành chính"
    assert_accessible(page)
    save_screenshot(page, "journey-catalogue")

    filters = page.locator("form.catalogue-filters")
    filters.locator("#filter-field").select_option(Field.objects.get(name="Hộ tịch").slug)
    filters.locator("#filter-service_level").select_option("4")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()
    assert "service_level=4" in page.url
    results = page.locator(".catalogue__results")
    assert results.get_by_role("link", name="Đăng ký khai sinh", exact=True).is_visible()
    # Every procedure listed is of the field and level chosen: Đăng ký kết hôn is Hộ tịch at level 3.
    assert results.get_by_role("link", name="Đăng ký kết hôn", exact=True).count() == 0
    assert_accessible(page)
    save_screenshot(page, "journey-catalogue-filtered")

    with page.expect_navigation():
        results.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    assert page.url.endswith(birth.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng ký khai sinh"
    assert FIRST_CODE in page.locator("main").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-procedure")

    page.goto(page.base_url + "/tim-kiem/")
    page.locator("#search-q").fill("dang ky khai sinh")
    with page.expect_navigation():
        page.locator("#search-q").press("Enter")
    assert "q=dang+ky+khai+sinh" in page.url
    found = page.locator("main").get_by_role("link", name="Đăng ký khai sinh", exact=True)
    assert found.first.is_visible()
    assert_accessible(page)
    save_screenshot(page, "journey-search-without-diacritics")
    with page.expect_navigation():
        found.first.click()
    assert page.url.endswith(birth.url)


def test_citizen_registers_by_sms_activates_and_signs_in_with_the_phone(page):
    sms.outbox.clear()
    password = "hoa sen nở trong đầm"
    page.goto(page.base_url + "/dang-ky/")
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng ký tài khoản"
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("[name=account_type][value=citizen]").check()
    form.locator("[name=full_name]").fill("Nguyễn Thị Bình")
    form.locator("[name=citizen_id]").fill("083191004321")
    form.locator("[name=date_of_birth]").fill("15/08/1991")
    form.locator("[name=phone]").fill("0912 345 678")
    form.locator("[name=address]").fill("25 Hùng Vương, phường An Hội, Bến Tre")
    form.locator("[name=preferred_channel][value=sms]").check()
    form.locator("[name=password]").fill(password)
    form.locator("[name=password_confirmation]").fill(password)
    save_screenshot(page, "journey-register")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    assert "/kich-hoat/" in page.url, page.locator("main").inner_text()
    assert len(sms.outbox) == 1 and sms.outbox[0].to == "+84912345678"
    code = re.search(r"\b(\d{6})\b", sms.outbox[0].body).group(1)
    assert not get_user_model().objects.get(phone="+84912345678").is_active
    assert_accessible(page)
    save_screenshot(page, "journey-activate")
    form = page.locator("main form")
    form.locator("[name=phone]").fill("0912345678")  # filled from the link already; typed again anyway
    form.locator("[name=code]").fill(code)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert get_user_model().objects.get(phone="+84912345678").is_active

    sign_in(page, "0912 345 678", password)
    page.goto(page.base_url + "/tai-khoan/")
    assert "/dang-nhap/" not in page.url
    assert "Nguyễn Thị Bình" in page.locator("main").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-profile")


def _staff_does_task(page, *, username: str, node, dossier: Dossier, fill) -> None:
    """The officer signs in, finds the dossier in the queue, takes the task and submits its form."""
    sign_in(page, username)
    page.goto(page.base_url + "/xu-ly/dossier/queue/")
    assert dossier.code in page.locator("body").inner_text(), username
    assert_accessible(page)
    task = DossierFlow.task_class.objects.get(process_id=dossier.process_id, flow_task=node, status="NEW")
    page.goto(page.base_url + node.reverse("assign", args=[task.process_id, task.pk]))
    save_screenshot(page, f"journey-staff-{node.name}-assign")
    with page.expect_navigation():
        page.locator("button[name=_continue]").click()
    task.refresh_from_db()
    assert task.status == "ASSIGNED" and task.owner.username == username
    # The workspace goes back to the queue; the officer opens the task now in hand.
    page.goto(page.base_url + node.reverse("execute", args=[task.process_id, task.pk]))
    assert dossier.code in page.locator("body").inner_text()
    assert_accessible(page)  # the task form of each step, beside the dossier and its timeline
    fill(page.locator("form.vf-form"))
    save_screenshot(page, f"journey-staff-{node.name}")
    with page.expect_navigation():
        page.locator("form.vf-form button[type=submit]").click()
    task.refresh_from_db()
    assert task.status == "DONE", (username, node.name, page.locator("body").inner_text()[:2000])


def test_citizen_submits_online_and_reception_specialist_and_head_process_it(page, clamd):
    seed(HOME, CATALOGUE, ACCOUNTS)
    assert bool(get_resolver().url_patterns)  # Viewflow's node.reverse() needs the URLconf loaded
    procedure = (
        ProcedurePage.objects.live()
        .filter(agency__code="stp", service_level__in=ONLINE_SUBMISSION_LEVELS, is_retired=False)
        .order_by("code")
        .first()
    )
    ProcedureProcess.objects.create(procedure=procedure, head_approval_required=True)
    required = list(procedure.documents.filter(is_required=True))
    assert required

    sign_in(page, "congdan@example.vn")
    page.goto(page.base_url + f"/nop-ho-so/{procedure.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == procedure.title
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("[name=applicant_name]").fill("Nguyễn Văn An")
    form.locator("[name=applicant_phone]").fill("0912345678")
    form.locator("[name=request]").fill("Cấp cho tôi theo quy định")
    for number, document in enumerate(required):
        upload = (
            {"name": f"giay-to-{number}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
            if number % 2 == 0
            else {"name": f"anh-chup-{number}.png", "mimeType": "image/png", "buffer": png_bytes()}
        )
        form.locator(f"#id_document_{document.pk}").set_input_files(upload)
    save_screenshot(page, "journey-submit-form")
    with page.expect_navigation():
        form.locator("button[name=submit]").click()

    dossier = Dossier.objects.get(applicant__username="congdan", procedure=procedure)
    assert not dossier.is_draft and dossier.code and dossier.status == DossierStatus.NEW
    assert dossier.files.count() == len(required)
    assert page.url.endswith(f"/ho-so-cua-toi/{dossier.pk}/"), page.url
    assert dossier.code in page.locator("main").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-dossier-submitted")
    page.goto(page.base_url + "/ho-so-cua-toi/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hồ sơ của tôi"
    assert dossier.code in page.locator("main").inner_text()
    assert "Mới đăng ký" in page.locator("main").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-my-dossiers")

    def accept(form):
        form.locator("[name=decision][value=accept]").check()

    def note(text):
        return lambda form: form.locator("[name=note]").fill(text)

    def complete(form):
        form.locator("[name=outcome][value=complete]").check()
        form.locator("[name=note]").fill("Hồ sơ đủ điều kiện, đề xuất cấp.")

    steps = [
        ("tiepnhan.stp", DossierFlow.receive, accept),
        ("tiepnhan.stp", DossierFlow.transfer, note("Chuyển phòng chuyên môn")),
        ("chuyenvien.stp", DossierFlow.examine, complete),
        ("lanhdao.stp", DossierFlow.approve, note("Đồng ý")),
        ("tiepnhan.stp", DossierFlow.return_result, note("")),
    ]
    for username, node, fill in steps:
        _staff_does_task(page, username=username, node=node, dossier=dossier, fill=fill)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED

    sign_in(page, "congdan@example.vn")
    page.goto(page.base_url + f"/ho-so-cua-toi/{dossier.pk}/")
    detail = page.locator("main").inner_text()
    assert "Đã trả kết quả" in detail
    timeline = page.locator("main .timeline li").all_inner_texts()
    # Submitted, received, transferred, examined, approved, result ready, returned.
    assert len(timeline) == 7, timeline
    assert any("Lãnh đạo đã phê duyệt" in event for event in timeline), timeline
    assert_accessible(page)
    save_screenshot(page, "journey-dossier-returned")

    page.context.clear_cookies()
    page.goto(page.base_url + "/tra-cuu-ho-so/")
    form = page.locator("main form")
    form.locator("[name=code]").fill(dossier.code)
    form.locator("[name=secret]").fill(dossier.lookup_secret)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    result = page.locator("main").inner_text()
    assert "Đã trả kết quả" in result and dossier.code in result
    assert_accessible(page)
    save_screenshot(page, "journey-lookup")


def test_editor_submits_a_procedure_change_and_the_reviewer_publishes_it(page):
    seed(CATALOGUE, ACCOUNTS)
    procedure = ProcedurePage.objects.live().filter(agency__code="stp").order_by("code").first()
    new_title = f"{procedure.title} (sửa đổi 2026)"

    sign_in(page, "bientap.stp")
    page.goto(page.base_url + f"/admin/pages/{procedure.pk}/edit/")
    page.locator("#id_title").fill(new_title)
    page.locator("footer .w-dropdown__toggle").first.click()
    save_screenshot(page, "journey-editor-edit")
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    procedure.refresh_from_db()
    assert procedure.title != new_title  # still the published text: waiting for review
    assert procedure.current_workflow_state.status == "in_progress"

    sign_in(page, "duyet.stp")
    page.goto(page.base_url + f"/admin/pages/{procedure.pk}/edit/")
    assert page.locator("#id_title").input_value() == new_title
    page.locator("footer .w-dropdown__toggle").first.click()
    save_screenshot(page, "journey-reviewer-review")
    with page.expect_navigation():
        page.locator(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ).click()
    procedure.refresh_from_db()
    assert procedure.title == new_title and procedure.live

    page.context.clear_cookies()
    page.goto(page.base_url + procedure.url)
    assert page.get_by_role("heading", level=1).inner_text() == new_title
    save_screenshot(page, "journey-procedure-published")
