"""The paper trail of a dossier as PDF (WeasyPrint), and the agency's register as PDF and XLSX.

Every document is built from what the dossier recorded (Dossier, DossierEvent, SupplementRequest,
DossierFile, the procedure's RequiredDocument and fee rows): nothing is typed twice. The layouts
follow the one-stop forms (Thông tư 01/2018/TT-VPCP, mẫu 01-06): national emblem header, agency,
document number, place and date. Official documents are issued in Vietnamese whatever the reader's
interface language, so they are rendered with Vietnamese active, and all text is normalised to NFC
before it reaches the PDF.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from flows.calendar import VIETNAM_TZ, WorkingCalendar, calendar_current
from flows.choices import Channel, EventKind
from flows.models import Dossier, DossierEvent, SupplementRequest
from flows.selectors import dossier_eform_rows, dossier_fees
from flows.services import dossier_time_limit_days, step_budget_days
from services_catalog.choices import ServiceLevel
from services_catalog.models import Agency

TEMPLATE_DIR = "flows/documents"


class DocumentUnavailable(Exception):
    """The dossier's history holds nothing this document could be made from (the view answers 404)."""


@dataclass
class Document:
    filename: str
    template: str
    context: dict = field(default_factory=dict)


# Formatting


def local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(VIETNAM_TZ) if moment is not None else None


def format_date(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = local(moment)
    return f"{moment:%d/%m/%Y}"


def format_datetime(moment: datetime | None) -> str:
    """hh:mm dd/mm/yyyy, the way the one-stop forms print a moment."""
    if moment is None:
        return ""
    moment = local(moment)
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


def format_vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " ₫"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def person_name(user) -> str:
    return user.get_full_name() if user is not None else ""


def _province_name() -> str:
    from wagtail.models import Site

    from home.models import PortalSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return PortalSettings._meta.get_field("province_name").default
    return PortalSettings.for_site(site).province_name


def _place(province: str) -> str:
    for prefix in ("Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "):
        if province.startswith(prefix):
            return province[len(prefix) :]
    return province


def letterhead(*, agency: Agency, moment: datetime, number: str) -> dict:
    """The header of an administrative document: superior body, agency, number, place and date."""
    province = _province_name()
    superior = agency.parent.name if agency.parent_id else f"Ủy ban nhân dân {province.lower()}"
    day = local(moment)
    return {
        "superior": superior,
        "agency": agency,
        "number": number,
        "place_date": f"{_place(province)}, ngày {day:%d} tháng {day:%m} năm {day:%Y}",
    }


def pdf_render(*, document: Document) -> bytes:
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(document.template, document.context)
    return HTML(string=nfc(html)).write_pdf()


def eform_answers(dossier: Dossier) -> list:
    """The e-form answers printed on the dossier's papers, read in Vietnamese like the papers."""
    with translation.override("vi"):
        return dossier_eform_rows(dossier=dossier)


# The receipt with the appointment date (mẫu 01)


def dossier_lookup_url(*, dossier: Dossier) -> str:
    """The public look-up page for this dossier, with its code and secret filled in."""
    query = urlencode({"code": dossier.code, "secret": dossier.lookup_secret})
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse('flows:lookup')}?{query}"


def qr_code(text: str):
    import segno

    return segno.make_qr(text, error="m")


def _latest_event(events: list[DossierEvent], kind: EventKind) -> DossierEvent | None:
    matching = [event for event in events if event.kind == kind]
    return matching[-1] if matching else None


def _events(dossier: Dossier) -> list[DossierEvent]:
    return list(dossier.events.select_related("actor__agency").order_by("at", "pk"))


def _receipt_due_at(dossier: Dossier, accepted: DossierEvent | None) -> datetime | None:
    """The appointment given at reception (recorded on the acceptance), else the current one."""
    recorded = (accepted.data or {}).get("due_at") if accepted else None
    return datetime.fromisoformat(recorded) if recorded else dossier.due_at


