"""Writes: everything that changes a dossier goes through these functions.

Each status change records a control-history event and sends `dossier_status_changed` after commit.
The flow (flows.flows.DossierFlow) calls the reception/examination functions from its task views;
withdrawal, stopping and apology act on the process from outside.
"""

from __future__ import annotations

import logging
import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flows.calendar import VIETNAM_TZ, calendar_current
from flows.choices import Channel, DossierStatus, EventKind, ResultReturnMethod
from flows.models import (
    Consultation,
    Dossier,
    DossierCodeCounter,
    DossierEvent,
    DossierFile,
    DossierRating,
    MalwareIncident,
    ProcedureProcess,
    ResultFile,
    ResultReturn,
    SupplementRequest,
)
from flows.signals import dossier_status_changed, dossier_submitted
from flows.uploads import CheckedUpload, InfectedUploadError, check_upload
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from portal.notifications.choices import Event
from portal.notifications.services import notify
from services_catalog.choices import ServiceLevel
from services_catalog.models import Agency, ProcedurePage, RequiredDocument
from services_catalog.selectors import procedure_handling_agency, procedure_receivable_by

logger = logging.getLogger(__name__)

# Unambiguous characters for the look-up secret printed on the receipt.
SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 (an alphabet, not a secret)
SECRET_LENGTH = 8


def dossier_code_next(*, agency: Agency, moment: datetime) -> str:
    """The next dossier code of `agency` for the local day of `moment`: STP-261129-0001.

    The counter row is incremented with an UPDATE inside the caller's transaction, which holds the
    row lock until commit, so concurrent submissions never share a number.
    """
    day = moment.astimezone(VIETNAM_TZ).date()
    with transaction.atomic():
        DossierCodeCounter.objects.get_or_create(agency=agency, day=day)
        counter = DossierCodeCounter.objects.filter(agency=agency, day=day)
        counter.update(last_number=F("last_number") + 1)
        number = counter.values_list("last_number", flat=True).get()
    return f"{agency.code.upper()}-{day:%y%m%d}-{number:04d}"


def _record(
    dossier: Dossier,
    *,
    kind: EventKind,
    actor,
    to_status: DossierStatus | None = None,
    note: str = "",
    at: datetime | None = None,
    data: dict | None = None,
) -> DossierEvent:
    """Record an event; when `to_status` is given, change the status and announce it after commit."""
    from_status = dossier.status
    if to_status is not None:
        dossier.status = to_status
    event = DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at or timezone.now(),
        from_status=from_status,
        to_status=dossier.status,
        note=note,
        data=data or {},
    )
    dossier.save()
    if to_status is not None:
        transaction.on_commit(
            lambda: dossier_status_changed.send(
                sender=Dossier, dossier=dossier, from_status=from_status, to_status=to_status, event=event
            )
        )
    return event


def dossier_draft_create(
    *, procedure: ProcedurePage, applicant, declaration: dict | None = None, commune: Agency | None = None
) -> Dossier:
    """A draft for `procedure`, addressed to its handling agency, or to the agency of `commune` (the
    applicant's choice) when each commune carries the procedure out."""
    if not procedure.accepts_online_dossiers:
        raise ValidationError(_("This procedure does not accept online dossiers."))
    agency = procedure_handling_agency(procedure=procedure, commune=commune)
    if agency is None:
        raise ValidationError(_("Choose the commune or ward where you submit the dossier."))
    return Dossier.objects.create(
        procedure=procedure,
        agency=agency,
        applicant=applicant,
        applicant_name=applicant.get_full_name(),
        applicant_email=applicant.email,
        applicant_phone=getattr(applicant, "phone", ""),
        channel=Channel.ONLINE,
        declaration=declaration or {},
    )


