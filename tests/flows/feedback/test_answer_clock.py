"""The answer clock (hạn trả lời, R-FB-3): the asker sees the due time, the working days and hours
left, then whether the answer came on time; the public Q&A page shows per agency what waits and
what was answered late this month. Working time follows flows.calendar (holidays, overrides)."""

import re
from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from flows.calendar import VIETNAM_TZ, calendar_current
from flows.feedback.choices import FeedbackStatus
from flows.feedback.models import Feedback, QuestionIndexPage
from flows.feedback.selectors import answer_clock, answer_times_per_agency
from flows.feedback.services import feedback_due
from flows.models import CalendarOverride
from services_catalog.models import Agency

pytestmark = pytest.mark.django_db

_numbers = iter(range(1, 100_000))


def vn(day, month, hour, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM_TZ)


def make_feedback(agency, *, asker=None, received_at=None, due_at=None, **extra):
    received_at = received_at or timezone.now()
    number = next(_numbers)
    return Feedback.objects.create(
        code=f"HD-T-{number:05d}",
        title=extra.pop("title", f"Hỏi về lệ phí chứng thực số {number}"),
        question="Cho tôi hỏi lệ phí chứng thực bản sao\nlà bao nhiêu một trang?",
        asker=asker,
        asker_name="Trần Văn Bình",
        agency=agency,
        received_by=agency,
        received_at=received_at,
        due_at=due_at or feedback_due(received_at=received_at),
        **extra,
    )


@pytest.fixture
def friday_question(agency):
    # Received on Friday 04/12/2026 at 16:00: 1 h on Friday, 8 h on Monday and Tuesday, 7 h on
    # Wednesday make 3 working days, due on Wednesday 09/12 at 16:00.
    item = make_feedback(agency, received_at=vn(4, 12, 16))
    assert item.due_at == vn(9, 12, 16)
    return item


def _clock(item, now):
    with translation.override("vi"):
        clock = answer_clock(feedback=item, calendar=calendar_current(), now=now)
        return clock, clock.text


def test_working_days_and_hours_left(friday_question):
    clock, text = _clock(friday_question, vn(7, 12, 10))
    # Monday 10:00-11:30 and 13:30-17:00 (5 h), Tuesday (8 h), Wednesday to 16:00 (7 h).
    assert (clock.state, clock.working_days, clock.working_hours) == ("waiting", 2, 4)
    assert text == "còn 2 ngày làm việc 4 giờ"
    # Over the weekend nothing runs: Saturday evening and Monday 07:00 are the same.
    assert (
        _clock(friday_question, vn(5, 12, 20))[0].working_time
        == _clock(friday_question, vn(7, 12, 7))[0].working_time
    )


def test_an_announced_day_off_does_not_count(friday_question):
    CalendarOverride.objects.create(
        date=vn(8, 12, 0).date(), kind=CalendarOverride.Kind.DAY_OFF, reason="Nghỉ bù"
    )
    clock, text = _clock(friday_question, vn(7, 12, 10))
    assert (clock.working_days, clock.working_hours) == (1, 4)
    assert text == "còn 1 ngày làm việc 4 giờ"


def test_overdue_then_answered_on_time_or_late(friday_question):
    clock, text = _clock(friday_question, vn(10, 12, 9))
    assert clock.state == "overdue" and text == "Đã quá hạn 3 giờ: cơ quan chưa trả lời"
    friday_question.status, friday_question.answered_at = FeedbackStatus.ANSWERED, vn(9, 12, 15)
    assert _clock(friday_question, vn(20, 12, 9))[1] == "Đã trả lời đúng hạn"
    friday_question.answered_at = vn(10, 12, 8, 30)
    clock, text = _clock(friday_question, vn(20, 12, 9))
    assert clock.state == "late" and text == "Đã trả lời trễ hạn 2 giờ"
    friday_question.status, friday_question.answered_at = FeedbackStatus.REJECTED, None
    assert _clock(friday_question, vn(20, 12, 9))[0].state == ""


