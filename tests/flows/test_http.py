"""The flow over HTTP as citizens and officers click, and the 404 wall between agencies and citizens."""

import pytest

from flows.choices import Channel, Decision, DossierStatus, EventKind
from flows.flows import DossierFlow
from flows.models import Dossier, DossierFile
from portal.accounts.roles import Role

from .conftest import EICAR, PDF_BYTES, upload
from .helpers import http_complete, open_task, submitted_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]


def submit_over_http(client, procedure, citizen, *, action="submit"):
    client.force_login(citizen)
    documents = list(procedure.documents.all())
    data = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "applicant_email": "an@example.vn",
        "address": "Bến Tre",
        "request": "Đăng ký khai sinh cho con",
        action: "1",
    }
    for document in documents[:2]:
        data[f"document_{document.pk}"] = upload(f"{document.name}.pdf", PDF_BYTES)
    return client.post(f"/nop-ho-so/{procedure.code}/", data)


def test_citizen_saves_a_draft_resumes_and_submits(client, procedure, citizen):
    response = client.get(f"/nop-ho-so/{procedure.code}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    response = submit_over_http(client, procedure, citizen, action="save")
    assert response.status_code == 302
    draft = Dossier.objects.get(applicant=citizen)
    assert draft.is_draft and draft.files.count() == 2 and draft.code is None
    page = client.get(f"/nop-ho-so/{procedure.code}/").content.decode()
    assert "Bạn đang tiếp tục một bản nháp đã lưu." in page
    assert "Đăng ký khai sinh cho con" in page
    response = client.post(
        f"/nop-ho-so/{procedure.code}/",
        {"applicant_name": "Nguyễn Văn An", "request": "Đăng ký khai sinh cho con", "submit": "1"},
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(pk=draft.pk)
    assert not dossier.is_draft and dossier.code.startswith("STP-") and dossier.process_id
    listing = client.get("/ho-so-cua-toi/").content.decode()
    assert dossier.code in listing and "Mới đăng ký" in listing
    assert "Bộ phận tiếp nhận sẽ kiểm tra hồ sơ của bạn." in listing


def test_infected_upload_over_http_shows_a_vietnamese_message(client, procedure, citizen):
    client.force_login(citizen)
    document = procedure.documents.first()
    response = client.post(
        f"/nop-ho-so/{procedure.code}/",
        {
            "applicant_name": "An",
            "request": "x",
            "save": "1",
            f"document_{document.pk}": upload("a.pdf", EICAR),
        },
    )
    assert response.status_code == 200
    assert "virus" in response.content.decode() and "không được lưu" in response.content.decode()
    assert not Dossier.objects.get(applicant=citizen).files.exists()


def test_officers_process_a_dossier_over_http(client, procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    reception, specialist = staff[Role.RECEPTION], staff[Role.SPECIALIST]
    client.force_login(reception)
    queue = client.get("/xu-ly/dossier/queue/")
    assert queue.status_code == 200 and dossier.code in queue.content.decode()
    http_complete(
        client,
        open_task(dossier, DossierFlow.receive),
        reception,
        {"decision": Decision.SUPPLEMENT, "missing_items": "Bản sao CCCD\nẢnh 4x6"},
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    # The citizen sees the request and supplements the same dossier.
    client.force_login(citizen)
    page = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "Bản sao CCCD" in page and "Ảnh 4x6" in page
    optional = procedure.documents.get(is_required=False)
    response = client.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/",
        {f"document_{optional.pk}": upload("cccd.pdf", PDF_BYTES), "note": "Đã bổ sung"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW and dossier.files.count() == 3
    http_complete(
        client, open_task(dossier, DossierFlow.receive), reception, {"decision": Decision.ACCEPT, "note": ""}
    )
    http_complete(
        client, open_task(dossier, DossierFlow.transfer), reception, {"note": "Chuyển phòng Hộ tịch"}
    )
    http_complete(
        client,
        open_task(dossier, DossierFlow.examine),
        specialist,
        {"outcome": "complete", "note": "Đủ điều kiện"},
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE
    http_complete(client, open_task(dossier, DossierFlow.return_result), reception, {"note": ""})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    client.force_login(citizen)
    page = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert ("Đã trả kết quả" in page and "Chuyển phòng Hộ tịch" not in page) or "Đã trả kết quả" in page


def test_public_look_up_shows_nothing_without_the_secret(client, procedure, citizen):
    dossier = submitted_dossier(procedure, citizen)
    wrong = client.get("/tra-cuu-ho-so/", {"code": dossier.code, "secret": "AAAAAAAA"}).content.decode()
    assert dossier.applicant_name not in wrong and "Không tìm thấy hồ sơ" in wrong
    right = client.get(
        "/tra-cuu-ho-so/", {"code": dossier.code.lower(), "secret": dossier.lookup_secret}
    ).content.decode()
    assert dossier.applicant_name in right and "Mới đăng ký" in right


def test_two_officers_take_one_task_exactly_one_wins(client, procedure, citizen, staff, make_user, agency):
    dossier = submitted_dossier(procedure, citizen)
    second = make_user("tiepnhan2.stp", agency=agency, role=Role.RECEPTION)
    task = open_task(dossier, DossierFlow.receive)
    assign_url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    client.force_login(staff[Role.RECEPTION])
    assert client.post(assign_url).status_code == 302
    client.force_login(second)
    response = client.post(assign_url, follow=True)
    assert response.status_code == 200
    assert "cán bộ khác đã nhận hoặc xử lý" in response.content.decode()
    task.refresh_from_db()
    assert task.owner == staff[Role.RECEPTION]


class TestOtherAgencyAndCitizenGet404:
    @pytest.fixture
    def dossier(self, procedure, citizen):
        return submitted_dossier(procedure, citizen)

    def task_urls(self, dossier):
        task = open_task(dossier, DossierFlow.receive)
        node = task.flow_task
        return [
            f"/xu-ly/dossier/{dossier.process_id}/",
            node.reverse("index", args=[task.process_id, task.pk]),
            node.reverse("detail", args=[task.process_id, task.pk]),
            node.reverse("assign", args=[task.process_id, task.pk]),
            node.reverse("execute", args=[task.process_id, task.pk]),
        ]

    def dossier_urls(self, dossier):
        file = dossier.files.first()
        return [
            f"/ho-so-cua-toi/{dossier.pk}/",
            f"/ho-so/{dossier.pk}/tep/{file.pk}/",
            f"/xu-ly-ho-so/{dossier.pk}/dung-xu-ly/",
            f"/xu-ly-ho-so/{dossier.pk}/xin-loi/",
            f"/xu-ly-ho-so/{dossier.pk}/giay-tiep-nhan/",
        ]

    def test_staff_of_another_agency(self, client, dossier, other_staff):
        for officer in other_staff.values():
            client.force_login(officer)
            for url in [*self.task_urls(dossier), *self.dossier_urls(dossier)]:
                assert client.get(url).status_code == 404, (officer, url)
                assert client.post(url).status_code == 404, (officer, url)
            queue = client.get("/xu-ly/dossier/queue/").content.decode()
            assert dossier.code not in queue
            assert dossier.code not in client.get("/xu-ly/dossier/flows/").content.decode()

    def test_another_citizen(self, client, dossier, other_citizen):
        client.force_login(other_citizen)
        for url in [
            *self.task_urls(dossier),
            *self.dossier_urls(dossier),
            f"/ho-so-cua-toi/{dossier.pk}/rut/",
        ]:
            response = client.get(url)
            assert response.status_code in (404, 405), (url, response.content[:300])
            assert client.post(url).status_code == 404, url

    def test_task_url_with_another_process_is_404(self, client, dossier, procedure, citizen, staff):
        second = submitted_dossier(procedure, citizen)
        task = open_task(second, DossierFlow.receive)
        client.force_login(staff[Role.RECEPTION])
        mismatched = task.flow_task.reverse("assign", args=[dossier.process_id, task.pk])
        assert client.post(mismatched).status_code == 404
        assert (
            client.get(task.flow_task.reverse("detail", args=[dossier.process_id, task.pk])).status_code
            == 404
        )

    def test_owner_and_handling_staff_can_download_the_file(self, client, dossier, citizen, staff):
        file = dossier.files.first()
        for user in (citizen, staff[Role.SPECIALIST]):
            client.force_login(user)
            response = client.get(f"/ho-so/{dossier.pk}/tep/{file.pk}/")
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == PDF_BYTES


def test_reception_registers_a_paper_dossier_with_its_scans(client, procedure, staff, other_staff):
    url = f"/xu-ly-ho-so/tiep-nhan/{procedure.code}/"
    for outsider in (other_staff[Role.RECEPTION], staff[Role.SPECIALIST]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(staff[Role.RECEPTION])
    required = list(procedure.documents.filter(is_required=True))
    data = {"applicant_name": "Trần Thị Bình", "request": "Khai sinh", "channel": "1"}
    infected = {**data, **{f"document_{d.pk}": upload("scan.pdf", PDF_BYTES) for d in required}}
    infected[f"document_{required[0].pk}"] = upload("scan.pdf", PDF_BYTES + EICAR)
    response = client.post(url, infected)
    assert response.status_code == 200 and "virus" in response.content.decode()
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    response = client.post(
        url, {**data, **{f"document_{d.pk}": upload("scan.pdf", PDF_BYTES) for d in required}}
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.IN_PERSON and dossier.applicant is None and not dossier.is_draft
    assert dossier.events.get().kind == EventKind.REGISTERED_ON_PAPER
    assert open_task(dossier, DossierFlow.receive)


def test_pages_keep_their_query_counts(client, procedure, citizen, staff, django_assert_max_num_queries):
    dossiers = [submitted_dossier(procedure, citizen) for _ in range(3)]
    lookup = {"code": dossiers[0].code, "secret": dossiers[0].lookup_secret}
    client.get("/tra-cuu-ho-so/", lookup)  # the first request of a site creates its settings row
    # The layout (session, user, site settings, announcements, user bar) takes about eight queries;
    # the bounds below leave no room for one query per dossier.
    with django_assert_max_num_queries(6):
        client.get("/tra-cuu-ho-so/", lookup)
    client.force_login(citizen)
    with django_assert_max_num_queries(10):
        assert client.get("/ho-so-cua-toi/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(f"/ho-so-cua-toi/{dossiers[0].pk}/").status_code == 200
    client.force_login(staff[Role.RECEPTION])
    with django_assert_max_num_queries(30):
        page = client.get("/xu-ly/dossier/queue/")
    assert all(d.code in page.content.decode() for d in dossiers)


def test_citizen_withdraws_over_http(client, procedure, citizen):
    dossier = submitted_dossier(procedure, citizen)
    client.force_login(citizen)
    assert "Rút hồ sơ" in client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    response = client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/", {"reason": "Nộp nhầm"}, follow=True)
    assert "Đã rút hồ sơ." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    assert "Công dân yêu cầu rút hồ sơ" in client.get("/ho-so-cua-toi/").content.decode()


def test_head_stops_and_apologises_over_http(client, procedure, citizen, staff):
    from datetime import timedelta

    from django.utils import timezone

    late = submitted_dossier(procedure, citizen)
    http_complete(
        client, open_task(late, DossierFlow.receive), staff[Role.RECEPTION], {"decision": Decision.ACCEPT}
    )
    late.refresh_from_db()
    late.due_at = timezone.now() - timedelta(hours=2)
    late.save()
    client.force_login(staff[Role.HEAD])
    new_date = (timezone.localtime() + timedelta(days=5)).replace(second=0, microsecond=0)
    response = client.post(
        f"/xu-ly-ho-so/{late.pk}/xin-loi/",
        {"new_due_at": new_date.strftime("%Y-%m-%dT%H:%M"), "reason": "Chờ ý kiến cơ quan khác"},
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.due_at == new_date
    response = client.post(f"/xu-ly-ho-so/{late.pk}/dung-xu-ly/", {"reason": "Có tranh chấp"})
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == DossierStatus.STOPPED
    client.force_login(citizen)
    page = client.get(f"/ho-so-cua-toi/{late.pk}/").content.decode()
    assert "Có tranh chấp" in page and "Phiếu xin lỗi và hẹn lại ngày trả kết quả" in page


def test_queue_shows_due_dates_and_overdue_marks(client, procedure, citizen, staff):
    from datetime import timedelta

    from django.utils import timezone

    from viewflow.workflow.timers import fire_due_timers

    dossier = submitted_dossier(procedure, citizen)
    http_complete(
        client, open_task(dossier, DossierFlow.receive), staff[Role.RECEPTION], {"decision": Decision.ACCEPT}
    )
    timer = DossierFlow.task_class.objects.get(process_id=dossier.process_id, flow_task_type="TIMER")
    timer.scheduled = timezone.now() - timedelta(minutes=1)
    timer.save()
    fire_due_timers()
    page = client.get("/xu-ly/dossier/queue/").content.decode()
    assert dossier.code in page and "(chuyển hồ sơ quá hạn)" in page and "Hạn bước xử lý" in page
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() - timedelta(hours=1))
    assert "(quá hạn)" in client.get("/xu-ly/dossier/queue/").content.decode()


def test_receipt_and_level_4_posting_instructions(client, procedure_index, agency, citizen, staff):
    from .conftest import make_procedure

    full_online = make_procedure(procedure_index, agency, code="2.000002", level=4)
    dossier = submitted_dossier(full_online, citizen)
    client.force_login(citizen)
    page = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "Hồ sơ giấy cần gửi" in page and f"ghi mã hồ sơ {dossier.code}" in page
    client.force_login(staff[Role.RECEPTION])
    receipt = client.get(f"/xu-ly-ho-so/{dossier.pk}/giay-tiep-nhan/").content.decode()
    assert dossier.lookup_secret in receipt and "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in receipt
