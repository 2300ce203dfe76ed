"""Telling people things by e-mail or SMS. The one entry point for other apps is `notify()`.

    from portal.notifications.choices import Event
    from portal.notifications.services import notify

    notify(
        user_or_contact=dossier.applicant,          # a User, or Contact(email=…, phone=…) for a guest
        event=Event.DOSSIER_STATUS_CHANGED,
        context={"dossier_code": dossier.code, "status": dossier.get_status_display(), "note": ""},
        channel=None,                               # None: the person's own choice (User.preferred_channel)
    )

What happens:
- the event's `MessageTemplate` (edited by operators in the Wagtail admin, Vietnamese) is rendered
  with `context` (plain text, no HTML escaping); SMS text is folded to ASCII when the template says so;
- a `Delivery` row records the message (to, channel, event, time, outcome);
- the message goes out only after the surrounding database transaction commits, through the task
  queue (django-tasks: run at once in dev and tests, by `manage.py db_worker` in production);
- a failed hand-over never breaks the caller: it is recorded on the Delivery and retried with a
  growing delay (`MAX_ATTEMPTS` in all), by a deferred task where the task backend can defer, else by
  `manage.py send_due_notifications` (run it from cron).

Adding an event: add it to `choices.Event` and ship its default template in a data migration.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template import engines
from django.utils import timezone

from . import sms
from .choices import SECRET_EVENTS, Channel, DeliveryStatus, Event
from .models import Delivery, MessageTemplate
from .text import fold_vietnamese

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Delay before attempt n+1 after n failed attempts.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1)]


@dataclass(frozen=True)
class Contact:
    """Someone without an account (or an address not yet confirmed): at least one of the two."""

    email: str = ""
    phone: str = ""  # E.164


class NoAddressError(ValueError):
    """The person has no address for the requested channel."""


def _addresses(user_or_contact) -> tuple[str, str, Channel | None, object]:
    if isinstance(user_or_contact, Contact):
        return user_or_contact.email, user_or_contact.phone, None, None
    user = user_or_contact
    preferred = getattr(user, "preferred_channel", "") or None
    return user.email, user.phone, preferred, user


def _pick_channel(*, email: str, phone: str, preferred: str | None, requested: str | None) -> Channel:
    if requested:
        address = email if requested == Channel.EMAIL else phone
        if not address:
            raise NoAddressError(f"No address for channel {requested}")
        return Channel(requested)
    for candidate in (preferred, Channel.EMAIL, Channel.SMS):
        if candidate == Channel.EMAIL and email:
            return Channel.EMAIL
        if candidate == Channel.SMS and phone:
            return Channel.SMS
    raise NoAddressError("Neither an e-mail address nor a phone number")


def _render(text: str, context: dict) -> str:
    # Plain-text messages: no HTML escaping, or "Nguyễn & Con" would arrive as "Nguyễn &amp; Con".
    template = engines["django"].from_string("{% autoescape off %}" + text + "{% endautoescape %}")
    return template.render(context).strip()


def message_render(*, event: str, channel: str, context: dict) -> tuple[str, str]:
    """The (subject, body) of an event's message on a channel, from the operators' template."""
    try:
        template = MessageTemplate.objects.get(event=event)
    except MessageTemplate.DoesNotExist as error:
        raise LookupError(f"No message template for event {event!r}") from error
    if channel == Channel.EMAIL:
        return _render(template.email_subject, context), _render(template.email_body, context)
    body = _render(template.sms_body, context)
    if template.sms_without_diacritics:
        body = fold_vietnamese(body)
    return "", body


def notify(*, user_or_contact, event: Event | str, context: dict, channel: str | None = None) -> Delivery:
    """Record a message for `user_or_contact` and send it once the current transaction commits."""
    email, phone, preferred, user = _addresses(user_or_contact)
    chosen = _pick_channel(email=email, phone=phone, preferred=preferred, requested=channel)
    subject, body = message_render(event=event, channel=chosen, context=context)
    delivery = Delivery.objects.create(
        recipient=email if chosen == Channel.EMAIL else phone,
        user=user,
        channel=chosen,
        event=event,
        subject=subject,
        body=body,
    )
    transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)
    return delivery


def _enqueue(delivery_id: int, run_after: datetime | None = None) -> None:
    from .tasks import send_delivery

    task = send_delivery.using(run_after=run_after) if run_after else send_delivery
    task.enqueue(delivery_id)


def _hand_over(delivery: Delivery) -> str:
    if delivery.channel == Channel.EMAIL:
        EmailMessage(
            delivery.subject, delivery.body, settings.DEFAULT_FROM_EMAIL, [delivery.recipient]
        ).send()
        return ""
    return sms.send_sms(to=delivery.recipient, body=delivery.body)


def delivery_send(*, delivery_id: int, now: datetime | None = None) -> str:
    """Try to hand one message over to its channel; record the outcome. Returns the new status."""
    now = now or timezone.now()
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return ""
    if delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.RETRYING):
        return delivery.status
    if delivery.next_attempt_at and delivery.next_attempt_at > now:
        return delivery.status
    # Claim this attempt: if a worker and the retry command race, only one of them sends.
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=delivery.status, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return delivery.status
    delivery.attempts += 1
    try:
        delivery.gateway_message_id = _hand_over(delivery)[:100]
    except Exception as error:
        logger.warning("Message %s (%s) failed: %s", delivery.pk, delivery.channel, error)
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
    else:
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = now
        delivery.next_attempt_at = None
    if delivery.status != DeliveryStatus.RETRYING and delivery.event in SECRET_EVENTS:
        delivery.body = ""  # the code or link is no business of whoever reads the log
    delivery.save(
        update_fields=["status", "last_error", "next_attempt_at", "sent_at", "gateway_message_id", "body"]
    )
    if delivery.status == DeliveryStatus.RETRYING:
        _schedule_retry(delivery)
    return delivery.status


def _schedule_retry(delivery: Delivery) -> None:
    from .tasks import send_delivery

    if send_delivery.get_backend().supports_defer:
        _enqueue(delivery.pk, run_after=delivery.next_attempt_at)


def deliveries_retry_due(*, now: datetime | None = None) -> int:
    """Retry every failed message whose next attempt is due. Returns how many were tried."""
    now = now or timezone.now()
    due = Delivery.objects.filter(status=DeliveryStatus.RETRYING, next_attempt_at__lte=now)
    tried = 0
    for delivery_id in list(due.values_list("pk", flat=True)):
        delivery_send(delivery_id=delivery_id, now=now)
        tried += 1
    return tried