def receipt_document(*, dossier: Dossier) -> Document:
    if dossier.received_at is None:
        raise DocumentUnavailable
    events = _events(dossier)
    accepted = _latest_event(events, EventKind.ACCEPTED)
    received = []
    for dossier_file in dossier.files.select_related("document"):
        required = dossier_file.document
        received.append(
            {
                "name": required.name if required else dossier_file.original_name,
                "originals": required.originals if required else 0,
                "copies": required.copies if required else 1,
            }
        )
    fees = dossier_fees(dossier=dossier)
    url = dossier_lookup_url(dossier=dossier)
    agency = dossier.agency
    return Document(
        filename=f"giay-tiep-nhan-{dossier.code}.pdf",
        template=f"{TEMPLATE_DIR}/receipt.html",
        context={
            **letterhead(agency=agency, moment=dossier.received_at, number=f"{dossier.code}/GTN"),
            "title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            "dossier": dossier,
            "officer": person_name(accepted.actor) if accepted else "",
            "address": (dossier.declaration or {}).get("address", ""),
            "request": (dossier.declaration or {}).get("request", ""),
            "received": received,
            "sets": (dossier.declaration or {}).get("sets") or 1,
            "time_limit_days": dossier_time_limit_days(dossier=dossier),
            "received_at": format_datetime(dossier.received_at),
            "due_at": format_datetime(_receipt_due_at(dossier, accepted)),
            "fees": [
                {"label": line.label, "amount": format_vnd(line.amount_vnd), "note": line.note}
                for line in fees.lines
            ],
            "fees_total": format_vnd(fees.total_vnd),
            "fees_unknown": fees.unknown,
            "lookup_url": url,
            "lookup_page": url.split("?", 1)[0],
            "qr_svg": qr_code(url).svg_data_uri(scale=3, border=2),
            "answers": eform_answers(dossier),
        },
    )


# Request to supplement (mẫu 02), refusal (mẫu 03), apology (mẫu 04)


def supplement_item_split(item: str) -> tuple[str, str]:
    """'Giấy chứng sinh: bản chụp mờ' → ('Giấy chứng sinh', 'bản chụp mờ'): the item and its reason."""
    for separator in (":", " - ", " \u2013 "):  # colon, hyphen or en dash
        if separator in item:
            name, reason = item.split(separator, 1)
            return name.strip(), reason.strip()
    return item.strip(), ""


def supplement_document(*, dossier: Dossier) -> Document:
    request = (
        SupplementRequest.objects.filter(dossier=dossier)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
        .first()
    )
    if request is None:
        raise DocumentUnavailable
    number = SupplementRequest.objects.filter(dossier=dossier, requested_at__lte=request.requested_at).count()
    return Document(
        filename=f"yeu-cau-bo-sung-{dossier.code}-{number}.pdf",
        template=f"{TEMPLATE_DIR}/supplement.html",
        context={
            **letterhead(
                agency=dossier.agency, moment=request.requested_at, number=f"{dossier.code}/BS{number}"
            ),
            "title": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            "dossier": dossier,
            "received_at": format_datetime(dossier.received_at or dossier.submitted_at),
            "requested_at": format_datetime(request.requested_at),
            "items": [supplement_item_split(item) for item in request.items],
            "officer": person_name(request.requested_by),
        },
    )


def refusal_document(*, dossier: Dossier) -> Document:
    refused = _latest_event(_events(dossier), EventKind.REFUSED)
    if refused is None:
        raise DocumentUnavailable
    return Document(
        filename=f"tu-choi-{dossier.code}.pdf",
        template=f"{TEMPLATE_DIR}/refusal.html",
        context={
            **letterhead(agency=dossier.agency, moment=refused.at, number=f"{dossier.code}/TC"),
            "title": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            "dossier": dossier,
            "submitted_at": format_datetime(dossier.submitted_at),
            "reason": refused.note,
            "officer": person_name(refused.actor),
        },
    )


def apology_document(*, dossier: Dossier) -> Document:
    apology = _latest_event(_events(dossier), EventKind.APOLOGISED)
    if apology is None:
        raise DocumentUnavailable
    data = apology.data or {}
    new_due = datetime.fromisoformat(data["new_due_at"]) if data.get("new_due_at") else dossier.due_at
    previous = datetime.fromisoformat(data["previous_due_at"]) if data.get("previous_due_at") else None
    return Document(
        filename=f"xin-loi-{dossier.code}.pdf",
        template=f"{TEMPLATE_DIR}/apology.html",
        context={
            **letterhead(agency=dossier.agency, moment=apology.at, number=f"{dossier.code}/XL"),
            "title": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            "dossier": dossier,
            "received_at": format_datetime(dossier.received_at),
            "previous_due_at": format_datetime(previous),
            "new_due_at": format_datetime(new_due),
            "reason": data.get("reason", apology.note),
            "officer": person_name(apology.actor),
        },
    )


