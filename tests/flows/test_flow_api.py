"""The flow driven through the Python API: the same service calls and activations as the task views."""

from datetime import datetime, timedelta

from django.utils import timezone

import pytest
from viewflow.workflow.status import PROCESS
from viewflow.workflow.timers import fire_due_timers

from flows import services
from flows.calendar import calendar_current
from flows.choices import Decision, DossierStatus, EventKind
from flows.flows import DossierFlow
from flows.models import Consultation, ProcedureProcess
from flows.signals import dossier_status_changed
from portal.accounts.roles import Role

from .helpers import api_complete, open_task, open_tasks, set_decision, submitted_dossier

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("clamd", "urls_loaded")]


def receive(dossier, officer, decision, **kwargs):
    def perform(activation):
        set_decision(activation, decision)
        if decision == Decision.ACCEPT:
            services.dossier_accept(dossier=dossier, actor=officer, **kwargs)
        elif decision == Decision.SUPPLEMENT:
            services.dossier_supplement_request(dossier=dossier, actor=officer, **kwargs)
        else:
            services.dossier_refuse(dossier=dossier, actor=officer, **kwargs)

    api_complete(open_task(dossier, DossierFlow.receive), officer, perform)
    dossier.refresh_from_db()


def transfer(dossier, officer):
    api_complete(
        open_task(dossier, DossierFlow.transfer),
        officer,
        lambda activation: services.dossier_transfer(dossier=dossier, actor=officer),
    )
    dossier.refresh_from_db()


def examine(dossier, officer, outcome="complete", items=None):
    def perform(activation):
        set_decision(activation, outcome)
        if outcome == Decision.SUPPLEMENT:
            services.dossier_supplement_request(dossier=dossier, actor=officer, items=items)
        else:
            services.dossier_examine(dossier=dossier, actor=officer, note="Đủ điều kiện")

    api_complete(open_task(dossier, DossierFlow.examine), officer, perform)
    dossier.refresh_from_db()


def test_happy_path_without_head_approval(procedure, citizen, staff, django_capture_on_commit_callbacks):
    received_statuses = []

    def listener(sender, dossier, from_status, to_status, event, **kwargs):
        received_statuses.append(to_status)

    dossier_status_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            dossier = submitted_dossier(procedure, citizen)
            assert dossier.code.startswith("STP-") and dossier.code.endswith("-0001")
            assert dossier.status == DossierStatus.NEW
            receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
            assert dossier.status == DossierStatus.RECEIVED
            assert dossier.due_at == calendar_current().add_working_days(dossier.received_at, 5)
            transfer(dossier, staff[Role.RECEPTION])
            assert dossier.status == DossierStatus.PROCESSING
            examine(dossier, staff[Role.SPECIALIST])
            assert dossier.status == DossierStatus.DONE and dossier.finished_at is not None
            api_complete(
                open_task(dossier, DossierFlow.return_result),
                staff[Role.RECEPTION],
                lambda a: services.dossier_return_result(dossier=dossier, actor=staff[Role.RECEPTION]),
            )
    finally:
        dossier_status_changed.disconnect(listener)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.process.status == PROCESS.DONE
    assert received_statuses == [
        DossierStatus.NEW,
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.DONE,
        DossierStatus.RETURNED,
    ]
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.SUBMITTED,
        EventKind.ACCEPTED,
        EventKind.TRANSFERRED,
        EventKind.EXAMINED,
        EventKind.RESULT_READY,
        EventKind.RESULT_RETURNED,
    ]
    assert dossier.events.get(kind=EventKind.ACCEPTED).actor == staff[Role.RECEPTION]