def dossier_file_attach(
    *, dossier: Dossier, document: RequiredDocument, upload: UploadedFile, user
) -> DossierFile:
    """Check `upload` (virus, type, size) and store it as the file for `document`, replacing any other.

    Raises ValidationError and stores nothing when the file is refused.
    """
    if document.procedure_id != dossier.procedure_id:
        raise ValidationError(_("This document does not belong to the dossier's procedure."))
    checked = upload_checked(
        upload=upload, user=user, agency=dossier.agency, procedure=dossier.procedure, dossier=dossier
    )
    with transaction.atomic():
        previous = DossierFile.objects.filter(dossier=dossier, document=document).first()
        dossier_file = DossierFile(
            dossier=dossier,
            document=document,
            original_name=checked.safe_name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=user,
        )
        if previous is not None:
            old_name = previous.file.name
            previous.delete()
            transaction.on_commit(lambda: DossierFile.file.field.storage.delete(old_name))
        stored_with_file(dossier_file, file_field="file", name=checked.safe_name, content=upload)
    _signature_check_quietly(dossier_file)
    return dossier_file


def dossier_file_reuse(*, dossier: Dossier, document: RequiredDocument, source_id: int, user) -> DossierFile:
    """Copy, at the citizen's choice, a file of one of their OWN earlier submitted dossiers into this
    draft as `document` ("give it once"): the bytes go through the same checks and storage as an
    upload, the copy remembers its source, and the reuse is recorded on the dossier.

    Raises ValidationError for a file that is not the citizen's, or not of a submitted dossier.
    """
    if (
        dossier.applicant_id is None
        or dossier.applicant_id != getattr(user, "pk", None)
        or not dossier.is_draft
    ):
        raise PermissionDenied
    source = (
        DossierFile.objects.filter(pk=source_id, dossier__applicant=user, dossier__is_draft=False)
        .exclude(dossier=dossier)
        .select_related("dossier", "document")
        .first()
    )
    if source is None:
        raise ValidationError(_("This file is not among the documents of your earlier dossiers."))
    with source.file.open("rb") as handle:
        content = handle.read()
    copy = dossier_file_attach(
        dossier=dossier,
        document=document,
        upload=SimpleUploadedFile(source.original_name, content, content_type=source.content_type),
        user=user,
    )
    with transaction.atomic():
        copy.reused_from = source
        copy.save(update_fields=["reused_from"])
        _record(
            dossier,
            kind=EventKind.FILE_REUSED,
            actor=user,
            note=f"{document.name}: {source.original_name} ({source.dossier.code})",
            data={"file_id": copy.pk, "source_file_id": source.pk, "source_dossier_id": source.dossier_id},
        )
    return copy


def _signature_check_quietly(dossier_file: DossierFile) -> None:
    """Record the PDF's digital signature (R-SUB-4); a failing check never refuses the upload."""
    from flows.signatures import dossier_file_signature_check

    try:
        dossier_file_signature_check(dossier_file=dossier_file)
    except Exception:
        logger.exception("Signature check of dossier file %s failed", dossier_file.pk)


def upload_checked(
    *,
    upload: UploadedFile,
    user,
    agency: Agency,
    procedure: ProcedurePage | None = None,
    dossier: Dossier | None = None,
) -> CheckedUpload:
    """`upload` checked by content, size and virus scan; an infected one is kept on record for the
    agency's head (R-PRO-11) before the refusal goes on to the caller."""
    try:
        return check_upload(upload)
    except InfectedUploadError as error:
        malware_incident_record(
            agency=agency,
            procedure=procedure,
            dossier=dossier,
            file_name=upload.name or "",
            signature=error.signature,
            user=user,
        )
        raise


def stored_with_file(instance, *, file_field: str, name: str, content) -> None:
    """Save `content` to the instance's file field, then the row; a row that fails leaves no file."""
    getattr(instance, file_field).save(name, content, save=False)
    try:
        instance.save()
    except Exception:
        stored = getattr(instance, file_field)
        stored.storage.delete(stored.name)
        raise