# The control sheet (mẫu 05)

EARLY, ON_TIME, LATE = "early", "on_time", "late"
MARK_LABELS = {EARLY: "Trước hạn", ON_TIME: "Đúng hạn", LATE: "Quá hạn"}

RECEPTION_DESK = _("Reception and result desk")
SPECIALIST_DEPARTMENT = _("Specialist department")


@dataclass
class HandOver:
    """One line of the control sheet: who gave the dossier to whom, when, and against which deadline."""

    event: DossierEvent
    agency: str
    giver: str
    receiver: str
    deadline: datetime | None = None
    mark: str | None = None

    @property
    def at(self) -> datetime:
        return self.event.at

    @property
    def mark_label(self) -> str:
        return MARK_LABELS.get(self.mark, "")


def timeliness(*, done_at: datetime, deadline: datetime) -> str:
    """Late after the deadline; on time on the deadline's day; early before that day."""
    if done_at > deadline:
        return LATE
    if local(done_at).date() == local(deadline).date():
        return ON_TIME
    return EARLY


def control_sheet_rows(
    *, dossier: Dossier, events: list[DossierEvent] | None = None, calendar: WorkingCalendar | None = None
) -> list[HandOver]:
    """Each hand-over of the dossier, marked against the time budget of the step it ends (R-PRO-9).

    A step's clock starts at the hand-over that began it (the transfer's at acceptance, R-PRO-4;
    examination's at the transfer, a supplement or a send-back; approval's at the examination); the
    result's return is measured against the appointment date.
    """
    events = events if events is not None else _events(dossier)
    calendar = calendar or calendar_current()
    applicant = dossier.applicant_name
    agency_name = dossier.agency.name
    rows: list[HandOver] = []
    last: dict[str, datetime] = {}

    def next_actor(index: int, kinds: set[str]) -> str:
        for later in events[index + 1 :]:
            if later.kind in kinds and later.actor is not None:
                return person_name(later.actor)
        return ""

    def budget_deadline(step: str, start: datetime | None) -> datetime | None:
        days = step_budget_days(step=step, procedure=dossier.procedure)
        if days is None or start is None:
            return None
        return calendar.add_working_days(start, Decimal(days))

    for index, event in enumerate(events):
        actor = person_name(event.actor)
        kind = event.kind
        row: HandOver | None = None
        if kind == EventKind.ACCEPTED:
            row = HandOver(event, agency_name, applicant, actor or str(RECEPTION_DESK))
        elif kind == EventKind.SUPPLEMENT_REQUESTED:
            row = HandOver(event, agency_name, actor, applicant)
        elif kind == EventKind.SUPPLEMENTED:
            row = HandOver(event, agency_name, applicant, str(RECEPTION_DESK))
        elif kind == EventKind.REFUSED:
            row = HandOver(event, agency_name, actor, applicant)
        elif kind == EventKind.TRANSFERRED:
            receiver = next_actor(index, {EventKind.EXAMINED}) or str(SPECIALIST_DEPARTMENT)
            row = HandOver(event, agency_name, actor, receiver)
            row.deadline = budget_deadline("transfer", dossier.received_at or last.get(EventKind.ACCEPTED))
        elif kind == EventKind.CONSULTED:
            consulted = event.actor.agency.name if event.actor and event.actor.agency else agency_name
            row = HandOver(event, consulted, actor, str(SPECIALIST_DEPARTMENT))
            row.deadline = budget_deadline("consult", last.get(EventKind.TRANSFERRED))
        elif kind == EventKind.EXAMINED:
            receiver = next_actor(index, {EventKind.APPROVED, EventKind.SENT_BACK}) or str(RECEPTION_DESK)
            row = HandOver(event, agency_name, actor, receiver)
            starts = [
                last.get(k) for k in (EventKind.TRANSFERRED, EventKind.SUPPLEMENTED, EventKind.SENT_BACK)
            ]
            row.deadline = budget_deadline("examine", max((s for s in starts if s), default=None))
        elif kind in (EventKind.APPROVED, EventKind.SENT_BACK):
            if kind == EventKind.APPROVED:
                receiver = next_actor(index, {EventKind.RESULT_RETURNED}) or str(RECEPTION_DESK)
            else:
                receiver = next_actor(index, {EventKind.EXAMINED}) or str(SPECIALIST_DEPARTMENT)
            row = HandOver(event, agency_name, actor, receiver)
            row.deadline = budget_deadline("approve", last.get(EventKind.EXAMINED))
        elif kind == EventKind.RESULT_RETURNED:
            row = HandOver(event, agency_name, actor, applicant, deadline=dossier.due_at)
        last[kind] = event.at
        if row is not None:
            if row.deadline is not None:
                row.mark = timeliness(done_at=event.at, deadline=row.deadline)
            rows.append(row)
    return rows


