"""Writes for feedback and questions (R-FB-2, R-FB-3): submission, spam limits, routing, answers,
publication in the Q&A section, reminders.

The flow (flows.feedback.flows.FeedbackFlow) calls the routing and answering functions from its task
views; submission starts it.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from flows.calendar import VIETNAM_TZ, calendar_current
from flows.feedback.choices import OPEN_STATUSES, FeedbackChannel, FeedbackKind, FeedbackStatus
from flows.feedback.models import Feedback, QuestionIndexPage, QuestionPage
from flows.services import upload_checked
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from portal.accounts.validators import normalise_phone
from portal.notifications.choices import Event
from portal.notifications.services import Contact, notify
from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Agency, Field

logger = logging.getLogger(__name__)

ANSWER_DAYS = 3  # R-FB-3: the agency answers within 3 working days of receipt
# A reminder goes to the agency when less than this much working time is left.
REMINDER_BEFORE = timedelta(hours=4)

# Spam limits (R-FB-2): per client address and per account, counted in the shared cache (Redis in
# production), so every server process sees the same counts. (limit, window) pairs.
RATE_LIMITS = ((5, timedelta(minutes=1)), (20, timedelta(days=1)))
MAX_LINKS = 2
LINK_PATTERN = re.compile(r"(https?://|www\.)", re.IGNORECASE)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class RateLimited(Exception):
    """Too many questions from one address or account within a window."""


# Spam protection


def _rate_keys(*, address: str, user_id: int | None) -> list[tuple[str, int, int]]:
    keys = []
    for limit, window in RATE_LIMITS:
        seconds = int(window.total_seconds())
        if address:
            keys.append((f"flows:feedback-rate:ip:{seconds}:{address}", limit, seconds))
        if user_id:
            keys.append((f"flows:feedback-rate:user:{seconds}:{user_id}", limit, seconds))
    return keys


def feedback_rate_limited(*, address: str, user_id: int | None) -> bool:
    """Whether this address or account has used up one of its windows."""
    keys = _rate_keys(address=address, user_id=user_id)
    counts = cache.get_many([key for key, _limit, _seconds in keys])
    return any((counts.get(key) or 0) >= limit for key, limit, _seconds in keys)


def feedback_rate_record(*, address: str, user_id: int | None) -> None:
    """Count one question; each window starts at the first question counted in it."""
    for key, _limit, seconds in _rate_keys(address=address, user_id=user_id):
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds)


def links_count(text: str) -> int:
    return len(LINK_PATTERN.findall(text or ""))


# Submission


def _code_new() -> str:
    day = timezone.localtime(timezone.now(), VIETNAM_TZ)
    while True:
        code = f"HD-{day:%y%m%d}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))
        if not Feedback.objects.filter(code=code).exists():
            return code


def default_receiving_agency() -> Agency:
    """Where a question that names no procedure, dossier or agency goes first.

    `FEEDBACK_RECEIVING_AGENCY` (an agency code) in the settings; else the first province agency. The
    public form asks for an agency in that case; this is the fallback of the Python API.
    """
    code = getattr(settings, "FEEDBACK_RECEIVING_AGENCY", "")
    agency = Agency.objects.filter(code=code).first() if code else None
    agency = (
        agency
        or Agency.objects.filter(level=AdministrativeLevel.PROVINCE).order_by("name").first()
        or Agency.objects.order_by("name").first()
    )
    if agency is None:
        raise ValidationError(_("No agency can receive questions yet."))
    return agency


def feedback_due(*, received_at: datetime) -> datetime:
    return calendar_current().add_working_days(received_at, ANSWER_DAYS)


def _recipient(feedback: Feedback):
    if feedback.asker_id is not None:
        return feedback.asker
    phone = ""
    if feedback.asker_phone:
        try:
            phone = normalise_phone(feedback.asker_phone)
        except ValidationError:
            phone = ""
    return Contact(email=feedback.asker_email, phone=phone)


def _notify_asker(feedback: Feedback, event: Event, context: dict) -> None:
    """Tell the asker; a missing address or a failing gateway never undoes the staff's work."""
    base = {
        "full_name": feedback.asker_name,
        "code": feedback.code,
        "title": feedback.title,
        "due": timezone.localtime(feedback.due_at, VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"),
    }
    try:
        notify(user_or_contact=_recipient(feedback), event=event, context={**base, **context})
    except Exception:
        logger.exception("Feedback %s: the asker could not be told of %s", feedback.code, event)


def feedback_submit(
    *,
    title: str,
    question: str,
    asker,
    asker_name: str = "",
    asker_email: str = "",
    asker_phone: str = "",
    kind: str = FeedbackKind.QUESTION,
    procedure=None,
    dossier=None,
    agency: Agency | None = None,
    field: Field | None = None,
    wants_private: bool = False,
    attachment: UploadedFile | None = None,
    channel: str = FeedbackChannel.PORTAL,
    received_at: datetime | None = None,
    recorded_by=None,
) -> Feedback:
    """Record a question or petition, start its handling and tell the asker the due date.

    `asker` is the signed-in citizen or None (a visitor: name and an e-mail or phone are required).
    A dossier must be the asker's own. An attachment is checked and scanned like dossier files.
    """
    user = asker if getattr(asker, "is_authenticated", False) else None
    if user is not None:
        asker_name = asker_name or user.get_full_name()
        asker_email = asker_email or user.email
        asker_phone = asker_phone or getattr(user, "phone", "")
    if not asker_name.strip():
        raise ValidationError(_("Give your full name."))
    if channel == FeedbackChannel.PORTAL and not (asker_email or asker_phone):
        raise ValidationError(_("Give an e-mail address or a phone number so that we can answer you."))
    if dossier is not None and (user is None or dossier.applicant_id != user.pk):
        raise PermissionDenied
    receiving = (
        (dossier.agency if dossier is not None else None)
        or (procedure.agency if procedure is not None else None)
        or agency
        or default_receiving_agency()
    )
    checked = None
    if attachment is not None:
        # An infected one is kept on record for the receiving agency's head, as for dossier files.
        checked = upload_checked(
            upload=attachment, user=user, agency=receiving, procedure=procedure, dossier=dossier
        )
    received_at = received_at or timezone.now()
    with transaction.atomic():
        feedback = Feedback(
            code=_code_new(),
            kind=kind,
            channel=channel,
            asker=user,
            asker_name=asker_name.strip()[:200],
            asker_email=asker_email.strip(),
            asker_phone=asker_phone.strip(),
            title=title.strip()[:200],
            question=question.strip(),
            procedure=procedure,
            dossier=dossier,
            field=field or (procedure.field if procedure is not None else None),
            agency=receiving,
            received_by=receiving,
            wants_private=wants_private,
            # A question about a dossier concerns the person's own affairs: never published.
            is_private=wants_private or dossier is not None,
            received_at=received_at,
            due_at=feedback_due(received_at=received_at),
            recorded_by=recorded_by,
        )
        if checked is not None:
            feedback.attachment_name = checked.safe_name
            feedback.attachment_type = checked.content_type
            feedback.attachment.save(checked.safe_name, attachment, save=False)
        try:
            feedback.save()
            from flows.feedback.flows import FeedbackFlow

            FeedbackFlow.start.run(feedback=feedback)
        except Exception:
            if feedback.attachment:
                feedback.attachment.storage.delete(feedback.attachment.name)
            raise
        _notify_asker(feedback, Event.FEEDBACK_RECEIVED, {})
    return feedback


# Handling (called by the flow's task views, inside the flow's lock)


def _check_agency(feedback: Feedback, actor) -> None:
    if actor.agency_id != feedback.agency_id:
        raise PermissionDenied


def feedback_route(*, feedback: Feedback, actor, agency: Agency, field: Field | None = None, note: str = ""):
    """Reception hands the item to the agency that must answer (possibly its own)."""
    _check_agency(feedback, actor)
    feedback.agency = agency
    if field is not None:
        feedback.field = field
    feedback.status = FeedbackStatus.ROUTED
    if note.strip():
        feedback.staff_note = _note_append(feedback.staff_note, actor, note)
    feedback.save()
    return feedback


def feedback_reject(*, feedback: Feedback, actor, reason: str) -> Feedback:
    _check_agency(feedback, actor)
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    feedback.status = FeedbackStatus.REJECTED
    feedback.staff_note = _note_append(feedback.staff_note, actor, reason)
    feedback.save()
    return feedback


def _note_append(notes: str, actor, text: str) -> str:
    stamp = timezone.localtime(timezone.now(), VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")
    who = actor.get_full_name() or actor.get_username()
    line = f"[{stamp}] {who}: {text.strip()}"
    return f"{notes}\n{line}" if notes else line


def feedback_draft(*, feedback: Feedback, actor, answer: str, is_private: bool) -> Feedback:
    _check_agency(feedback, actor)
    if not answer.strip():
        raise ValidationError(_("Write the answer."))
    feedback.answer = answer.strip()
    feedback.is_private = is_private or feedback.wants_private or feedback.dossier_id is not None
    feedback.drafted_by = actor
    feedback.status = FeedbackStatus.AWAITING_APPROVAL
    feedback.save()
    return feedback


def feedback_send_back(*, feedback: Feedback, actor, reason: str) -> Feedback:
    _check_agency(feedback, actor)
    if not reason.strip():
        raise ValidationError(_("Give the reason for sending the answer back."))
    feedback.status = FeedbackStatus.ROUTED
    feedback.staff_note = _note_append(feedback.staff_note, actor, reason)
    feedback.save()
    return feedback


def feedback_approve(*, feedback: Feedback, actor, answer: str, is_private: bool) -> Feedback:
    """The head approves: the answer goes to the asker and, unless private, into the Q&A section."""
    _check_agency(feedback, actor)
    if not answer.strip():
        raise ValidationError(_("Write the answer."))
    feedback.answer = answer.strip()
    feedback.is_private = is_private or feedback.wants_private or feedback.dossier_id is not None
    feedback.approved_by = actor
    feedback.answered_at = timezone.now()
    feedback.status = FeedbackStatus.ANSWERED
    feedback.save()
    page = None if feedback.is_private else question_page_publish(feedback=feedback)
    link = ""
    if page is not None:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (page.url or "")
    _notify_asker(
        feedback,
        Event.FEEDBACK_ANSWERED,
        {"agency": feedback.agency.name, "answer": feedback.answer, "link": link},
    )
    return feedback


def public_asker_label(name: str) -> str:
    """What the Q&A section shows of the asker: the given name only ("Bà/Ông … Lan")."""
    parts = name.split()
    return parts[-1] if parts else ""


def question_page_publish(*, feedback: Feedback) -> QuestionPage | None:
    """Publish the answered question in the Q&A section (never a private one)."""
    if feedback.is_private or feedback.status != FeedbackStatus.ANSWERED:
        return None
    index_page = QuestionIndexPage.objects.live().first()
    if index_page is None:
        logger.warning("Feedback %s: no Q&A section to publish in", feedback.code)
        return None
    page = QuestionPage(
        title=feedback.title,
        slug=slugify(f"{feedback.code}")[:80] or feedback.code.lower(),
        question=feedback.question,
        answer=feedback.answer,
        asker_label=public_asker_label(feedback.asker_name),
        agency=feedback.agency,
        field=feedback.field,
        procedure=feedback.procedure,
        asked_at=feedback.received_at,
        answered_at=feedback.answered_at,
        feedback=feedback,
    )
    index_page.add_child(instance=page)
    page.save_revision().publish()
    return page


# Reminders and overdue items (R-FB-3)


def _staff_for_step(feedback: Feedback) -> list:
    role = {
        FeedbackStatus.NEW: Role.RECEPTION,
        FeedbackStatus.ROUTED: Role.SPECIALIST,
        FeedbackStatus.AWAITING_APPROVAL: Role.HEAD,
    }[FeedbackStatus(feedback.status)]
    return list(
        get_user_model().objects.filter(
            agency_id=feedback.agency_id, is_active=True, groups__name=ROLE_GROUP_NAMES[role]
        )
    )


def feedback_remind_due(*, now: datetime | None = None) -> int:
    """Remind the agency's officers of items due within REMINDER_BEFORE (once each); return how many."""
    now = now or timezone.now()
    calendar = calendar_current()
    reminded = 0
    candidates = Feedback.objects.filter(status__in=OPEN_STATUSES, reminded_at__isnull=True, due_at__gt=now)
    for feedback in candidates.select_related("agency"):
        if calendar.working_time_between(now, feedback.due_at) > REMINDER_BEFORE:
            continue
        context = {
            "code": feedback.code,
            "title": feedback.title,
            "agency": feedback.agency.name,
            "status": str(feedback.get_status_display()),
            "due": timezone.localtime(feedback.due_at, VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"),
        }
        for officer in _staff_for_step(feedback):
            try:
                notify(
                    user_or_contact=officer,
                    event=Event.FEEDBACK_DUE_SOON,
                    context={**context, "full_name": officer.get_full_name()},
                )
            except Exception:
                logger.exception("Officer %s could not be reminded of feedback %s", officer.pk, feedback.code)
        Feedback.objects.filter(pk=feedback.pk).update(reminded_at=now)
        reminded += 1
    return reminded


def question_index_ensure() -> QuestionIndexPage | None:
    """The public Q&A section at /hoi-dap/ under the home page (None before the site exists)."""
    section = QuestionIndexPage.objects.first()
    if section is not None:
        return section
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    section = QuestionIndexPage(
        title="Hỏi đáp",
        slug="hoi-dap",
        intro="<p>Câu hỏi của người dân, doanh nghiệp về thủ tục hành chính và câu trả lời của cơ quan có "
        "thẩm quyền. Mọi câu hỏi được trả lời trong 3 ngày làm việc.</p>",
    )
    site.root_page.add_child(instance=section)
    section.save_revision().publish()
    return section