def malware_incident_record(
    *,
    agency: Agency,
    file_name: str,
    signature: str,
    user,
    procedure: ProcedurePage | None = None,
    dossier: Dossier | None = None,
) -> MalwareIncident:
    """Keep the refused infected upload on record and tell the agency's head(s) (R-PRO-11).

    A head without a usable address is skipped (and logged): the record in the workspace remains.
    """
    from django.contrib.auth import get_user_model

    incident = MalwareIncident.objects.create(
        agency=agency,
        procedure=procedure,
        dossier=dossier,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        file_name=file_name[:200],
        signature=signature[:200],
        detected_at=timezone.now(),
    )
    heads = get_user_model().objects.filter(
        agency_id=agency.pk, is_active=True, groups__name=ROLE_GROUP_NAMES[Role.HEAD]
    )
    uploader = incident.uploaded_by
    context = {
        "agency": agency.name,
        "procedure": procedure.title if procedure is not None else "",
        "dossier_code": (dossier.code if dossier is not None else "") or "",
        "file_name": incident.file_name,
        "signature": incident.signature,
        "uploaded_by": (uploader.get_full_name() or uploader.get_username()) if uploader else "",
        "at": timezone.localtime(incident.detected_at).strftime("%d/%m/%Y %H:%M"),
    }
    for head in heads:
        try:
            notify(
                user_or_contact=head,
                event=Event.MALWARE_UPLOAD_REFUSED,
                context={**context, "full_name": head.get_full_name()},
            )
        except Exception:
            logger.exception("Agency head %s could not be told of malware incident %s", head.pk, incident.pk)
    return incident


def dossier_paper_register(
    *,
    procedure: ProcedurePage,
    officer,
    applicant: dict,
    channel: Channel,
    scans: dict,
    eform_version=None,
    eform_answers: dict | None = None,
) -> tuple[Dossier | None, dict[int, list[str]]]:
    """Reception enters a dossier handed in on paper, with its scans (R-SUB-6), and submits it.

    `scans` maps required documents to uploads. When a scan is refused nothing is kept and the
    errors per document are returned.
    """
    if officer.agency is None or not procedure_receivable_by(procedure=procedure, agency=officer.agency):
        raise PermissionDenied
    dossier = Dossier.objects.create(
        procedure=procedure,
        agency=officer.agency,
        applicant=None,
        applicant_name=applicant["applicant_name"],
        applicant_phone=applicant.get("applicant_phone", ""),
        applicant_email=applicant.get("applicant_email", ""),
        channel=channel,
        declaration=applicant,
        eform_version=eform_version,
        eform_answers=eform_answers or {},
    )
    errors: dict[int, list[str]] = {}
    for document, upload in scans.items():
        try:
            dossier_file_attach(dossier=dossier, document=document, upload=upload, user=officer)
        except ValidationError as error:
            errors[document.pk] = error.messages
    if not errors:
        try:
            dossier_submit(dossier=dossier, user=officer)
        except ValidationError as error:
            errors[0] = error.messages
    if errors:
        for stored in dossier.files.all():
            stored.file.storage.delete(stored.file.name)
        dossier.delete()
        return None, errors
    return dossier, {}


def dossier_missing_documents(*, dossier: Dossier) -> list[RequiredDocument]:
    attached = set(dossier.files.values_list("document_id", flat=True))
    return [
        document
        for document in dossier.procedure.documents.all()
        if document.is_required and document.pk not in attached
    ]


def dossier_submit(*, dossier: Dossier, user) -> Dossier:
    """Submit a draft: give it its code and secret, and start the flow at reception."""
    from flows.flows import DossierFlow

    if not dossier.is_draft:
        raise ValidationError(_("This dossier has already been submitted."))
    missing = dossier_missing_documents(dossier=dossier)
    if missing:
        raise ValidationError(
            _("Attach every required document first. Missing: %(names)s."),
            params={"names": "; ".join(document.name for document in missing)},
        )
    with transaction.atomic():
        now = timezone.now()
        dossier.code = dossier_code_next(agency=dossier.agency, moment=now)
        dossier.lookup_secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
        dossier.is_draft = False
        dossier.submitted_at = now
        kind = EventKind.SUBMITTED if dossier.channel == Channel.ONLINE else EventKind.REGISTERED_ON_PAPER
        _record(dossier, kind=kind, actor=user, to_status=DossierStatus.NEW, at=now)
        dossier_submitted.send(sender=Dossier, dossier=dossier)
        DossierFlow.start.run(dossier=dossier)
    return dossier