def control_sheet_document(*, dossier: Dossier) -> Document:
    if dossier.is_draft:
        raise DocumentUnavailable
    rows = control_sheet_rows(dossier=dossier)
    return Document(
        filename=f"phieu-kiem-soat-{dossier.code}.pdf",
        template=f"{TEMPLATE_DIR}/control_sheet.html",
        context={
            **letterhead(agency=dossier.agency, moment=timezone.now(), number=f"{dossier.code}/KS"),
            "title": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "dossier": dossier,
            "received_at": format_datetime(dossier.received_at or dossier.submitted_at),
            "due_at": format_datetime(dossier.due_at),
            "answers": eform_answers(dossier),
            "rows": [
                {
                    "agency": row.agency,
                    "at": format_datetime(row.at),
                    "giver": row.giver,
                    "receiver": row.receiver,
                    "deadline": format_datetime(row.deadline),
                    "mark": row.mark_label,
                    "step": row.event.get_kind_display(),
                }
                for row in rows
            ],
        },
    )


# The declaration form (tờ khai) made from the e-form's answers

DECLARATION_GENERIC_TEMPLATE = f"{TEMPLATE_DIR}/to_khai/generic.html"


def declaration_form_template(*, procedure_code: str) -> str:
    """The procedure's own layout of its tờ khai (`to_khai/<code>.html`, e.g. 1.001193 for Đăng ký
    khai sinh) when there is one, else the generic layout."""
    code = re.sub(r"[^0-9A-Za-z.-]", "", procedure_code or "")
    if code:
        candidate = f"{TEMPLATE_DIR}/to_khai/{code}.html"
        try:
            get_template(candidate)
        except TemplateDoesNotExist:
            pass
        else:
            return candidate
    return DECLARATION_GENERIC_TEMPLATE


def declaration_form_document(*, dossier: Dossier) -> Document:
    """The official tờ khai printed from the answers the dossier holds: signed by the applicant at
    pick-up (level 3, or handed in on paper) or digitally on the portal (level 4 online)."""
    answers = eform_answers(dossier)
    if not answers:
        raise DocumentUnavailable
    procedure = dossier.procedure
    day = local(dossier.submitted_at or dossier.created_at)
    digitally_signed = (
        procedure.service_level == ServiceLevel.FULLY_ONLINE and dossier.channel == Channel.ONLINE
    )
    return Document(
        filename=f"to-khai-{dossier.code or dossier.pk}.pdf",
        template=declaration_form_template(procedure_code=procedure.code),
        context={
            "title": f"Tờ khai {procedure.title[:1].lower()}{procedure.title[1:]}",
            "dossier": dossier,
            "agency": dossier.agency,
            "answers": answers,
            "address": (dossier.declaration or {}).get("address", ""),
            "submitted_at": format_datetime(dossier.submitted_at),
            "place_date": f"{_place(_province_name())}, ngày {day:%d} tháng {day:%m} năm {day:%Y}",
            "digitally_signed": digitally_signed,
            "version": dossier.eform_version.number if dossier.eform_version_id else None,
        },
    )


# Dossier documents by URL slug: (builder, may the applicant download it?)
DOSSIER_DOCUMENTS = {
    "giay-tiep-nhan": (receipt_document, True),
    "yeu-cau-bo-sung": (supplement_document, True),
    "tu-choi": (refusal_document, True),
    "xin-loi": (apology_document, True),
    "phieu-kiem-soat": (control_sheet_document, False),
    "to-khai": (declaration_form_document, True),
}


