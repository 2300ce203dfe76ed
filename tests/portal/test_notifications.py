import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import pytest

from portal.notifications import sms
from portal.notifications.choices import Channel, DeliveryStatus, Event
from portal.notifications.models import Delivery, MessageTemplate
from portal.notifications.services import MAX_ATTEMPTS, Contact, NoAddressError, deliveries_retry_due, notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run what waits for the commit at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


User = get_user_model()
DOSSIER = {
    "dossier_code": "000.00.83.H05-261129-0001",
    "status": "Đã xử lý xong",
    "procedure": "",
    "note": "",
}


@pytest.fixture
def applicant(db):
    return User.objects.create_user(
        username="cdapp",
        full_name="Lê Thị Đào",
        email="dao@example.vn",
        phone="+84912345678",
        preferred_channel=Channel.SMS,
    )


def test_every_event_ships_a_vietnamese_template():
    assert set(MessageTemplate.objects.values_list("event", flat=True)) == set(Event.values)
    template = MessageTemplate.objects.get(event=Event.DOSSIER_STATUS_CHANGED)
    assert "Hồ sơ" in template.email_subject


def test_notify_uses_the_persons_channel_and_records_the_delivery(applicant, sent):
    with sent():
        delivery = notify(user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER)
    delivery.refresh_from_db()
    assert (delivery.channel, delivery.recipient, delivery.status) == ("sms", "+84912345678", "sent")
    assert delivery.sent_at and delivery.attempts == 1
    assert sms.outbox[-1].body == "Ho so 000.00.83.H05-261129-0001: Da xu ly xong."


def test_an_explicit_channel_and_a_contact_without_account(applicant, sent):
    with sent():
        notify(
            user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER, channel="email"
        )
    assert mail.outbox[-1].to == ["dao@example.vn"]
    assert mail.outbox[-1].subject == "Hồ sơ 000.00.83.H05-261129-0001: Đã xử lý xong"
    with sent():
        notify(
            user_or_contact=Contact(email="khach@example.vn"),
            event=Event.DOSSIER_STATUS_CHANGED,
            context=DOSSIER,
        )
    assert mail.outbox[-1].to == ["khach@example.vn"]
    with pytest.raises(NoAddressError):
        notify(
            user_or_contact=Contact(email="a@b.vn"),
            event=Event.DOSSIER_STATUS_CHANGED,
            context=DOSSIER,
            channel="sms",
        )


def test_operators_edit_the_text_and_can_keep_diacritics(applicant, sent):
    MessageTemplate.objects.filter(event=Event.DOSSIER_STATUS_CHANGED).update(
        sms_body="Hồ sơ {{ dossier_code }}: {{ status }}", sms_without_diacritics=False
    )
    with sent():
        notify(user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER)
    assert sms.outbox[-1].body == "Hồ sơ 000.00.83.H05-261129-0001: Đã xử lý xong"


def test_plain_text_messages_are_not_html_escaped(applicant, sent):
    with sent():
        notify(
            user_or_contact=applicant,
            event=Event.DOSSIER_STATUS_CHANGED,
            context={**DOSSIER, "status": "A & B"},
            channel="email",
        )
    assert "A & B" in mail.outbox[-1].subject


def test_nothing_is_sent_before_the_transaction_commits_nor_after_a_rollback(applicant, sent):
    with sent(), pytest.raises(RuntimeError), transaction.atomic():
        notify(user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER)
        assert sms.outbox == []
        raise RuntimeError("the status change failed")
    assert sms.outbox == [] and not Delivery.objects.exists()


class FlakySmsBackend:
    failures_left = 0

    def __init__(self, **kwargs):
        pass

    def send_message(self, message):
        if FlakySmsBackend.failures_left:
            FlakySmsBackend.failures_left -= 1
            raise sms.SmsSendError("gateway down")
        sms.outbox.append(message)
        return "ok"


def test_a_failed_send_is_recorded_then_retried_until_it_goes_through(applicant, settings, sent):
    settings.SMS_BACKEND = f"{__name__}.FlakySmsBackend"
    FlakySmsBackend.failures_left = 2
    with sent():
        delivery = notify(user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING and "gateway down" in delivery.last_error
    assert deliveries_retry_due() == 0  # not due yet
    later = timezone.now() + timedelta(hours=2)
    deliveries_retry_due(now=later)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.attempts == 2
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    out = io.StringIO()
    call_command("send_due_notifications", stdout=out)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 3
    assert "1" in out.getvalue()
    assert len(sms.outbox) == 1


def test_after_the_last_attempt_the_message_is_marked_failed(applicant, settings, sent):
    settings.SMS_BACKEND = f"{__name__}.FlakySmsBackend"
    FlakySmsBackend.failures_left = MAX_ATTEMPTS
    with sent():
        delivery = notify(user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER)
    for _ in range(MAX_ATTEMPTS):
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        deliveries_retry_due()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == MAX_ATTEMPTS


def test_file_and_console_backends(tmp_path, settings, capsys):
    settings.SMS_FILE_PATH = tmp_path
    sms.send_sms(
        to="+84912345678",
        body="xin chao",
        connection=sms.get_connection("portal.notifications.sms.filebased.SmsBackend"),
    )
    (written,) = tmp_path.iterdir()
    assert written.read_text("utf-8") == "To: +84912345678\n\nxin chao\n"
    sms.send_sms(
        to="+84912345678",
        body="ma 123456",
        connection=sms.get_connection("portal.notifications.sms.console.SmsBackend"),
    )
    assert "ma 123456" in capsys.readouterr().out


def test_operators_can_edit_templates_and_read_the_log_in_the_wagtail_admin(client, applicant, sent):
    from django.contrib.auth.models import Group

    from portal.accounts.roles import ROLE_GROUP_NAMES, Role

    operator = User.objects.create_user(username="quantri.stttt", password="x")
    operator.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.OPERATOR]))
    with sent():
        notify(user_or_contact=applicant, event=Event.DOSSIER_STATUS_CHANGED, context=DOSSIER)
    client.force_login(operator)
    listing = client.get("/admin/notifications/messagetemplate/")
    assert listing.status_code == 200
    template = MessageTemplate.objects.get(event=Event.DOSSIER_STATUS_CHANGED)
    assert client.get(f"/admin/notifications/messagetemplate/edit/{template.pk}/").status_code == 200
    log = client.get("/admin/notifications/delivery/")
    assert log.status_code == 200 and "+84912345678" in log.content.decode()
    delivery = Delivery.objects.get()
    assert client.get(f"/admin/notifications/delivery/edit/{delivery.pk}/").status_code in (302, 403)
