"""Browser journey of the Q&A section: a visitor asks, the agency routes, drafts and approves, and
the answer appears publicly. axe-core checks each page on the way."""

from django.urls import get_resolver

import pytest

from flows.feedback.flows import FeedbackFlow
from flows.feedback.models import Feedback, QuestionPage
from flows.feedback.services import question_index_ensure
from services_catalog.models import Agency
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed
from tests.e2e.test_journeys import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _staff_does(page, *, username: str, node, feedback: Feedback, fill) -> None:
    sign_in(page, username)
    page.goto(page.base_url + "/xu-ly/feedback/queue/")
    assert feedback.code in page.locator("body").inner_text(), username
    task = FeedbackFlow.task_class.objects.get(process_id=feedback.process_id, flow_task=node, status="NEW")
    page.goto(page.base_url + node.reverse("assign", args=[task.process_id, task.pk]))
    with page.expect_navigation():
        page.locator("button[name=_continue]").click()
    page.goto(page.base_url + node.reverse("execute", args=[task.process_id, task.pk]))
    assert feedback.title in page.locator("body").inner_text()
    assert_accessible(page)
    fill(page.locator("form.vf-form"))
    save_screenshot(page, f"journey-feedback-{node.name}")
    with page.expect_navigation():
        page.locator("form.vf-form button[type=submit]").click()
    task.refresh_from_db()
    assert task.status == "DONE", (username, node.name, page.locator("body").inner_text()[:2000])


def test_visitor_asks_staff_answer_and_the_answer_is_published(page):
    seed(HOME, CATALOGUE, ACCOUNTS)
    question_index_ensure()
    assert bool(get_resolver().url_patterns)
    stp = Agency.objects.get(code="stp")

    page.goto(page.base_url + "/hoi-dap/")
    assert_accessible(page)
    page.get_by_role("link", name="Đặt câu hỏi, gửi phản ánh kiến nghị").first.click()
    page.wait_for_url("**/hoi-dap/dat-cau-hoi/")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("[name=asker_name]").fill("Lê Thị Hồng")
    form.locator("[name=asker_email]").fill("hong@example.vn")
    form.locator("[name=agency]").select_option(str(stp.pk))
    form.locator("[name=title]").fill("Xin bản sao trích lục khai sinh ở đâu?")
    form.locator("[name=question]").fill("Tôi ở huyện Châu Thành, cần bản sao trích lục khai sinh.")
    save_screenshot(page, "journey-feedback-ask")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    feedback = Feedback.objects.get()
    assert feedback.code in page.locator("main").inner_text()

    _staff_does(
        page, username="tiepnhan.stp", node=FeedbackFlow.route, feedback=feedback, fill=lambda form: None
    )
    _staff_does(
        page,
        username="chuyenvien.stp",
        node=FeedbackFlow.draft,
        feedback=feedback,
        fill=lambda form: form.locator("[name=answer]").fill(
            "Ông/Bà yêu cầu cấp bản sao trích lục tại UBND cấp xã nơi đã đăng ký khai sinh."
        ),
    )
    _staff_does(
        page, username="lanhdao.stp", node=FeedbackFlow.approve, feedback=feedback, fill=lambda form: None
    )

    question = QuestionPage.objects.live().get()
    page.context.clear_cookies()
    page.goto(page.base_url + "/hoi-dap/")
    page.get_by_role("link", name="Xin bản sao trích lục khai sinh ở đâu?").click()
    page.wait_for_url("**" + question.url)
    main = page.locator("main").inner_text()
    assert "UBND cấp xã nơi đã đăng ký khai sinh" in main and stp.name in main
    assert "hong@example.vn" not in main  # the asker's contact is never published
    save_screenshot(page, "journey-feedback-published")
    assert_accessible(page)
