"""Every status change tells the applicant, by their chosen channel, in Vietnamese (R-SUB-7, R-PRO-2/3)."""

from django.core import mail

import pytest

from flows import services
from flows.choices import Decision
from flows.flows import DossierFlow
from portal.accounts.roles import Role
from portal.notifications import sms
from portal.notifications.choices import Channel, DeliveryStatus
from portal.notifications.models import Delivery

from .conftest import PDF_BYTES, upload
from .helpers import api_complete, http_complete, open_task, set_decision, submitted_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as the real commit at the end of the officer's request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _empty_outboxes():
    mail.outbox.clear()
    sms.outbox.clear()


def test_each_status_change_sends_one_email_with_the_status_and_next_step(
    client, procedure, citizen, staff, committed
):
    with committed():
        dossier = submitted_dossier(procedure, citizen)
    assert len(mail.outbox) == 1 and not sms.outbox
    assert mail.outbox[0].to == [citizen.email]
    assert dossier.code in mail.outbox[0].subject and "Mới đăng ký" in mail.outbox[0].subject

    with committed():
        http_complete(
            client,
            open_task(dossier, DossierFlow.receive),
            staff[Role.RECEPTION],
            {"decision": Decision.ACCEPT, "note": ""},
        )
    dossier.refresh_from_db()
    assert len(mail.outbox) == 2
    accepted = mail.outbox[1]
    assert "Được tiếp nhận" in accepted.subject
    assert f"{dossier.due_at.astimezone().strftime('%d/%m/%Y')}" in accepted.body
    assert "Ngày hẹn trả kết quả" in accepted.body
    assert "sẽ được chuyển xử lý" in accepted.body  # the next step in plain words
    assert f"/ho-so-cua-toi/{dossier.pk}/" in accepted.body

    with committed():
        http_complete(client, open_task(dossier, DossierFlow.transfer), staff[Role.RECEPTION], {"note": "x"})
    assert len(mail.outbox) == 3 and "Đang xử lý" in mail.outbox[2].subject
    # Examination records no status change: nothing is sent.
    with committed():
        http_complete(
            client, open_task(dossier, DossierFlow.examine), staff[Role.SPECIALIST], {"outcome": "complete"}
        )
    assert len(mail.outbox) == 4 and "Đã xử lý xong" in mail.outbox[3].subject
    assert Delivery.objects.filter(user=citizen, status=DeliveryStatus.SENT).count() == 4


def test_supplement_request_lists_every_missing_item_by_sms(procedure, make_user, staff, committed):
    applicant = make_user("congdansms")
    applicant.phone, applicant.preferred_channel = "+84912345678", Channel.SMS
    applicant.save()
    dossier = submitted_dossier(procedure, applicant)
    with committed():
        api_complete(
            open_task(dossier, DossierFlow.receive),
            staff[Role.RECEPTION],
            lambda activation: (
                set_decision(activation, Decision.SUPPLEMENT),
                services.dossier_supplement_request(
                    dossier=dossier, actor=staff[Role.RECEPTION], items=["Bản sao CCCD", "Ảnh 4x6"]
                ),
            ),
        )
    assert not mail.outbox and len(sms.outbox) == 1
    message = sms.outbox[0]
    assert message.to == "+84912345678"
    assert dossier.code in message.body and "Ban sao CCCD" in message.body and "Anh 4x6" in message.body
    delivery = Delivery.objects.get(user=applicant)
    assert delivery.event == "dossier_supplement_requested" and delivery.channel == Channel.SMS


def test_refusal_of_a_paper_dossier_reaches_the_contact_given_at_the_desk(
    client, procedure, staff, committed
):
    client.force_login(staff[Role.RECEPTION])
    required = procedure.documents.filter(is_required=True)
    data = {
        "applicant_name": "Trần Thị Bình",
        "applicant_email": "binh@example.vn",
        "request": "x",
        "channel": "1",
    }
    data.update({f"document_{d.pk}": upload("scan.pdf", PDF_BYTES) for d in required})
    with committed():
        assert client.post(f"/xu-ly-ho-so/tiep-nhan/{procedure.code}/", data).status_code == 302
    dossier = procedure.dossiers.get()
    with committed():
        http_complete(
            client,
            open_task(dossier, DossierFlow.receive),
            staff[Role.RECEPTION],
            {"decision": Decision.REFUSE, "note": "Không thuộc thẩm quyền"},
        )
    assert [message.to for message in mail.outbox] == [["binh@example.vn"], ["binh@example.vn"]]
    assert "Không được tiếp nhận" in mail.outbox[1].subject
    assert "Lý do: Không thuộc thẩm quyền" in mail.outbox[1].body


def test_a_failing_gateway_never_breaks_the_officers_action(
    client, procedure, citizen, staff, committed, settings
):
    settings.EMAIL_BACKEND = "tests.flows.test_notifications.BrokenEmailBackend"
    dossier = submitted_dossier(procedure, citizen)
    with committed():
        http_complete(
            client,
            open_task(dossier, DossierFlow.receive),
            staff[Role.RECEPTION],
            {"decision": Decision.ACCEPT, "note": ""},
        )
    dossier.refresh_from_db()
    assert dossier.status == "received" and open_task(dossier, DossierFlow.transfer)
    delivery = Delivery.objects.get(user=citizen)
    assert delivery.status == DeliveryStatus.RETRYING and "gateway down" in delivery.last_error


def test_a_missing_template_is_logged_and_the_action_stands(client, procedure, citizen, staff, committed):
    from portal.notifications.models import MessageTemplate

    MessageTemplate.objects.filter(event="dossier_status_changed").delete()
    dossier = submitted_dossier(procedure, citizen)
    with committed():
        http_complete(
            client,
            open_task(dossier, DossierFlow.receive),
            staff[Role.RECEPTION],
            {"decision": Decision.ACCEPT, "note": ""},
        )
    dossier.refresh_from_db()
    assert dossier.status == "received" and not Delivery.objects.exists()


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("gateway down")