def test_head_approval_when_the_procedure_requires_it(procedure, citizen, staff):
    ProcedureProcess.objects.create(procedure=procedure, head_approval_required=True)
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    transfer(dossier, staff[Role.RECEPTION])
    examine(dossier, staff[Role.SPECIALIST])
    assert dossier.status == DossierStatus.PROCESSING
    approve = open_task(dossier, DossierFlow.approve)
    assert not DossierFlow.approve.can_assign(staff[Role.SPECIALIST], approve)
    api_complete(
        approve, staff[Role.HEAD], lambda a: services.dossier_approve(dossier=dossier, actor=staff[Role.HEAD])
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE
    assert open_task(dossier, DossierFlow.return_result)


def test_reception_supplement_loop_then_accept(procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(
        dossier, staff[Role.RECEPTION], Decision.SUPPLEMENT, items=["Bản sao CCCD", "Giấy chứng sinh rõ nét"]
    )
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert dossier.supplement_requests.get().items == ["Bản sao CCCD", "Giấy chứng sinh rõ nét"]
    services.dossier_supplement_submit(dossier=dossier, user=citizen, note="Đã bổ sung")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW
    assert dossier.supplement_requests.get().answered_at is not None
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    assert dossier.status == DossierStatus.RECEIVED


def test_supplement_during_examination_pauses_the_clock(procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    transfer(dossier, staff[Role.RECEPTION])
    calendar = calendar_current()
    paused_from = timezone.now()
    remaining_before = calendar.working_time_between(paused_from, dossier.due_at)
    examine(dossier, staff[Role.SPECIALIST], outcome=Decision.SUPPLEMENT, items=["Bản sao hộ khẩu"])
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED and dossier.paused_at is not None
    # The citizen answers three working days later: the appointment moves by the paused time.
    answered = calendar.add_working_days(dossier.paused_at, 3)
    remaining = calendar.working_time_between(dossier.paused_at, dossier.due_at)
    services.dossier_resume_after_supplement(dossier=dossier, actor=citizen, at=answered)
    dossier.refresh_from_db()
    assert dossier.paused_at is None
    assert dossier.due_at == calendar.add_working_time(answered, remaining)
    assert abs(remaining - remaining_before) < timedelta(minutes=1)


def test_examination_supplement_resumes_the_flow_at_examination(procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    transfer(dossier, staff[Role.RECEPTION])
    due_before = dossier.due_at
    examine(dossier, staff[Role.SPECIALIST], outcome=Decision.SUPPLEMENT, items=["Bản sao hộ khẩu"])
    services.dossier_supplement_submit(dossier=dossier, user=citizen)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.due_at >= due_before
    examine(dossier, staff[Role.SPECIALIST])
    assert dossier.status == DossierStatus.DONE


def test_refusal_ends_the_process(procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.REFUSE, reason="Không thuộc thẩm quyền")
    assert dossier.status == DossierStatus.REFUSED
    assert dossier.process.status == PROCESS.DONE
    assert dossier.events.get(kind=EventKind.REFUSED).note == "Không thuộc thẩm quyền"


def test_overdue_transfer_is_flagged_by_the_timer(procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    assert dossier.transfer_overdue is False
    fire_due_timers()
    dossier.refresh_from_db()
    assert dossier.transfer_overdue is False
    # Move the timer's due moment into the past, as if half a working day had gone by.
    timer = DossierFlow.task_class.objects.get(process_id=dossier.process_id, flow_task_type="TIMER")
    expected = calendar_current().add_working_time(dossier.received_at, timedelta(hours=4))
    assert timer.scheduled == expected
    timer.scheduled = timezone.now() - timedelta(minutes=1)
    timer.save()
    fire_due_timers()
    dossier.refresh_from_db()
    assert dossier.transfer_overdue is True
    assert dossier.events.filter(kind=EventKind.TRANSFER_OVERDUE).count() == 1
    # The transfer itself is still waiting and the process goes on.
    transfer(dossier, staff[Role.RECEPTION])
    assert dossier.status == DossierStatus.PROCESSING


def test_parallel_consultation_joins_before_the_result(
    procedure, citizen, staff, other_agency, other_staff, make_user
):
    third = type(other_agency).objects.create(code="sct", name="Sở Công Thương", level=other_agency.level)
    third_specialist = make_user("chuyenvien.sct", agency=third, role=Role.SPECIALIST)
    settings_row = ProcedureProcess.objects.create(procedure=procedure, head_approval_required=False)
    settings_row.consulted_agencies.set([other_agency, third])
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    transfer(dossier, staff[Role.RECEPTION])
    consults = open_tasks(dossier, DossierFlow.consult)
    assert sorted(task.data["agency_id"] for task in consults) == sorted([other_agency.pk, third.pk])
    examine(dossier, staff[Role.SPECIALIST])
    assert dossier.status == DossierStatus.PROCESSING  # still waiting for both agencies
    by_agency = {task.data["agency_id"]: task for task in consults}
    # Only the consulted agency's specialist may take its consultation.
    assert not DossierFlow.consult.can_assign(staff[Role.SPECIALIST], by_agency[other_agency.pk])
    assert not DossierFlow.consult.can_assign(third_specialist, by_agency[other_agency.pk])
    for agency_id, officer in [(other_agency.pk, other_staff[Role.SPECIALIST]), (third.pk, third_specialist)]:
        task = by_agency[agency_id]
        consultation = Consultation.objects.get(pk=task.data["consultation_id"])
        api_complete(
            task,
            officer,
            lambda a, c=consultation, o=officer: services.consultation_answer(
                consultation=c, actor=o, opinion="Đồng ý"
            ),
        )
        dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE
    assert dossier.consultations.filter(answered_at__isnull=False).count() == 2


def test_citizen_withdraws_during_processing(procedure, citizen, staff, other_citizen):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    with pytest.raises(services.PermissionDenied):
        services.dossier_withdraw(dossier=dossier, user=other_citizen)
    services.dossier_withdraw(dossier=dossier, user=citizen, reason="Không còn nhu cầu")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    assert dossier.process.status == PROCESS.CANCELED
    assert open_tasks(dossier) == []


def test_agency_stops_processing_with_a_reason(procedure, citizen, staff, other_staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    transfer(dossier, staff[Role.RECEPTION])
    with pytest.raises(services.PermissionDenied):
        services.dossier_stop(dossier=dossier, actor=other_staff[Role.HEAD], reason="x")
    with pytest.raises(services.ValidationError):
        services.dossier_stop(dossier=dossier, actor=staff[Role.HEAD], reason=" ")
    services.dossier_stop(dossier=dossier, actor=staff[Role.HEAD], reason="Có tranh chấp")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.STOPPED
    assert open_tasks(dossier) == []


def test_late_dossier_gets_an_apology_with_a_new_date(procedure, citizen, staff):
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    dossier.due_at = timezone.now() - timedelta(hours=1)
    dossier.save()
    assert dossier.is_overdue
    with pytest.raises(services.ValidationError):
        services.dossier_apologise(
            dossier=dossier, actor=staff[Role.HEAD], new_due_at=timezone.now() - timedelta(days=1), reason="x"
        )
    new_date = timezone.now() + timedelta(days=3)
    services.dossier_apologise(
        dossier=dossier, actor=staff[Role.HEAD], new_due_at=new_date, reason="Chờ xác minh"
    )
    dossier.refresh_from_db()
    assert dossier.due_at == new_date and not dossier.is_overdue
    assert "Chờ xác minh" in dossier.events.get(kind=EventKind.APOLOGISED).note


def test_online_time_limit_applies_to_online_dossiers(procedure_index, agency, citizen, staff):
    from .conftest import make_procedure

    shorter = make_procedure(procedure_index, agency, code="2.000001", days=10, online_days=3)
    dossier = submitted_dossier(shorter, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    assert dossier.due_at == calendar_current().add_working_days(dossier.received_at, 3)


def test_submission_needs_every_required_document(procedure, citizen):
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    with pytest.raises(services.ValidationError) as error:
        services.dossier_submit(dossier=dossier, user=citizen)
    assert "Giấy chứng sinh" in " ".join(error.value.messages)
    dossier.refresh_from_db()
    assert dossier.is_draft and dossier.code is None and dossier.process is None


def test_step_budgets_give_each_task_its_due_date(procedure, citizen, staff):
    ProcedureProcess.objects.create(
        procedure=procedure, head_approval_required=True, examine_days=2, approve_days=1
    )
    dossier = submitted_dossier(procedure, citizen)
    receive(dossier, staff[Role.RECEPTION], Decision.ACCEPT)
    calendar = calendar_current()
    transfer_task = open_task(dossier, DossierFlow.transfer)
    assert transfer_task.data["step_due"] == calendar.add_working_days(dossier.received_at, "0.5").isoformat()
    transfer(dossier, staff[Role.RECEPTION])
    examine_task = open_task(dossier, DossierFlow.examine)
    step_due = datetime.fromisoformat(examine_task.data["step_due"])
    expected = calendar.add_working_days(examine_task.created, 2)
    assert abs(step_due - expected) < timedelta(minutes=1)