def dossier_time_limit_days(*, dossier: Dossier) -> int | None:
    procedure = dossier.procedure
    if dossier.channel == Channel.ONLINE:
        return procedure.online_time_limit
    return procedure.processing_days


def process_settings_for(*, procedure: ProcedurePage) -> ProcedureProcess:
    """The procedure's configured process, or the defaults (unsaved) when none is configured."""
    try:
        return procedure.process_settings
    except ProcedureProcess.DoesNotExist:
        return ProcedureProcess(procedure=procedure, head_approval_required=False)


TRANSFER_BUDGET_DAYS = Decimal("0.5")  # R-PRO-4: half a working day
STEP_BUDGET_FIELDS = {"examine": "examine_days", "consult": "consult_days", "approve": "approve_days"}


def step_budget_days(*, step: str, procedure: ProcedurePage) -> Decimal | None:
    """The working days a step of the flow may take for this procedure (R-PRO-9), if configured."""
    if step == "transfer":
        return TRANSFER_BUDGET_DAYS
    field = STEP_BUDGET_FIELDS.get(step)
    if field is None:
        return None
    return getattr(process_settings_for(procedure=procedure), field)


# Reception (R-PRO-1 … R-PRO-3)


def dossier_accept(*, dossier: Dossier, actor, note: str = "", at: datetime | None = None) -> Dossier:
    at = at or timezone.now()
    calendar = calendar_current()
    dossier.received_at = at
    days = dossier_time_limit_days(dossier=dossier)
    dossier.due_at = calendar.add_working_days(at, days) if days is not None else None
    _record(
        dossier,
        kind=EventKind.ACCEPTED,
        actor=actor,
        to_status=DossierStatus.RECEIVED,
        note=note,
        at=at,
        # The appointment printed on the receipt, even after a supplement or an apology moves it.
        data={"due_at": dossier.due_at.isoformat()} if dossier.due_at else {},
    )
    return dossier


def dossier_supplement_request(
    *, dossier: Dossier, actor, items: list[str], at: datetime | None = None
) -> SupplementRequest:
    """Ask for every missing item at once; the clock, if running, pauses until the citizen answers."""
    items = [item.strip() for item in items if item.strip()]
    if not items:
        raise ValidationError(_("List at least one item to supplement."))
    at = at or timezone.now()
    request = SupplementRequest.objects.create(
        dossier=dossier, requested_at=at, requested_by=actor, items=items
    )
    if dossier.due_at is not None:
        dossier.paused_at = at
    _record(
        dossier,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        actor=actor,
        to_status=DossierStatus.SUPPLEMENT_REQUESTED,
        note="\n".join(items),
        at=at,
    )
    return request


def dossier_refuse(*, dossier: Dossier, actor, reason: str) -> Dossier:
    if not reason.strip():
        raise ValidationError(_("Give the reason for refusing."))
    dossier.finished_at = timezone.now()
    _record(dossier, kind=EventKind.REFUSED, actor=actor, to_status=DossierStatus.REFUSED, note=reason)
    return dossier


def dossier_resume_after_supplement(*, dossier: Dossier, actor, note: str = "", at: datetime | None = None):
    """The citizen has supplemented: move the appointment by the working time the clock was paused."""
    at = at or timezone.now()
    calendar = calendar_current()
    back_to = DossierStatus.NEW
    if dossier.paused_at is not None and dossier.due_at is not None:
        remaining = calendar.working_time_between(dossier.paused_at, dossier.due_at)
        dossier.due_at = calendar.add_working_time(at, remaining)
        dossier.paused_at = None
        back_to = DossierStatus.PROCESSING
    SupplementRequest.objects.filter(dossier=dossier, answered_at__isnull=True).update(answered_at=at)
    _record(dossier, kind=EventKind.SUPPLEMENTED, actor=actor, to_status=back_to, note=note, at=at)
    return dossier


