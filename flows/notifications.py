"""Telling the applicant about every status change of their dossier (R-SUB-7, R-PRO-2/3).

`applicant_notify_status_change` listens to `flows.signals.dossier_status_changed` (connected in
`FlowsConfig.ready`). It runs after the officer's change is committed, and nothing it does can undo
or break that change: a missing address or template is logged, a failing gateway is retried by
`portal.notifications`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from flows.choices import DossierStatus, EventKind
from flows.models import Dossier, DossierEvent
from flows.selectors import dossier_next_step
from portal.accounts.validators import normalise_phone
from portal.notifications.choices import Event
from portal.notifications.services import Contact, notify

logger = logging.getLogger(__name__)

# Why the agency ended the dossier: the applicant reads the reason in the message.
REASON_EVENTS = {EventKind.REFUSED, EventKind.STOPPED}


def _recipient(dossier: Dossier):
    """The account (with its chosen channel), or the contact given at the desk for a paper dossier."""
    if dossier.applicant_id is not None:
        return dossier.applicant
    phone = ""
    if dossier.applicant_phone:
        try:
            phone = normalise_phone(dossier.applicant_phone)
        except ValidationError:  # not a mobile number: the SMS gateway could not reach it anyway
            logger.info("Dossier %s: phone number not usable for SMS", dossier.code)
    return Contact(email=dossier.applicant_email, phone=phone)


def _link(dossier: Dossier) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if dossier.applicant_id is not None:
        return base + reverse("flows:dossier_detail", args=[dossier.pk])
    return base + reverse("flows:lookup")


def status_change_message(*, dossier: Dossier, to_status: str, event: DossierEvent) -> tuple[Event, dict]:
    """The event and context of the message for this change, in Vietnamese."""
    with translation.override("vi"):
        context = {
            "full_name": dossier.applicant_name,
            "dossier_code": dossier.code,
            "procedure": dossier.procedure.title,
            "status": str(DossierStatus(to_status).label),
            "link": _link(dossier),
        }
        if to_status == DossierStatus.SUPPLEMENT_REQUESTED:
            items = [line for line in event.note.splitlines() if line.strip()]
            context["note"] = "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))
            return Event.DOSSIER_SUPPLEMENT_REQUESTED, context
        parts = [dossier_next_step(dossier=dossier)]
        if to_status == DossierStatus.RECEIVED and dossier.due_at is not None:
            parts.append(
                _("Appointment date for the result: %(date)s.")
                % {"date": localtime(dossier.due_at).strftime("%d/%m/%Y %H:%M")}
            )
        if event.kind in REASON_EVENTS and event.note.strip():
            parts.append(_("Reason: %(reason)s") % {"reason": event.note.strip()})
        context["note"] = " ".join(parts)
        return Event.DOSSIER_STATUS_CHANGED, context


def applicant_notify_status_change(sender, *, dossier: Dossier, from_status, to_status, event, **kwargs):
    if dossier.is_draft or not dossier.code:
        return
    try:
        message_event, context = status_change_message(dossier=dossier, to_status=to_status, event=event)
        notify(user_or_contact=_recipient(dossier), event=message_event, context=context)
    except Exception:
        # The status change is committed and stands; the message log shows what was not sent.
        logger.exception("Dossier %s: the applicant could not be notified of %s", dossier.code, to_status)
