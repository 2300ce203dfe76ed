"""Consulted agencies see only their consultation; infected uploads reach the head; look-up rate limit;
the head sends a dossier back for re-examination."""

from django.core import mail

import pytest

from flows import services
from flows.choices import Decision, DossierStatus, EventKind
from flows.flows import DossierFlow
from flows.models import MalwareIncident, ProcedureProcess
from portal.accounts.roles import Role

from .conftest import EICAR, upload
from .helpers import api_complete, http_complete, open_task, set_decision, submitted_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]


def accept_and_transfer(client, dossier, reception):
    http_complete(client, open_task(dossier, DossierFlow.receive), reception, {"decision": Decision.ACCEPT})
    http_complete(client, open_task(dossier, DossierFlow.transfer), reception, {"note": ""})


class TestConsultedAgency:
    @pytest.fixture
    def dossier(self, client, procedure, citizen, staff, other_agency):
        process_settings = ProcedureProcess.objects.create(procedure=procedure, head_approval_required=False)
        process_settings.consulted_agencies.set([other_agency])
        dossier = submitted_dossier(procedure, citizen)
        accept_and_transfer(client, dossier, staff[Role.RECEPTION])
        return dossier

    def test_sees_and_answers_only_its_own_consultation(self, client, dossier, other_staff):
        consult = open_task(dossier, DossierFlow.consult)
        examine = open_task(dossier, DossierFlow.examine)
        specialist = other_staff[Role.SPECIALIST]
        client.force_login(specialist)
        forbidden = [
            f"/xu-ly/dossier/{dossier.process_id}/",
            examine.flow_task.reverse("detail", args=[examine.process_id, examine.pk]),
            examine.flow_task.reverse("assign", args=[examine.process_id, examine.pk]),
            examine.flow_task.reverse("execute", args=[examine.process_id, examine.pk]),
            f"/xu-ly-ho-so/{dossier.pk}/giay-tiep-nhan/",
            f"/xu-ly-ho-so/{dossier.pk}/dung-xu-ly/",
        ]
        for url in forbidden:
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url
        assert dossier.code not in client.get("/xu-ly/dossier/flows/").content.decode()
        queue = client.get("/xu-ly/dossier/queue/").content.decode()
        assert dossier.code in queue  # its consultation waits there
        assert (
            client.get(consult.flow_task.reverse("detail", args=[consult.process_id, consult.pk])).status_code
            == 200
        )
        assert (
            client.post(
                consult.flow_task.reverse("assign", args=[consult.process_id, consult.pk])
            ).status_code
            == 302
        )
        form = client.get(consult.flow_task.reverse("execute", args=[consult.process_id, consult.pk]))
        page = form.content.decode()
        # The declaration and documents are there to answer; the control history and actions are not.
        assert form.status_code == 200 and "Tờ khai đăng ký khai sinh" in page
        assert "giay-tiep-nhan" not in page and "Tiếp nhận và hẹn trả kết quả" not in page
        file = dossier.files.first()
        assert client.get(f"/ho-so/{dossier.pk}/tep/{file.pk}/").status_code == 200
        response = client.post(
            consult.flow_task.reverse("execute", args=[consult.process_id, consult.pk]), {"opinion": "Đồng ý"}
        )
        assert response.status_code == 302
        assert dossier.consultations.get().opinion == "Đồng ý"
        # Its inbox and archive hold only the consultation, never the agency's own steps.
        archive = client.get("/xu-ly/dossier/archive/").content.decode()
        assert dossier.code in archive and "Tiếp nhận hồ sơ" not in archive

    def test_the_implementing_agency_still_sees_the_whole_process(self, client, dossier, staff):
        client.force_login(staff[Role.SPECIALIST])
        assert client.get(f"/xu-ly/dossier/{dossier.process_id}/").status_code == 200
        examine = open_task(dossier, DossierFlow.examine)
        client.post(examine.flow_task.reverse("assign", args=[examine.process_id, examine.pk]))
        page = client.get(examine.flow_task.reverse("execute", args=[examine.process_id, examine.pk]))
        assert "Tiếp nhận và hẹn trả kết quả" in page.content.decode()
        client.force_login(staff[Role.RECEPTION])
        archive = client.get("/xu-ly/dossier/archive/").content.decode()
        assert dossier.code in archive and "Tiếp nhận hồ sơ" in archive