def dossier_supplement_submit(*, dossier: Dossier, user, note: str = "") -> Dossier:
    """The citizen answers the supplement request: continue the flow where it waited."""
    from flows.flows import DossierFlow

    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        raise ValidationError(_("No supplement is requested for this dossier."))
    missing = dossier_missing_documents(dossier=dossier)
    if missing:
        raise ValidationError(
            _("Attach every required document first. Missing: %(names)s."),
            params={"names": "; ".join(document.name for document in missing)},
        )
    waiting = DossierFlow.waiting_supplement_task(process=dossier.process)
    if waiting is None:
        raise ValidationError(_("No supplement is requested for this dossier."))
    waiting.flow_task.run(waiting, user=user, note=note)
    dossier.refresh_from_db()
    return dossier


# Transfer, examination, consultation, approval, result (R-PRO-4 … R-PRO-7, R-RES-1/2)


def dossier_transfer(*, dossier: Dossier, actor, note: str = "") -> Dossier:
    _record(dossier, kind=EventKind.TRANSFERRED, actor=actor, to_status=DossierStatus.PROCESSING, note=note)
    return dossier


def dossier_flag_transfer_overdue(*, dossier: Dossier) -> Dossier:
    dossier.transfer_overdue = True
    _record(dossier, kind=EventKind.TRANSFER_OVERDUE, actor=None)
    return dossier


def consultations_open(*, dossier: Dossier) -> list[Consultation]:
    """Create one consultation per configured coordinating agency and return them."""
    configured = process_settings_for(procedure=dossier.procedure)
    if configured.pk is None:
        return []
    return [
        Consultation.objects.get_or_create(dossier=dossier, agency=agency)[0]
        for agency in configured.consulted_agencies.all()
    ]


def consultation_answer(*, consultation: Consultation, actor, opinion: str) -> Consultation:
    if actor.agency_id != consultation.agency_id:
        raise PermissionDenied
    consultation.opinion = opinion
    consultation.answered_at = timezone.now()
    consultation.answered_by = actor
    consultation.save()
    _record(
        consultation.dossier,
        kind=EventKind.CONSULTED,
        actor=actor,
        note=f"{consultation.agency}: {opinion}",
    )
    return consultation


def dossier_examine(*, dossier: Dossier, actor, note: str) -> Dossier:
    _record(dossier, kind=EventKind.EXAMINED, actor=actor, note=note)
    return dossier


def dossier_approve(*, dossier: Dossier, actor, note: str = "") -> Dossier:
    _record(dossier, kind=EventKind.APPROVED, actor=actor, note=note)
    return dossier