def dossier_documents_available(*, dossier: Dossier, for_applicant: bool) -> list[tuple[str, str]]:
    """(slug, title) of the documents this dossier's history can produce, for the dossier's page."""
    kinds = set(dossier.events.order_by().values_list("kind", flat=True).distinct())
    titles = {
        "giay-tiep-nhan": (dossier.received_at is not None, _("Receipt with appointment date")),
        "yeu-cau-bo-sung": (EventKind.SUPPLEMENT_REQUESTED in kinds, _("Request to supplement")),
        "tu-choi": (EventKind.REFUSED in kinds, _("Refusal notice")),
        "xin-loi": (EventKind.APOLOGISED in kinds, _("Apology with a new appointment date")),
        "phieu-kiem-soat": (not dossier.is_draft, _("Control sheet")),
        "to-khai": (
            dossier.eform_version_id is not None or bool(dossier.eform_answers),
            _("Declaration form made from the e-form"),
        ),
    }
    return [
        (slug, str(title))
        for slug, (available, title) in titles.items()
        if available and (DOSSIER_DOCUMENTS[slug][1] or not for_applicant)
    ]


# The dossier register (mẫu 06)

REGISTER_COLUMNS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Ngày có kết quả",
    "Trả kết quả",
    "Ghi chú",
]


def register_queryset(*, agency: Agency, start: date, end: date) -> QuerySet[Dossier]:
    """The agency's dossiers submitted from `start` to `end` (local days, inclusive), oldest first."""
    begin = datetime.combine(start, time.min, VIETNAM_TZ)
    stop = datetime.combine(end + timedelta(days=1), time.min, VIETNAM_TZ)
    transferred = DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=EventKind.TRANSFERRED).order_by(
        "at"
    )
    return (
        Dossier.objects.filter(agency=agency, is_draft=False, submitted_at__gte=begin, submitted_at__lt=stop)
        .select_related("procedure")
        .annotate(transferred_at=Subquery(transferred.values("at")[:1]))
        .order_by("submitted_at", "pk")
    )


def register_rows(*, agency: Agency, start: date, end: date) -> list[list]:
    rows = []
    for number, dossier in enumerate(register_queryset(agency=agency, start=start, end=end), start=1):
        declaration = dossier.declaration or {}
        contact = ", ".join(
            part for part in (declaration.get("address", ""), dossier.applicant_phone) if part
        )
        rows.append(
            [
                number,
                dossier.code,
                nfc(dossier.procedure.title),
                declaration.get("sets") or 1,
                nfc(dossier.applicant_name),
                nfc(contact),
                nfc(agency.name),
                format_date(dossier.received_at or dossier.submitted_at),
                format_date(dossier.due_at),
                format_date(dossier.transferred_at),
                format_date(dossier.finished_at),
                format_date(dossier.returned_at),
                nfc(str(dossier.get_status_display())),
            ]
        )
    return rows


def register_document(*, agency: Agency, start: date, end: date) -> Document:
    with translation.override("vi"):
        rows = register_rows(agency=agency, start=start, end=end)
    return Document(
        filename=f"so-theo-doi-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
        template=f"{TEMPLATE_DIR}/register.html",
        context={
            **letterhead(agency=agency, moment=timezone.now(), number=""),
            "title": "Sổ theo dõi hồ sơ",
            "period": f"Từ ngày {format_date(start)} đến ngày {format_date(end)}",
            "columns": REGISTER_COLUMNS,
            "rows": rows,
        },
    )


def register_xlsx(*, agency: Agency, start: date, end: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with translation.override("vi"):
        rows = register_rows(agency=agency, start=start, end=end)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ theo dõi hồ sơ"
    sheet.append([nfc(f"SỔ THEO DÕI HỒ SƠ - {agency.name.upper()}")])
    sheet.append([f"Từ ngày {format_date(start)} đến ngày {format_date(end)}"])
    sheet.append(REGISTER_COLUMNS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    for row in rows:
        sheet.append(row)
    for column, width in zip(
        "ABCDEFGHIJKLM", (6, 20, 40, 10, 25, 30, 25, 12, 12, 14, 12, 12, 25), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