def test_the_asker_sees_the_countdown_on_their_pages(client, citizen, other_citizen, agency):
    mine = make_feedback(agency, asker=citizen, title="Thời hạn cấp bản sao trích lục")
    answered = make_feedback(
        agency,
        asker=citizen,
        received_at=timezone.now() - timedelta(days=20),
        status=FeedbackStatus.ANSWERED,
        answer="Lệ phí là 2.000 đồng một trang.",
    )
    Feedback.objects.filter(pk=answered.pk).update(answered_at=answered.due_at - timedelta(hours=1))
    theirs = make_feedback(agency, asker=other_citizen)
    client.force_login(citizen)
    html = client.get(reverse("flows:my_questions")).content.decode()
    due = timezone.localtime(mine.due_at, VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")
    assert f"Hạn trả lời: <strong>{due}</strong> (3 ngày làm việc)" in html
    assert re.search(r"còn (\d+ ngày làm việc ?)?(\d+ giờ)?", html)
    assert "Đã trả lời đúng hạn" in html
    assert theirs.code not in html

    detail = client.get(reverse("flows:my_question", args=[mine.pk]))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "Thời hạn cấp bản sao trích lục" in text and due in text
    assert re.search(r"còn \d+ ngày làm việc|còn \d+ giờ", text)
    assert client.get(reverse("flows:my_question", args=[theirs.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("flows:my_question", args=[mine.pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_my_questions_keeps_its_query_count(client, citizen, agency):
    make_feedback(agency, asker=citizen)
    client.force_login(citizen)
    url = reverse("flows:my_questions")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(30):
        make_feedback(agency, asker=citizen, received_at=timezone.now() - timedelta(days=day, hours=3))
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("Hạn trả lời:") == 31
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.fixture
def qa_index(home_page):
    index = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def _answered(agency, *, answered_at, late: bool):
    item = make_feedback(agency, received_at=answered_at - timedelta(days=5), status=FeedbackStatus.ANSWERED)
    due = answered_at - timedelta(hours=1) if late else answered_at + timedelta(hours=1)
    Feedback.objects.filter(pk=item.pk).update(answered_at=answered_at, due_at=due)


def test_public_page_shows_per_agency_waiting_and_late_this_month(client, qa_index, agency, other_agency):
    now = timezone.now()
    make_feedback(agency)  # waiting, within time
    make_feedback(agency, received_at=now - timedelta(days=10), due_at=now - timedelta(days=5))  # overdue
    make_feedback(agency, status=FeedbackStatus.REJECTED)  # spam: not counted
    _answered(agency, answered_at=now - timedelta(minutes=5), late=True)
    _answered(agency, answered_at=now - timedelta(minutes=6), late=False)
    _answered(agency, answered_at=now - timedelta(days=40), late=True)  # an earlier month
    _answered(other_agency, answered_at=now - timedelta(minutes=7), late=False)

    rows = {row.agency_name: row for row in answer_times_per_agency(now=now)}
    assert (rows["Sở Tư pháp"].waiting, rows["Sở Tư pháp"].overdue) == (2, 1)
    assert (rows["Sở Tư pháp"].answered_this_month, rows["Sở Tư pháp"].answered_late_this_month) == (2, 1)
    assert (rows["Sở Xây dựng"].waiting, rows["Sở Xây dựng"].answered_late_this_month) == (0, 0)

    html = client.get(qa_index.url).content.decode()
    section = re.search(r'<section class="answer-times".*?</section>', html, re.S).group(0)
    cells = {
        name: [int(n) for n in re.findall(r"<td>(\d+)</td>", rest)]
        for name, rest in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', section, re.S)
    }
    assert cells == {"Sở Tư pháp": [2, 1, 2, 1], "Sở Xây dựng": [0, 0, 1, 0]}
    assert "Các cơ quan có trả lời trong 3 ngày làm việc không?" in section


def test_public_page_query_count_does_not_grow_with_agencies(client, qa_index, agency):
    make_feedback(agency)
    client.get(qa_index.url)
    with CaptureQueriesContext(connection) as few:
        client.get(qa_index.url)
    for number in range(12):
        other = Agency.objects.create(code=f"ubx{number}", name=f"UBND xã số {number}", level="xa")
        make_feedback(other)
        _answered(other, answered_at=timezone.now() - timedelta(minutes=1), late=number % 2 == 0)
    with CaptureQueriesContext(connection) as many:
        html = client.get(qa_index.url).content.decode()
    assert "UBND xã số 11" in html
    assert len(many.captured_queries) == len(few.captured_queries)