def test_infected_upload_is_recorded_and_reported_to_the_agency_head(
    client, procedure, citizen, staff, other_staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.force_login(citizen)
    document = procedure.documents.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/nop-ho-so/{procedure.code}/",
            {
                "applicant_name": "An",
                "request": "x",
                "save": "1",
                f"document_{document.pk}": upload("to-khai.pdf", EICAR),
            },
        )
    assert response.status_code == 200 and "virus" in response.content.decode()
    incident = MalwareIncident.objects.get()
    assert (incident.agency, incident.procedure_id, incident.uploaded_by) == (
        procedure.agency,
        procedure.pk,
        citizen,
    )
    assert incident.file_name == "to-khai.pdf" and "Eicar" in incident.signature
    # The head of the procedure's agency, and only them, is told.
    assert [message.to for message in mail.outbox] == [[staff[Role.HEAD].email]]
    assert "mã độc" in mail.outbox[0].subject and "to-khai.pdf" in mail.outbox[0].body
    # The record is in the head's workspace page; others get 404.
    url = "/xu-ly-ho-so/tep-ma-doc/"
    client.force_login(staff[Role.HEAD])
    page = client.get(url).content.decode()
    assert "to-khai.pdf" in page and "Eicar" in page and "Tệp bị từ chối do mã độc" in page
    for outsider in (staff[Role.RECEPTION], other_staff[Role.HEAD], citizen):
        client.force_login(outsider)
        response = client.get(url)
        assert response.status_code == 404 or "to-khai.pdf" not in response.content.decode()
    client.force_login(other_staff[Role.HEAD])
    assert client.get(url).status_code == 200 and "to-khai.pdf" not in client.get(url).content.decode()


def test_malware_page_query_count(client, procedure, citizen, staff, django_assert_max_num_queries):
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    for number in range(3):
        MalwareIncident.objects.create(
            agency=procedure.agency,
            procedure=procedure,
            dossier=dossier,
            uploaded_by=citizen,
            file_name=f"f{number}.pdf",
            signature="Eicar-Test-Signature",
            detected_at=dossier.created_at,
        )
    client.force_login(staff[Role.HEAD])
    client.get("/xu-ly-ho-so/tep-ma-doc/")
    with django_assert_max_num_queries(12):
        assert client.get("/xu-ly-ho-so/tep-ma-doc/").status_code == 200


