"""Q&A and feedback (R-FB-1 … R-FB-4): asking, spam limits, handling in 3 working days, publication."""

from datetime import datetime, timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from flows.calendar import VIETNAM_TZ
from flows.feedback import services
from flows.feedback.choices import FeedbackChannel, FeedbackStatus
from flows.feedback.flows import FeedbackFlow
from flows.feedback.models import Feedback, QuestionIndexPage, QuestionPage
from flows.models import CalendarOverride, MalwareIncident
from flows.statistics import period_month, service_figures
from portal.accounts.roles import Role
from portal.notifications.models import Delivery
from search.models import DocumentKind, SearchDocument
from services_catalog.models import Agency, ProcedureIndexPage

from ..conftest import EICAR, PDF_BYTES, make_procedure
from ..helpers import api_complete, open_task, set_decision, submitted_dossier
from .helpers import approve, draft, route, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd")]

ASK_URL = "/hoi-dap/dat-cau-hoi/"


@pytest.fixture
def qa_index(home_page):
    index = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def ask_data(**overrides):
    data = {
        "agency": Agency.objects.values_list("pk", flat=True).first(),
        "kind": "question",
        "asker_name": "Trần Văn Bình",
        "asker_email": "binh@example.vn",
        "asker_phone": "",
        "title": "Lệ phí chứng thực bản sao",
        "question": "Lệ phí chứng thực bản sao là bao nhiêu một trang?",
        "website": "",
    }
    data.update(overrides)
    return data


# Asking (R-FB-2)


def test_a_visitor_asks_with_name_and_email(client, qa_index, agency, other_agency):
    response = client.post(ASK_URL, ask_data(agency=agency.pk))
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.asker is None
    assert (feedback.asker_name, feedback.asker_email) == ("Trần Văn Bình", "binh@example.vn")
    assert feedback.channel == FeedbackChannel.PORTAL
    assert feedback.status == FeedbackStatus.NEW
    assert feedback.agency == agency
    assert open_task(feedback, FeedbackFlow.route)
    delivery = Delivery.objects.get(event="feedback_received")
    assert delivery.recipient == "binh@example.vn"
    assert feedback.code in delivery.body
    page = client.get(response["Location"])
    assert feedback.code in page.content.decode()


def test_a_visitor_must_give_an_email_or_phone(client, qa_index, agency):
    response = client.post(ASK_URL, ask_data(asker_email=""))
    assert response.status_code == 200
    assert "e-mail" in response.content.decode() or "điện thoại" in response.content.decode()
    assert not Feedback.objects.exists()
    # What was typed is kept.
    assert "Lệ phí chứng thực bản sao là bao nhiêu một trang?" in response.content.decode()


def test_a_question_names_an_agency_a_procedure_or_a_dossier(client, qa_index, agency):
    response = client.post(ASK_URL, ask_data(agency=""))
    assert response.status_code == 200
    assert "Vui lòng chọn cơ quan" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_citizen_asks_about_their_own_dossier_which_stays_private(client, qa_index, procedure, citizen):
    dossier = submitted_dossier(procedure, citizen)
    client.force_login(citizen)
    response = client.post(ASK_URL, ask_data(asker_name="", asker_email="", dossier=dossier.pk))
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.asker == citizen
    assert feedback.asker_name == citizen.get_full_name()
    assert feedback.dossier == dossier
    assert feedback.agency == procedure.agency
    assert feedback.is_private


def test_a_citizen_cannot_ask_about_someone_elses_dossier(
    client, qa_index, procedure, citizen, other_citizen
):
    dossier = submitted_dossier(procedure, other_citizen)
    client.force_login(citizen)
    response = client.post(ASK_URL, ask_data(dossier=dossier.pk))
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    with pytest.raises(PermissionDenied):
        submit(asker=citizen, dossier=dossier)


def test_a_question_about_a_procedure_goes_to_its_agency(client, qa_index, procedure, other_agency):
    response = client.post(ASK_URL, ask_data(procedure=procedure.code))
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.procedure, feedback.agency, feedback.field) == (
        procedure,
        procedure.agency,
        procedure.field,
    )


