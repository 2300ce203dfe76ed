"""The dossier's documents as PDF and the agency's register (PDF, XLSX): contents read back, access.

The PDFs are rendered by WeasyPrint and their text is extracted back with pypdf and compared as NFC
strings. The receipt's QR code is checked by rendering the PDF page to a bitmap with pypdfium2 and
decoding it with zxing-cpp (both from PyPI), so the test reads what a phone would scan.
"""

import io
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from flows import services
from flows.calendar import VIETNAM_TZ, WorkingCalendar
from flows.choices import Channel, DossierStatus, EventKind
from flows.documents import services as documents
from flows.models import Dossier, DossierEvent, DossierFile, ProcedureProcess
from flows.payments.services import dossier_fees_snapshot
from portal.accounts.roles import Role
from services_catalog.models import ProcedureFee

from ..conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

APPLICANT = "Nguyễn Thị Hồng Nhung"
ADDRESS = "Số 12 đường Đồng Khởi, phường An Hội"


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def moment(day: str, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.strptime(day, "%d/%m/%Y").replace(hour=hour, minute=minute, tzinfo=VIETNAM_TZ)


def make_dossier(procedure, citizen, *, code="STP-261109-0001", submitted="09/11/2026") -> Dossier:
    dossier = Dossier.objects.create(
        procedure=procedure,
        agency=procedure.agency,
        applicant=citizen,
        applicant_name=unicodedata.normalize("NFD", APPLICANT),  # stored decomposed: the PDF must be NFC
        applicant_phone="0912345678",
        channel=Channel.ONLINE,
        declaration={"address": ADDRESS, "request": "Cấp bản chính giấy khai sinh"},
        status=DossierStatus.NEW,
        is_draft=False,
        code=code,
        lookup_secret="ABCD2345",
        submitted_at=moment(submitted, 7, 45),
    )
    for document in procedure.documents.filter(is_required=True):
        DossierFile.objects.create(
            dossier=dossier,
            document=document,
            file=ContentFile(PDF_BYTES, name="scan.pdf"),
            original_name="scan.pdf",
            content_type="application/pdf",
            size=len(PDF_BYTES),
        )
    return dossier


@pytest.fixture
def dossier(procedure, citizen):
    return make_dossier(procedure, citizen)


@pytest.fixture
def accepted(dossier, staff):
    procedure = dossier.procedure
    ProcedureFee.objects.create(
        procedure=procedure, label="Lệ phí cấp bản sao", amount_vnd=8000, sort_order=0
    )
    ProcedureFee.objects.create(procedure=procedure, label="Phí thẩm định", amount_vnd=1500000, sort_order=1)
    first = procedure.documents.get(sort_order=0)
    first.originals, first.copies = 1, 2
    first.save()
    # Monday 09/11/2026 08:30; 5 working days later is Monday 16/11/2026 08:30.
    services.dossier_accept(dossier=dossier, actor=staff[Role.RECEPTION], at=moment("09/11/2026", 8, 30))
    return dossier


def test_receipt_prints_the_recorded_facts_in_vietnamese(accepted, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://dichvucong.bentre.gov.vn"
    text = pdf_text(documents.pdf_render(document=documents.receipt_document(dossier=accepted)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert unicodedata.normalize("NFC", APPLICANT) in text
    assert ADDRESS in text and "0912345678" in text
    assert "Đăng ký khai sinh 1.001193" in text
    assert "Tờ khai đăng ký khai sinh" in text and "Giấy chứng sinh" in text
    assert "Giấy tờ khác (nếu có)" not in text  # not received
    assert "01 bộ" in text
    assert "5 ngày làm việc" in text
    assert "08 giờ 30 phút, ngày 09/11/2026" in text
    assert "08 giờ 30 phút, ngày 16/11/2026" in text
    assert "1.500.000 ₫" in text and "1.508.000 ₫" in text
    assert "STP-261109-0001" in text and "ABCD2345" in text
    assert "Tiepnhan.Stp" in text  # the officer who accepted it
    assert "Sở Tư pháp" in text


def test_receipt_prints_the_fees_owed_at_submission_not_the_catalogue_of_today(accepted):
    dossier_fees_snapshot(dossier=accepted)
    accepted.procedure.fees.update(amount_vnd=2_000_000)
    text = pdf_text(documents.pdf_render(document=documents.receipt_document(dossier=accepted)))
    assert "1.508.000 ₫" in text
    assert "2.000.000 ₫" not in text


def test_receipt_qr_code_decodes_to_the_lookup_url(accepted, settings):
    """Rendered to a bitmap with pypdfium2 and decoded with zxing-cpp, as a phone would read it."""
    import pypdfium2
    import zxingcpp

    settings.WAGTAILADMIN_BASE_URL = "https://dichvucong.bentre.gov.vn"
    content = documents.pdf_render(document=documents.receipt_document(dossier=accepted))
    page = pypdfium2.PdfDocument(content)[0]
    image = page.render(scale=4).to_pil()
    results = zxingcpp.read_barcodes(image)
    assert [result.text for result in results] == [
        "https://dichvucong.bentre.gov.vn/tra-cuu-ho-so/?code=STP-261109-0001&secret=ABCD2345"
    ]


def test_receipt_needs_an_accepted_dossier(dossier):
    with pytest.raises(documents.DocumentUnavailable):
        documents.receipt_document(dossier=dossier)


def test_supplement_request_lists_every_item_with_its_reason(dossier, staff):
    services.dossier_supplement_request(
        dossier=dossier,
        actor=staff[Role.RECEPTION],
        items=["Giấy chứng sinh: bản chụp bị mờ", "Tờ khai: thiếu chữ ký của người yêu cầu"],
        at=moment("10/11/2026", 9, 15),
    )
    text = pdf_text(documents.pdf_render(document=documents.supplement_document(dossier=dossier)))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert unicodedata.normalize("NFC", APPLICANT) in text
    assert "bản chụp bị mờ" in text and "thiếu chữ ký của người yêu cầu" in text
    assert "09 giờ 15 phút, ngày 10/11/2026" in text
    assert "ngày 10 tháng 11 năm 2026" in text


def test_refusal_notice_gives_the_reason(dossier, staff):
    services.dossier_refuse(
        dossier=dossier, actor=staff[Role.RECEPTION], reason="Thủ tục không thuộc thẩm quyền"
    )
    text = pdf_text(documents.pdf_render(document=documents.refusal_document(dossier=dossier)))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền" in text
    assert "07 giờ 45 phút, ngày 09/11/2026" in text


def test_apology_gives_the_old_and_new_appointment_dates(accepted, staff):
    services.dossier_apologise(
        dossier=accepted,
        actor=staff[Role.HEAD],
        new_due_at=moment("04/12/2099", 16, 0),
        reason="Cần xác minh thêm tại địa phương",
    )
    text = pdf_text(documents.pdf_render(document=documents.apology_document(dossier=accepted)))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    # The receipt still prints the appointment given at reception.
    receipt = documents.receipt_document(dossier=accepted)
    assert receipt.context["due_at"] == "08 giờ 30 phút, ngày 16/11/2026"
    assert "08 giờ 30 phút, ngày 16/11/2026" in text  # the broken appointment
    assert "16 giờ 00 phút, ngày 04/12/2099" in text  # the new one
    assert "Cần xác minh thêm tại địa phương" in text


def _event(dossier, kind, at, actor):
    return DossierEvent.objects.create(dossier=dossier, kind=kind, at=at, actor=actor)


def test_control_sheet_marks_each_hand_over_early_on_time_or_late(accepted, staff, make_user, agency):
    """Budgets: transfer 0.5 day, examination 2 days, approval 1 day; result due 16/11 08:30."""
    dossier = accepted
    ProcedureProcess.objects.create(
        procedure=dossier.procedure, examine_days=Decimal("2"), approve_days=Decimal("1")
    )
    reception, specialist, head = staff[Role.RECEPTION], staff[Role.SPECIALIST], staff[Role.HEAD]
    # Transfer: 4 working hours from 09/11 08:30 (3 h until 11:30, 1 h from 13:30) → 14:30; done that
    # morning, on the deadline's day → on time.
    _event(dossier, EventKind.TRANSFERRED, moment("09/11/2026", 10, 0), reception)
    # Examination: 2 working days from 09/11 10:00 → 11/11 10:00; done 10/11 → early.
    _event(dossier, EventKind.EXAMINED, moment("10/11/2026", 15, 0), specialist)
    # Approval: 1 working day from 10/11 15:00 → 11/11 15:00; done 12/11 → late.
    _event(dossier, EventKind.APPROVED, moment("12/11/2026", 9, 0), head)
    # Result due 16/11 08:30; returned 16/11 08:00 → on time.
    _event(dossier, EventKind.RESULT_RETURNED, moment("16/11/2026", 8, 0), reception)
    rows = documents.control_sheet_rows(dossier=dossier, calendar=WorkingCalendar(overrides={}))
    kinds = [row.event.kind for row in rows]
    assert kinds == [
        EventKind.ACCEPTED,
        EventKind.TRANSFERRED,
        EventKind.EXAMINED,
        EventKind.APPROVED,
        EventKind.RESULT_RETURNED,
    ]
    marks = {row.event.kind: row.mark for row in rows}
    assert marks == {
        EventKind.ACCEPTED: None,
        EventKind.TRANSFERRED: documents.ON_TIME,
        EventKind.EXAMINED: documents.EARLY,
        EventKind.APPROVED: documents.LATE,
        EventKind.RESULT_RETURNED: documents.ON_TIME,
    }
    by_kind = {row.event.kind: row for row in rows}
    assert by_kind[EventKind.TRANSFERRED].deadline == moment("09/11/2026", 14, 30)
    assert by_kind[EventKind.EXAMINED].deadline == moment("11/11/2026", 10, 0)
    assert by_kind[EventKind.APPROVED].deadline == moment("11/11/2026", 15, 0)
    assert (by_kind[EventKind.TRANSFERRED].giver, by_kind[EventKind.TRANSFERRED].receiver) == (
        reception.get_full_name(),
        specialist.get_full_name(),
    )
    assert by_kind[EventKind.EXAMINED].receiver == head.get_full_name()
    assert by_kind[EventKind.RESULT_RETURNED].receiver == dossier.applicant_name

    text = pdf_text(documents.pdf_render(document=documents.control_sheet_document(dossier=dossier)))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert text.count("Quá hạn") == 1 and text.count("Trước hạn") == 1 and text.count("Đúng hạn") == 2
    assert "09 giờ 00 phút, ngày 12/11/2026" in text


def _register_dossiers(procedure, citizen, staff):
    inside = make_dossier(procedure, citizen, code="STP-261102-0001", submitted="02/11/2026")
    services.dossier_accept(dossier=inside, actor=staff[Role.RECEPTION], at=moment("02/11/2026", 9, 0))
    DossierEvent.objects.create(
        dossier=inside,
        kind=EventKind.TRANSFERRED,
        at=moment("02/11/2026", 10, 0),
        actor=staff[Role.RECEPTION],
    )
    second = make_dossier(procedure, citizen, code="STP-261130-0002", submitted="30/11/2026")
    make_dossier(procedure, citizen, code="STP-261201-0003", submitted="01/12/2026")  # after the period
    make_dossier(procedure, citizen, code="STP-261031-0004", submitted="31/10/2026")  # before it
    return inside, second


def test_register_lists_the_period_in_pdf_and_xlsx(procedure, citizen, staff):
    _register_dossiers(procedure, citizen, staff)
    agency = procedure.agency
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    text = pdf_text(
        documents.pdf_render(document=documents.register_document(agency=agency, start=start, end=end))
    )
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "STP-261102-0001" in text and "STP-261130-0002" in text
    assert "STP-261201-0003" not in text and "STP-261031-0004" not in text
    assert unicodedata.normalize("NFC", APPLICANT) in text

    sheet = load_workbook(io.BytesIO(documents.register_xlsx(agency=agency, start=start, end=end))).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [row[1] for row in rows] == ["STP-261102-0001", "STP-261130-0002"]
    first = rows[0]
    assert first[0] == 1 and first[4] == unicodedata.normalize("NFC", APPLICANT)
    assert first[7] == "02/11/2026" and first[9] == "02/11/2026"  # received, transferred
    assert first[8] == documents.format_date(Dossier.objects.get(code="STP-261102-0001").due_at)
    assert ADDRESS in first[5] and "0912345678" in first[5]


# Over HTTP: who may download what


def test_applicant_downloads_the_receipt_from_the_dossier_page(client, accepted, citizen):
    client.force_login(citizen)
    page = client.get(reverse("flows:dossier_detail", args=[accepted.pk]))
    url = reverse("flows:document", args=[accepted.pk, "giay-tiep-nhan"])
    assert url.encode() in page.content
    assert reverse("flows:document", args=[accepted.pk, "phieu-kiem-soat"]).encode() not in page.content
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "STP-261109-0001" in pdf_text(response.content)
    # The control sheet is an internal paper; a refusal that never happened does not exist.
    assert client.get(reverse("flows:document", args=[accepted.pk, "phieu-kiem-soat"])).status_code == 404
    assert client.get(reverse("flows:document", args=[accepted.pk, "tu-choi"])).status_code == 404


def test_other_citizen_other_agency_and_anonymous_get_404(client, accepted, other_citizen, other_staff):
    citizen_url = reverse("flows:document", args=[accepted.pk, "giay-tiep-nhan"])
    staff_url = reverse("flows:staff_document", args=[accepted.pk, "giay-tiep-nhan"])
    anonymous = client.get(citizen_url)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    client.force_login(other_citizen)
    assert client.get(citizen_url).status_code == 404
    assert client.get(staff_url).status_code == 404
    client.force_login(other_staff[Role.RECEPTION])
    assert client.get(staff_url).status_code == 404
    assert client.get(citizen_url).status_code == 404


def test_staff_of_the_agency_download_every_document(client, accepted, staff):
    client.force_login(staff[Role.SPECIALIST])
    for slug in ("giay-tiep-nhan", "phieu-kiem-soat"):
        response = client.get(reverse("flows:staff_document", args=[accepted.pk, slug]))
        assert response.status_code == 200, slug
        assert "STP-261109-0001" in pdf_text(response.content)
    assert client.get(reverse("flows:staff_document", args=[accepted.pk, "xin-loi"])).status_code == 404
    assert client.get(reverse("flows:staff_document", args=[accepted.pk, "khong-co"])).status_code == 404


def test_document_download_query_count(client, accepted, staff, django_assert_max_num_queries):
    client.force_login(staff[Role.RECEPTION])
    with django_assert_max_num_queries(16):
        assert (
            client.get(reverse("flows:staff_document", args=[accepted.pk, "giay-tiep-nhan"])).status_code
            == 200
        )


def test_register_page_and_downloads(
    client, procedure, citizen, staff, other_staff, django_assert_max_num_queries
):
    _register_dossiers(procedure, citizen, staff)
    url = reverse("flows:staff_register_book")
    client.force_login(staff[Role.RECEPTION])
    assert client.get(url).status_code == 200
    response = client.get(url, {"start": "01/11/2026", "end": "30/11/2026", "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == [
        "STP-261102-0001",
        "STP-261130-0002",
    ]
    # The register's cost does not grow with the number of dossiers listed.
    for number in range(5, 15):
        make_dossier(procedure, citizen, code=f"STP-261110-{number:04d}", submitted="10/11/2026")
    with django_assert_max_num_queries(10):
        response = client.get(url, {"start": "01/11/2026", "end": "30/11/2026", "format": "pdf"})
    assert response.status_code == 200 and "STP-261110-0014" in pdf_text(response.content)
    assert client.get(url, {"start": "30/11/2026", "end": "01/11/2026", "format": "pdf"}).status_code == 200
    # Another agency's staff see only their own (empty) register.
    client.force_login(other_staff[Role.RECEPTION])
    response = client.get(url, {"start": "01/11/2026", "end": "30/11/2026", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(min_row=4, values_only=True)) == []


def test_register_is_not_for_citizens(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("flows:staff_register_book")).status_code == 404


@pytest.mark.usefixtures("clamd", "urls_loaded")
def test_workspace_process_page_links_the_dossier_papers(client, procedure, citizen, staff, other_staff):
    from ..helpers import submitted_dossier

    dossier = submitted_dossier(procedure, citizen)
    services.dossier_refuse(dossier=dossier, actor=staff[Role.RECEPTION], reason="Không thuộc thẩm quyền")
    url = reverse("dossier:process_detail", args=[dossier.process_id])
    client.force_login(staff[Role.HEAD])
    page = client.get(url)
    assert page.status_code == 200
    for slug in ("tu-choi", "phieu-kiem-soat"):
        assert reverse("flows:staff_document", args=[dossier.pk, slug]).encode() in page.content
    assert reverse("flows:staff_document", args=[dossier.pk, "giay-tiep-nhan"]).encode() not in page.content
    client.force_login(other_staff[Role.HEAD])
    assert client.get(url).status_code == 404