def test_lookup_refuses_the_sixth_wrong_attempt_from_one_address(client, procedure, citizen):
    dossier = submitted_dossier(procedure, citizen)
    wrong = {"code": dossier.code, "secret": "WRONG234"}
    for _ in range(services.LOOKUP_FAILURE_LIMIT):
        response = client.get("/tra-cuu-ho-so/", wrong, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200 and "Không tìm thấy hồ sơ" in response.content.decode()
    refused = client.get("/tra-cuu-ho-so/", wrong, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert "Bạn đã nhập sai quá nhiều lần" in refused.content.decode()
    # Even the right secret waits for the window to pass from that address; another address is served.
    right = {"code": dossier.code, "secret": dossier.lookup_secret}
    assert client.get("/tra-cuu-ho-so/", right, REMOTE_ADDR="203.0.113.7").status_code == 429
    other = client.get("/tra-cuu-ho-so/", right, REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 200 and dossier.applicant_name in other.content.decode()


def test_head_sends_the_dossier_back_for_re_examination_over_http(client, procedure, citizen, staff):
    ProcedureProcess.objects.create(procedure=procedure, head_approval_required=True)
    dossier = submitted_dossier(procedure, citizen)
    accept_and_transfer(client, dossier, staff[Role.RECEPTION])
    http_complete(
        client, open_task(dossier, DossierFlow.examine), staff[Role.SPECIALIST], {"outcome": "complete"}
    )
    approve = open_task(dossier, DossierFlow.approve)
    # A send-back needs its reason.
    client.force_login(staff[Role.HEAD])
    client.post(approve.flow_task.reverse("assign", args=[approve.process_id, approve.pk]))
    execute = approve.flow_task.reverse("execute", args=[approve.process_id, approve.pk])
    response = client.post(execute, {"decision": "send_back", "note": ""})
    assert response.status_code == 200 and "Nêu lý do trả lại hồ sơ." in response.content.decode()
    response = client.post(execute, {"decision": "send_back", "note": "Thiếu xác minh nơi cư trú"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    sent_back = dossier.events.get(kind=EventKind.SENT_BACK)
    assert sent_back.actor == staff[Role.HEAD] and sent_back.note == "Thiếu xác minh nơi cư trú"
    reexamine = open_task(dossier, DossierFlow.reexamine)
    # Only the specialist department takes it again.
    client.force_login(staff[Role.RECEPTION])
    assert (
        client.post(
            reexamine.flow_task.reverse("assign", args=[reexamine.process_id, reexamine.pk])
        ).status_code
        == 302
    )
    reexamine.refresh_from_db()
    assert reexamine.owner is None
    http_complete(client, reexamine, staff[Role.SPECIALIST], {"note": "Đã xác minh"})
    http_complete(
        client, open_task(dossier, DossierFlow.approve), staff[Role.HEAD], {"decision": "approve", "note": ""}
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds[-4:] == [EventKind.SENT_BACK, EventKind.EXAMINED, EventKind.APPROVED, EventKind.RESULT_READY]
    # The control history on the next officer's task page shows who sent it back and why.
    returning = open_task(dossier, DossierFlow.return_result)
    client.force_login(staff[Role.RECEPTION])
    client.post(returning.flow_task.reverse("assign", args=[returning.process_id, returning.pk]))
    page = client.get(returning.flow_task.reverse("execute", args=[returning.process_id, returning.pk]))
    assert "Trả lại để thẩm định lại" in page.content.decode()
    assert "Thiếu xác minh nơi cư trú" in page.content.decode()


def test_send_back_through_the_python_api(procedure, citizen, staff):
    ProcedureProcess.objects.create(procedure=procedure, head_approval_required=True)
    dossier = submitted_dossier(procedure, citizen)
    head, specialist = staff[Role.HEAD], staff[Role.SPECIALIST]
    for node, user, perform in [
        (
            DossierFlow.receive,
            staff[Role.RECEPTION],
            lambda a: (
                set_decision(a, Decision.ACCEPT),
                services.dossier_accept(dossier=dossier, actor=None),
            ),
        ),
        (
            DossierFlow.transfer,
            staff[Role.RECEPTION],
            lambda a: services.dossier_transfer(dossier=dossier, actor=None),
        ),
        (
            DossierFlow.examine,
            specialist,
            lambda a: (
                set_decision(a, "complete"),
                services.dossier_examine(dossier=dossier, actor=specialist, note=""),
            ),
        ),
        (
            DossierFlow.approve,
            head,
            lambda a: (
                set_decision(a, "send_back"),
                services.dossier_send_back(dossier=dossier, actor=head, reason="Xem lại"),
            ),
        ),
    ]:
        api_complete(open_task(dossier, node), user, perform)
    assert open_task(dossier, DossierFlow.reexamine)
    with pytest.raises(services.ValidationError):
        services.dossier_send_back(dossier=dossier, actor=head, reason=" ")