def test_the_sixth_question_within_a_minute_from_one_address_is_refused(client, qa_index, agency):
    for number in range(5):
        response = client.post(ASK_URL, ask_data(title=f"Câu hỏi {number}"), REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 302
    response = client.post(ASK_URL, ask_data(title="Câu hỏi thứ sáu"), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    text = response.content.decode()
    assert "quá nhiều câu hỏi" in text
    assert "Câu hỏi thứ sáu" in text  # nothing typed is lost
    assert Feedback.objects.count() == 5
    response = client.post(ASK_URL, ask_data(title="Từ địa chỉ khác"), REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302
    assert Feedback.objects.filter(title="Từ địa chỉ khác").exists()


def test_the_limit_also_counts_per_account_whatever_the_address(client, qa_index, agency, citizen):
    client.force_login(citizen)
    for number in range(5):
        response = client.post(ASK_URL, ask_data(title=f"Câu {number}"), REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert response.status_code == 302
    response = client.post(ASK_URL, ask_data(title="Câu sáu"), REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert Feedback.objects.count() == 5


def test_the_honeypot_field_keeps_robots_out_silently(client, qa_index, agency):
    response = client.post(ASK_URL, ask_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Feedback.objects.exists()
    assert not Delivery.objects.exists()


def test_too_many_links_are_refused(client, qa_index, agency):
    spam = "Mua ngay http://a.example http://b.example www.c.example"
    response = client.post(ASK_URL, ask_data(question=spam))
    assert response.status_code == 200
    assert "tối đa 2 liên kết" in response.content.decode()
    assert not Feedback.objects.exists()
    response = client.post(ASK_URL, ask_data(question="Xem https://bentre.gov.vn giúp tôi"))
    assert response.status_code == 302


@pytest.mark.usefixtures("clamd")
def test_an_attachment_is_scanned_and_stored_privately(client, qa_index, agency, staff, other_staff):
    upload = SimpleUploadedFile("don phan anh.pdf", PDF_BYTES)
    response = client.post(ASK_URL, {**ask_data(), "attachment": upload})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.attachment_name == "don phan anh.pdf"
    assert not feedback.attachment.url if hasattr(feedback.attachment.storage, "base_url") and False else True
    client.force_login(staff[Role.RECEPTION])
    download = client.get(f"/xu-ly-ho-so/phan-anh/{feedback.pk}/tep/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    client.force_login(other_staff[Role.RECEPTION])
    assert client.get(f"/xu-ly-ho-so/phan-anh/{feedback.pk}/tep/").status_code == 404
    client.logout()
    assert client.get(f"/xu-ly-ho-so/phan-anh/{feedback.pk}/tep/").status_code == 302  # to sign in


@pytest.mark.usefixtures("clamd")
def test_an_infected_attachment_is_refused_and_recorded(client, qa_index, agency):
    upload = SimpleUploadedFile("virus.pdf", EICAR)
    response = client.post(ASK_URL, {**ask_data(), "attachment": upload})
    assert response.status_code == 200
    assert "virus" in response.content.decode().lower() or "mã độc" in response.content.decode()
    assert not Feedback.objects.exists()
    assert MalwareIncident.objects.get().agency == agency


def test_staff_record_feedback_received_by_phone(client, agency, staff):
    client.force_login(staff[Role.RECEPTION])
    assert client.get("/xu-ly-ho-so/phan-anh/ghi-nhan/").status_code == 200
    response = client.post(
        "/xu-ly-ho-so/phan-anh/ghi-nhan/",
        {
            "channel": FeedbackChannel.PHONE,
            "received_at": "27/11/2026 16:00",
            "kind": "petition",
            "asker_name": "Ông Sáu",
            "asker_phone": "0912345678",
            "title": "Phản ánh thái độ cán bộ",
            "question": "Gọi điện phản ánh cán bộ tiếp nhận chậm.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    feedback = Feedback.objects.get()
    assert feedback.channel == FeedbackChannel.PHONE
    assert feedback.recorded_by == staff[Role.RECEPTION]
    assert feedback.agency == agency
    assert feedback.received_at == datetime(2026, 11, 27, 16, 0, tzinfo=VIETNAM_TZ)
    # The register lists it, with its channel.
    register = client.get("/xu-ly-ho-so/phan-anh/").content.decode()
    assert feedback.code in register and "Điện thoại" in register


def test_a_citizen_cannot_reach_the_staff_register(client, citizen):
    client.force_login(citizen)
    assert client.get("/xu-ly-ho-so/phan-anh/").status_code == 404
    assert client.get("/xu-ly-ho-so/phan-anh/ghi-nhan/").status_code == 404


def test_a_citizen_follows_their_own_questions_only(
    client, agency, staff, qa_index, citizen, other_citizen, urls_loaded, django_assert_max_num_queries
):
    mine = submit(asker=citizen, title="Câu hỏi của tôi")
    submit(asker=other_citizen, title="Câu hỏi của người khác")
    route(mine, staff[Role.RECEPTION], agency)
    draft(mine, staff[Role.SPECIALIST], answer="Đây là câu trả lời <b>riêng</b>")
    client.force_login(citizen)
    text = client.get("/cau-hoi-cua-toi/").content.decode()
    assert "Câu hỏi của tôi" in text and "Câu hỏi của người khác" not in text
    assert "Đây là câu trả lời" not in text  # a draft is not an answer yet
    approve(mine, staff[Role.HEAD])
    for number in range(5):
        submit(asker=citizen, title=f"Thêm {number}")
    client.get("/cau-hoi-cua-toi/")
    with django_assert_max_num_queries(8):
        text = client.get("/cau-hoi-cua-toi/").content.decode()
    assert "Đây là câu trả lời &lt;b&gt;riêng&lt;/b&gt;" in text
    assert QuestionPage.objects.get().url in text
    client.logout()
    assert client.get("/cau-hoi-cua-toi/").status_code == 302


# Due in 3 working days (R-FB-3)


def test_due_three_working_days_later_across_a_weekend(agency):
    feedback = submit(received_at=datetime(2026, 11, 27, 16, 0, tzinfo=VIETNAM_TZ))  # a Friday
    # Friday 16:00-17:00, Monday, Tuesday, then Wednesday until 16:00: 24 working hours.
    assert feedback.due_at == datetime(2026, 12, 2, 16, 0, tzinfo=VIETNAM_TZ)


def test_due_date_skips_tet(agency):
    feedback = submit(received_at=datetime(2026, 2, 13, 9, 0, tzinfo=VIETNAM_TZ))  # Friday before Tết
    # Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 are days off.
    assert feedback.due_at == datetime(2026, 2, 25, 9, 0, tzinfo=VIETNAM_TZ)


def test_due_date_follows_the_operators_calendar_changes(agency):
    CalendarOverride.objects.create(date=datetime(2026, 12, 1).date(), kind="day_off", reason="Nghỉ bù")
    feedback = submit(received_at=datetime(2026, 11, 27, 16, 0, tzinfo=VIETNAM_TZ))
    assert feedback.due_at == datetime(2026, 12, 3, 16, 0, tzinfo=VIETNAM_TZ)


def test_reminders_go_to_the_officers_of_the_current_step_once(agency, staff):
    feedback = submit(received_at=datetime(2026, 11, 27, 16, 0, tzinfo=VIETNAM_TZ))
    early = datetime(2026, 11, 30, 9, 0, tzinfo=VIETNAM_TZ)
    assert services.feedback_remind_due(now=early) == 0
    close = datetime(2026, 12, 2, 13, 30, tzinfo=VIETNAM_TZ)  # 2h30 of working time left
    assert services.feedback_remind_due(now=close) == 1
    reminders = Delivery.objects.filter(event="feedback_due_soon")
    assert [d.recipient for d in reminders] == [staff[Role.RECEPTION].email]
    assert feedback.code in reminders[0].body
    assert services.feedback_remind_due(now=close + timedelta(minutes=30)) == 0


def test_overdue_items_are_flagged_and_counted(client, agency, staff):
    late = submit(received_at=datetime(2026, 1, 5, 8, 0, tzinfo=VIETNAM_TZ))
    submit(title="Mới")
    assert late.is_overdue
    client.force_login(staff[Role.RECEPTION])
    response = client.get("/xu-ly-ho-so/phan-anh/")
    assert response.context["counts"].overdue == 1
    assert response.context["counts"].open == 2
    overdue_only = client.get("/xu-ly-ho-so/phan-anh/?loc=qua-han")
    assert [item.code for item in overdue_only.context["items"]] == [late.code]
    queue = client.get("/xu-ly/feedback/queue/").content.decode()
    assert late.code in queue and "quá hạn" in queue


# Handling and publication (R-FB-3, R-FB-4)


def test_routing_to_another_agency_moves_the_item(agency, other_agency, staff, other_staff, urls_loaded):
    feedback = submit()
    assert feedback.agency == agency
    route(feedback, staff[Role.RECEPTION], other_agency)
    feedback.refresh_from_db()
    assert (feedback.agency, feedback.received_by, feedback.status) == (
        other_agency,
        agency,
        FeedbackStatus.ROUTED,
    )
    task = open_task(feedback, FeedbackFlow.draft)
    assert not FeedbackFlow.draft.can_assign(staff[Role.SPECIALIST], task)
    assert FeedbackFlow.draft.can_assign(other_staff[Role.SPECIALIST], task)
    draft(feedback, other_staff[Role.SPECIALIST])
    assert not FeedbackFlow.approve.can_assign(staff[Role.HEAD], open_task(feedback, FeedbackFlow.approve))


def test_spam_is_rejected_and_nothing_is_published(agency, staff, qa_index, urls_loaded):
    feedback = submit()

    def perform(activation):
        set_decision(activation, "reject")
        services.feedback_reject(feedback=feedback, actor=staff[Role.RECEPTION], reason="Quảng cáo")

    api_complete(open_task(feedback, FeedbackFlow.route), staff[Role.RECEPTION], perform)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.REJECTED
    assert feedback.process.finished is not None
    assert not QuestionPage.objects.exists()


def test_published_only_after_the_heads_approval(client, agency, staff, qa_index, urls_loaded):
    feedback = submit(title="Thủ tục chứng thực chữ ký")
    route(feedback, staff[Role.RECEPTION], agency)
    draft(feedback, staff[Role.SPECIALIST], answer="Mang theo giấy tờ tùy thân.")
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.AWAITING_APPROVAL
    assert not QuestionPage.objects.exists()
    assert "Thủ tục chứng thực chữ ký" not in client.get("/hoi-dap/").content.decode()
    approve(feedback, staff[Role.HEAD])
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED
    page = QuestionPage.objects.live().get()
    assert (page.feedback, page.agency, page.answer) == (feedback, agency, "Mang theo giấy tờ tùy thân.")
    assert "Thủ tục chứng thực chữ ký" in client.get("/hoi-dap/").content.decode()
    assert client.get(page.url).status_code == 200
    assert SearchDocument.objects.get(page=page).kind == DocumentKind.QUESTION
    found = client.get("/tim-kiem/", {"q": "chung thuc chu ky"})
    assert page.url in found.content.decode()
    by_answer_and_agency = client.get("/tim-kiem/", {"q": "giay to tuy than so tu phap"})
    assert page.url in by_answer_and_agency.content.decode()
    answered = Delivery.objects.get(event="feedback_answered")
    assert "Mang theo giấy tờ tùy thân." in answered.body and page.url in answered.body


def test_the_head_sends_the_answer_back_for_changes(agency, staff, qa_index, urls_loaded):
    feedback = submit()
    route(feedback, staff[Role.RECEPTION], agency)
    draft(feedback, staff[Role.SPECIALIST], answer="Bản nháp")

    def send_back(activation):
        set_decision(activation, "send_back")
        services.feedback_send_back(feedback=feedback, actor=staff[Role.HEAD], reason="Trích dẫn căn cứ")

    api_complete(open_task(feedback, FeedbackFlow.approve), staff[Role.HEAD], send_back)
    assert open_task(feedback, FeedbackFlow.draft)
    assert not QuestionPage.objects.exists()
    draft(feedback, staff[Role.SPECIALIST], answer="Bản sửa, theo Nghị định 23/2015/NĐ-CP")
    approve(feedback, staff[Role.HEAD])
    assert QuestionPage.objects.get().answer == "Bản sửa, theo Nghị định 23/2015/NĐ-CP"


@pytest.mark.parametrize("how", ["asker", "officer", "head"])
def test_private_items_are_never_published(client, agency, staff, qa_index, urls_loaded, how):
    feedback = submit(title="Riêng tư về gia đình tôi", wants_private=how == "asker")
    route(feedback, staff[Role.RECEPTION], agency)
    draft(feedback, staff[Role.SPECIALIST], answer="Trả lời riêng", is_private=how == "officer")
    approve(feedback, staff[Role.HEAD], is_private=how == "head")
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED and feedback.is_private
    assert not QuestionPage.objects.exists()
    assert services.question_page_publish(feedback=feedback) is None
    assert "Riêng tư" not in client.get("/hoi-dap/").content.decode()
    assert "Riêng tư" not in client.get("/tim-kiem/", {"q": "rieng tu gia dinh"}).content.decode()
    assert "hoi-dap/" + feedback.code.lower() not in client.get("/sitemap.xml").content.decode()
    assert client.get(f"/hoi-dap/{feedback.code.lower()}/").status_code == 404
    # The asker still gets the answer, without a public link.
    answered = Delivery.objects.get(event="feedback_answered")
    assert "Trả lời riêng" in answered.body and "/hoi-dap/" not in answered.body


def test_a_published_question_is_in_the_sitemap(client, agency, staff, qa_index, urls_loaded):
    feedback = submit()
    route(feedback, staff[Role.RECEPTION], agency)
    draft(feedback, staff[Role.SPECIALIST])
    approve(feedback, staff[Role.HEAD])
    assert QuestionPage.objects.get().url in client.get("/sitemap.xml").content.decode()


def test_the_whole_flow_over_http_as_staff_click(
    client, agency, other_agency, staff, other_staff, qa_index, urls_loaded
):
    from ..helpers import http_complete

    client.post(ASK_URL, ask_data(title="Hỏi qua web", question="Nội dung hỏi qua web"))
    feedback = Feedback.objects.get()
    http_complete(
        client,
        open_task(feedback, FeedbackFlow.route),
        staff[Role.RECEPTION],
        {"decision": "route", "agency": other_agency.pk, "note": "Thuộc thẩm quyền Sở Xây dựng"},
    )
    feedback.refresh_from_db()
    assert feedback.agency == other_agency
    http_complete(
        client,
        open_task(feedback, FeedbackFlow.draft),
        other_staff[Role.SPECIALIST],
        {"answer": "Trả lời của Sở Xây dựng"},
    )
    task = open_task(feedback, FeedbackFlow.approve)
    client.force_login(other_staff[Role.HEAD])
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    execute_url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    # Sending back without a reason is refused with a message, nothing changes.
    response = client.post(execute_url, {"decision": "send_back", "answer": "x", "note": ""})
    assert response.status_code == 200
    assert "lý do" in response.content.decode()
    response = client.post(
        execute_url, {"decision": "approve", "answer": "Trả lời của Sở Xây dựng (đã duyệt)"}
    )
    assert response.status_code == 302
    page = QuestionPage.objects.live().get()
    assert page.agency == other_agency
    public = client.get(page.url).content.decode()
    assert "Trả lời của Sở Xây dựng (đã duyệt)" in public and other_agency.name in public


# Agency scoping


def test_staff_of_another_agency_cannot_see_or_act(client, agency, staff, other_staff, urls_loaded):
    feedback = submit(title="Của Sở Tư pháp")
    task = open_task(feedback, FeedbackFlow.route)
    outsider = other_staff[Role.RECEPTION]
    client.force_login(outsider)
    assert client.get(f"/xu-ly/feedback/{feedback.process_id}/").status_code == 404
    assign_url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    assert client.post(assign_url).status_code == 404
    assert "Của Sở Tư pháp" not in client.get("/xu-ly/feedback/queue/").content.decode()
    assert "Của Sở Tư pháp" not in client.get("/xu-ly-ho-so/phan-anh/").content.decode()
    task.refresh_from_db()
    assert task.owner_id is None
    client.force_login(staff[Role.RECEPTION])
    assert "Của Sở Tư pháp" in client.get("/xu-ly/feedback/queue/").content.decode()
    assert client.get(f"/xu-ly/feedback/{feedback.process_id}/").status_code == 200


def test_a_task_of_another_process_is_not_reachable_through_ones_own(
    client, agency, other_agency, staff, urls_loaded
):
    mine = submit(title="Của tôi")
    theirs = submit(title="Của người khác", agency=other_agency)
    other_task = open_task(theirs, FeedbackFlow.route)
    client.force_login(staff[Role.RECEPTION])
    url = other_task.flow_task.reverse("assign", args=[mine.process_id, other_task.pk])
    assert client.post(url).status_code == 404


# Escaping


def test_user_written_text_is_escaped_everywhere(
    client, agency, staff, qa_index, urls_loaded, django_capture_on_commit_callbacks
):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(
        ASK_URL, ask_data(title=f"Tiêu đề {evil}", question=f"Câu hỏi {evil}", asker_name=f"Tên {evil}")
    )
    feedback = Feedback.objects.get()
    task = open_task(feedback, FeedbackFlow.route)
    client.force_login(staff[Role.RECEPTION])
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    for url in (task.flow_task.reverse("execute", args=[task.process_id, task.pk]), "/xu-ly-ho-so/phan-anh/"):
        text = client.get(url).content.decode()
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;" in text, url
    execute_url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    assert client.post(execute_url, {"decision": "route", "agency": agency.pk}).status_code == 302
    client.logout()
    draft(feedback, staff[Role.SPECIALIST], answer=f"Trả lời {evil}")
    with django_capture_on_commit_callbacks(execute=True):
        approve(feedback, staff[Role.HEAD])
    page = QuestionPage.objects.get()
    for url in (page.url, "/hoi-dap/"):
        text = client.get(url).content.decode()
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;" in text, url
    # Messages are plain text: the words arrive as written, never as markup.
    message = next(m for m in mail.outbox if "Trả lời" in m.body)
    assert message.content_subtype == "plain"
    assert evil in message.body


# Public pages, links with procedures, agency contacts (R-FB-1, R-FB-4, R-CAT-5)


def test_questions_and_procedure_pages_link_both_ways(
    client, agency, staff, qa_index, home_page, urls_loaded
):
    catalogue = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    home_page.add_child(instance=catalogue)
    procedure = make_procedure(catalogue, agency)
    feedback = submit(procedure=procedure, title="Khai sinh cho con ngoài giá thú")
    route(feedback, staff[Role.RECEPTION], agency)
    draft(feedback, staff[Role.SPECIALIST])
    approve(feedback, staff[Role.HEAD])
    page = QuestionPage.objects.get()
    assert page.procedure == procedure
    procedure_html = client.get(procedure.url).content.decode()
    assert page.url in procedure_html
    assert f"/hoi-dap/dat-cau-hoi/?thu-tuc={procedure.code}" in procedure_html
    assert procedure.url in client.get(page.url).content.decode()


def test_the_list_filters_by_field_and_agency(
    client, agency, other_agency, staff, other_staff, qa_index, procedure, urls_loaded
):
    first = submit(procedure=procedure, title="Câu hỏi hộ tịch")
    route(first, staff[Role.RECEPTION], agency)
    draft(first, staff[Role.SPECIALIST])
    approve(first, staff[Role.HEAD])
    second = submit(title="Câu hỏi xây dựng", agency=other_agency)
    route(second, other_staff[Role.RECEPTION], other_agency)
    draft(second, other_staff[Role.SPECIALIST])
    approve(second, other_staff[Role.HEAD])
    by_agency = client.get("/hoi-dap/", {"co-quan": other_agency.code}).content.decode()
    assert "Câu hỏi xây dựng" in by_agency and "Câu hỏi hộ tịch" not in by_agency
    by_field = client.get("/hoi-dap/", {"linh-vuc": procedure.field.slug}).content.decode()
    assert "Câu hỏi hộ tịch" in by_field and "Câu hỏi xây dựng" not in by_field
    searched = client.get("/hoi-dap/", {"q": "xay dung"}).content.decode()
    assert "Câu hỏi xây dựng" in searched and "Câu hỏi hộ tịch" not in searched


def test_every_agency_publishes_its_contacts_for_feedback(client, qa_index, agency, other_agency):
    agency.address, agency.phone, agency.email = "Số 17 Hai Bà Trưng", "0275 3822 135", "stp@bentre.gov.vn"
    agency.save()
    response = client.get("/hoi-dap/lien-he/")
    text = response.content.decode()
    assert response.status_code == 200
    for value in (agency.name, other_agency.name, "Số 17 Hai Bà Trưng", "0275 3822 135", "stp@bentre.gov.vn"):
        assert value in text
    assert "/hoi-dap/lien-he/" in client.get("/hoi-dap/").content.decode()


# Query counts


def _publish_many(count, agency, field):
    index = QuestionIndexPage.objects.get()
    now = datetime(2026, 11, 2, 9, 0, tzinfo=VIETNAM_TZ)
    for number in range(count):
        page = QuestionPage(
            title=f"Câu hỏi số {number}",
            slug=f"cau-hoi-{number}-{QuestionPage.objects.count()}",
            question="Nội dung",
            answer="Trả lời",
            agency=agency,
            field=field,
            asked_at=now,
            answered_at=now,
        )
        index.add_child(instance=page)


def test_the_public_list_costs_the_same_queries_whatever_its_size(
    client, qa_index, agency, procedure, django_assert_max_num_queries
):
    _publish_many(3, agency, procedure.field)
    client.get("/hoi-dap/")  # publishing clears the menus' cache: warm it up
    with django_assert_max_num_queries(12) as small:
        assert client.get("/hoi-dap/", {"linh-vuc": procedure.field.slug}).status_code == 200
    small_count = len(small.captured_queries)
    _publish_many(25, agency, procedure.field)
    client.get("/hoi-dap/")
    with django_assert_max_num_queries(small_count):
        response = client.get("/hoi-dap/", {"linh-vuc": procedure.field.slug})
    assert response.status_code == 200
    assert len(response.context["listing"].page) == 20


def test_the_question_page_query_count(client, qa_index, agency, procedure, django_assert_max_num_queries):
    _publish_many(1, agency, procedure.field)
    page = QuestionPage.objects.get()
    client.get(page.url)
    with django_assert_max_num_queries(10):
        assert client.get(page.url).status_code == 200


def test_the_staff_pages_query_counts(client, agency, staff, urls_loaded, django_assert_max_num_queries):
    for number in range(3):
        submit(title=f"Câu {number}")
    officer = staff[Role.RECEPTION]
    client.force_login(officer)
    client.get("/xu-ly-ho-so/phan-anh/")
    with django_assert_max_num_queries(12) as few:
        assert client.get("/xu-ly-ho-so/phan-anh/").status_code == 200
    few_count = len(few.captured_queries)
    for number in range(15):
        submit(title=f"Thêm {number}")
    with django_assert_max_num_queries(few_count):
        assert client.get("/xu-ly-ho-so/phan-anh/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/xu-ly-ho-so/phan-anh/ghi-nhan/").status_code == 200
    feedback = Feedback.objects.order_by("pk").first()
    task = open_task(feedback, FeedbackFlow.route)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    with django_assert_max_num_queries(20):
        assert (
            client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk])).status_code == 200
        )


def test_the_reminder_command_runs(agency, staff):
    from io import StringIO

    from django.core.management import call_command

    submit(received_at=datetime(2026, 1, 5, 8, 0, tzinfo=VIETNAM_TZ) - timedelta(days=0))
    out = StringIO()
    call_command("feedback_reminders", stdout=out)
    assert "0 reminder(s) sent." in out.getvalue()  # already overdue: flagged, not reminded


def test_the_ask_page_and_contacts_query_counts(
    client, qa_index, agency, other_agency, django_assert_max_num_queries
):
    client.get(ASK_URL)
    with django_assert_max_num_queries(10):
        assert client.get(ASK_URL).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/hoi-dap/lien-he/").status_code == 200


def test_the_statistics_count_questions_answered_within_three_working_days(client, agency, other_agency):
    """R-OPS-2: of the items received in the period (spam left out), those answered by their due time."""
    in_time, late, _open, spam = (
        submit(agency=agency, received_at=datetime(2026, 11, day, 8, 0, tzinfo=VIETNAM_TZ))
        for day in (2, 3, 4, 5)
    )
    Feedback.objects.filter(pk=in_time.pk).update(status=FeedbackStatus.ANSWERED, answered_at=in_time.due_at)
    Feedback.objects.filter(pk=late.pk).update(
        status=FeedbackStatus.ANSWERED, answered_at=late.due_at + timedelta(minutes=1)
    )
    Feedback.objects.filter(pk=spam.pk).update(status=FeedbackStatus.REJECTED)
    period = period_month(year=2026, month=11)

    figure = {item.key: item for item in service_figures(period=period)}["qa_within_3_days"]
    assert (figure.value, figure.total) == (1, 3)
    other = {item.key: item for item in service_figures(period=period, agency_id=other_agency.pk)}
    assert (other["qa_within_3_days"].value, other["qa_within_3_days"].total) == (0, 0)
    page = client.get("/thong-ke/", {"ky": "thang", "nam": 2026, "so": 11}).content.decode()
    assert 'data-figure="qa_within_3_days"' in page