def dossier_send_back(*, dossier: Dossier, actor, reason: str) -> Dossier:
    """The head returns the examined dossier to the specialist department, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for sending the dossier back."))
    _record(dossier, kind=EventKind.SENT_BACK, actor=actor, note=reason)
    return dossier


def dossier_result_ready(*, dossier: Dossier) -> Dossier:
    dossier.finished_at = timezone.now()
    _record(dossier, kind=EventKind.RESULT_READY, actor=None, to_status=DossierStatus.DONE)
    return dossier


def result_pdf_signed(*, dossier: Dossier, upload: UploadedFile) -> bytes | None:
    """A PDF result signed with its agency's key (R-SUB-4), or None when the operator has not
    configured one for that agency (the result is then kept as uploaded)."""
    from flows.signatures import agency_signing_configured, pdf_sign

    agency_code = dossier.agency.code
    if not agency_signing_configured(agency_code=agency_code):
        return None
    upload.seek(0)
    return pdf_sign(
        pdf=upload.read(),
        agency_code=agency_code,
        reason=f"Kết quả giải quyết hồ sơ {dossier.code}",
        location=dossier.agency.name,
    )


def result_file_attach(*, dossier: Dossier, upload: UploadedFile, user) -> ResultFile:
    """The agency uploads a result file (level 4): virus, type and size checked like any upload."""
    if user.agency_id != dossier.agency_id:
        raise PermissionDenied
    if dossier.status != DossierStatus.DONE:
        raise ValidationError(_("A result file can be added only when the result is ready."))
    checked = upload_checked(
        upload=upload, user=user, agency=dossier.agency, procedure=dossier.procedure, dossier=dossier
    )
    content, size = upload, checked.size
    if checked.content_type == "application/pdf":
        signed = result_pdf_signed(dossier=dossier, upload=upload)
        if signed is not None:
            content, size = ContentFile(signed), len(signed)
    result_file = ResultFile(
        dossier=dossier,
        original_name=checked.safe_name,
        content_type=checked.content_type,
        size=size,
        uploaded_by=user,
    )
    stored_with_file(result_file, file_field="file", name=checked.safe_name, content=content)
    return result_file


def _result_return_build(*, dossier: Dossier, actor, delivery: dict, at: datetime) -> ResultReturn:
    method = delivery.get("method") or ResultReturnMethod.COUNTER
    result = ResultReturn(dossier=dossier, method=method, returned_at=at, recorded_by=actor)
    if method == ResultReturnMethod.ONLINE:
        if dossier.procedure.service_level != ServiceLevel.FULLY_ONLINE:
            raise ValidationError(_("Only level 4 results are returned online."))
        if not dossier.result_files.exists():
            raise ValidationError(_("Upload the result file for the applicant to download."))
    elif method == ResultReturnMethod.COUNTER:
        result.recipient_name = (delivery.get("recipient_name") or dossier.applicant_name).strip()
        result.recipient_id_number = (delivery.get("recipient_id_number") or "").strip()
        result.returned_at = delivery.get("returned_at") or at
    elif method == ResultReturnMethod.POST:
        result.postal_address = (delivery.get("postal_address") or "").strip()
        result.tracking_number = (delivery.get("tracking_number") or "").strip()
        result.sent_on = delivery.get("sent_on")
        if not (result.postal_address and result.tracking_number and result.sent_on):
            raise ValidationError(_("Give the postal address, the tracking number and the date sent."))
    else:
        raise ValidationError(_("Choose how the result is returned."))
    return result


def dossier_return_result(
    *, dossier: Dossier, actor, note: str = "", delivery: dict | None = None
) -> Dossier:
    """The desk returns the result (R-RES-1/2): online, at the desk or by post, as `delivery` says.

    Without `delivery` the result is recorded as collected at the desk by the applicant.
    """
    now = timezone.now()
    result = _result_return_build(dossier=dossier, actor=actor, delivery=delivery or {}, at=now)
    result.save()
    dossier.returned_at = result.returned_at
    _record(dossier, kind=EventKind.RESULT_RETURNED, actor=actor, to_status=DossierStatus.RETURNED, note=note)
    return dossier


def result_delivery_confirm(*, dossier: Dossier, actor, delivered_on: date) -> ResultReturn:
    """The post office confirmed the delivery of a result sent by post."""
    if actor.agency_id != dossier.agency_id:
        raise PermissionDenied
    result = ResultReturn.objects.filter(dossier=dossier, method=ResultReturnMethod.POST).first()
    if result is None:
        raise ValidationError(_("This result was not sent by post."))
    if result.sent_on and delivered_on < result.sent_on:
        raise ValidationError(_("The delivery date cannot be before the date sent."))
    result.delivered_on = delivered_on
    result.save(update_fields=["delivered_on"])
    return result


# Outside the normal path


def _process_cancel(dossier: Dossier) -> None:
    from flows.flows import DossierFlow

    if dossier.process is not None and dossier.process.finished is None:
        DossierFlow.instance.cancel(dossier.process)


WITHDRAWABLE = (
    DossierStatus.NEW,
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT_REQUESTED,
    DossierStatus.FINANCIAL_OBLIGATION,
)


def dossier_withdraw(*, dossier: Dossier, user, reason: str = "") -> Dossier:
    """The citizen withdraws a dossier that has no result yet."""
    if dossier.applicant_id != user.pk:
        raise PermissionDenied
    if dossier.is_draft or dossier.status not in WITHDRAWABLE:
        raise ValidationError(_("This dossier can no longer be withdrawn."))
    with transaction.atomic():
        _process_cancel(dossier)
        dossier.finished_at = timezone.now()
        dossier.paused_at = None
        _record(dossier, kind=EventKind.WITHDRAWN, actor=user, to_status=DossierStatus.WITHDRAWN, note=reason)
    return dossier


def dossier_stop(*, dossier: Dossier, actor, reason: str) -> Dossier:
    """The agency stops processing (dừng xử lý), with the reason."""
    if actor.agency_id != dossier.agency_id:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for stopping."))
    if dossier.is_draft or dossier.status not in WITHDRAWABLE:
        raise ValidationError(_("This dossier can no longer be stopped."))
    with transaction.atomic():
        _process_cancel(dossier)
        dossier.finished_at = timezone.now()
        dossier.paused_at = None
        _record(dossier, kind=EventKind.STOPPED, actor=actor, to_status=DossierStatus.STOPPED, note=reason)
    return dossier


def dossier_apologise(*, dossier: Dossier, actor, new_due_at: datetime, reason: str) -> Dossier:
    """A late dossier: record the apology and the new appointment date (phiếu xin lỗi)."""
    if actor.agency_id != dossier.agency_id:
        raise PermissionDenied
    if dossier.due_at is None or dossier.is_final or dossier.status == DossierStatus.DONE:
        raise ValidationError(_("Only a dossier still being processed can get a new appointment date."))
    if new_due_at <= max(dossier.due_at, timezone.now()):
        raise ValidationError(_("The new appointment date must be later than the current one and now."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the delay."))
    previous = dossier.due_at
    dossier.due_at = new_due_at
    dossier.apologised_at = dossier.apologised_at or timezone.now()
    note = _("New appointment date %(new)s (was %(old)s). %(reason)s") % {
        "new": new_due_at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"),
        "old": previous.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"),
        "reason": reason,
    }
    _record(
        dossier,
        kind=EventKind.APOLOGISED,
        actor=actor,
        note=str(note),
        data={
            "new_due_at": new_due_at.isoformat(),
            "previous_due_at": previous.isoformat(),
            "reason": reason,
        },
    )
    return dossier


# Public look-up (R-SUB-7): guessing code and secret is slowed down per client address. The cache is
# Redis when REDIS_URL is set, so the count is shared by every server process.
LOOKUP_FAILURE_LIMIT = 5
LOOKUP_FAILURE_WINDOW = timedelta(minutes=15)


def _lookup_failure_key(address: str) -> str:
    return f"flows:lookup-failures:{address}"


def lookup_is_blocked(*, address: str) -> bool:
    return (cache.get(_lookup_failure_key(address)) or 0) >= LOOKUP_FAILURE_LIMIT


def lookup_failure_record(*, address: str) -> None:
    """Count one wrong code and secret from `address`; the window starts at its first failure."""
    key = _lookup_failure_key(address)
    cache.add(key, 0, timeout=int(LOOKUP_FAILURE_WINDOW.total_seconds()))
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=int(LOOKUP_FAILURE_WINDOW.total_seconds()))


# Ratings (R-OPS-3)

RATEABLE_STATUSES = (DossierStatus.DONE, DossierStatus.RETURNED)


def dossier_can_be_rated(*, dossier: Dossier, user) -> bool:
    """The applicant may rate their own dossier once its result is ready, and only once."""
    return (
        user.is_authenticated
        and dossier.applicant_id == user.pk
        and dossier.status in RATEABLE_STATUSES
        and not DossierRating.objects.filter(dossier=dossier).exists()
    )


def dossier_rate(*, dossier: Dossier, user, score: int, comment: str = "") -> DossierRating:
    if not user.is_authenticated or dossier.applicant_id != user.pk:
        raise PermissionDenied
    if dossier.status not in RATEABLE_STATUSES:
        raise ValidationError(_("Only a dossier whose result is ready can be rated."))
    if not 1 <= score <= 5:
        raise ValidationError(_("Choose a rating from 1 to 5."))
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if DossierRating.objects.filter(dossier=locked).exists():
            raise ValidationError(_("You have already rated this dossier."))
        return DossierRating.objects.create(dossier=locked, score=score, comment=comment.strip()[:2000])
