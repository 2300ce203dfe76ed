"""Browser journey of issue 18 (staff side) on the demo data of `make run`: the reception officer opens
a dossier filled with an e-form, reads its answers as a table, downloads the tờ khai as a PDF and
filters the agency's e-form data; the citizen's second dossier reuses a document of the first one
("give it once"). axe-core checks each of these pages."""

import io
import unicodedata
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

import pytest
from pypdf import PdfReader

from flows import services
from flows.choices import EventKind
from flows.models import Dossier, DossierEvent
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.eforms import EFormField, eform_version_current
from services_catalog.models import ProcedurePage, RequiredDocument
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed
from tests.e2e.test_journeys import PDF_BYTES, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHILD = "Nguyễn Minh Khôi"
CERTIFICATE = PDF_BYTES + b"% giay chung sinh cua be Khoi\n"


def first_dossier_with_answers(procedure, citizen) -> Dossier:
    for order, (label, kind) in enumerate(
        [("Người được khai sinh", "section"), ("Họ, chữ đệm, tên", "singleline"), ("Ngày sinh", "date")]
    ):
        EFormField.objects.create(procedure=procedure, sort_order=order, label=label, field_type=kind)
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    for number, document in enumerate(procedure.documents.filter(is_required=True)):
        services.dossier_file_attach(
            dossier=dossier,
            document=document,
            upload=SimpleUploadedFile(f"giay-to-{number}.pdf", CERTIFICATE if number == 0 else PDF_BYTES),
            user=citizen,
        )
    dossier.eform_version = eform_version_current(procedure=procedure)
    dossier.eform_answers = {"ho_chu_dem_ten": CHILD, "ngay_sinh": "2026-10-02"}
    dossier.save()
    return services.dossier_submit(dossier=dossier, user=citizen)


def test_reception_reads_the_answers_prints_the_declaration_and_the_citizen_reuses_a_document(page, clamd):
    seed(HOME, CATALOGUE, ACCOUNTS)
    assert bool(get_resolver().url_patterns)  # Viewflow's node.reverse() needs the URLconf loaded
    procedures = list(
        ProcedurePage.objects.live()
        .filter(agency__code="stp", service_level__in=ONLINE_SUBMISSION_LEVELS, is_retired=False)
        .filter(eform_fields__isnull=True)
        .order_by("code")[:2]
    )
    assert len(procedures) == 2
    first_procedure, second_procedure = procedures
    citizen = get_user_model().objects.get(username="congdan")
    dossier = first_dossier_with_answers(first_procedure, citizen)
    reused_kind = first_procedure.documents.filter(is_required=True).first()
    target = RequiredDocument.objects.create(procedure=second_procedure, name=reused_kind.name, sort_order=-1)

    # The reception officer opens the dossier: the answers as a table, the tờ khai to print.
    sign_in(page, "tiepnhan.stp")
    page.goto(page.base_url + f"/xu-ly/dossier/{dossier.process_id}/")
    table = page.locator("table.eform-answers__table")
    assert table.locator("th[scope=colgroup]").inner_text() == "Người được khai sinh"
    assert table.locator("tr", has_text="Họ, chữ đệm, tên").locator("td").inner_text() == CHILD
    assert table.locator("tr", has_text="Ngày sinh").locator("td").inner_text() == "02/10/2026"
    assert_accessible(page)
    save_screenshot(page, "journey-eform-answers-workspace")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tờ khai (in từ tờ khai điện tử)").click()
    assert download.value.suggested_filename == f"to-khai-{dossier.code}.pdf"
    content = Path(download.value.path()).read_bytes()
    text = unicodedata.normalize(
        "NFC", " ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(content)).pages)
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and CHILD in text and "02/10/2026" in text

    # The agency's data page finds the dossier by the child's name typed without diacritics.
    page.goto(page.base_url + f"/xu-ly-ho-so/du-lieu-to-khai/{first_procedure.code}/")
    form = page.locator("form.eform-data__filter")
    form.locator("[name=field]").select_option("ho_chu_dem_ten")
    form.locator("[name=value]").fill("minh khoi")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("table.eform-data__table tbody th[scope=row]").all_inner_texts() == [dossier.code]
    assert_accessible(page)
    save_screenshot(page, "journey-eform-data")

    # The citizen reads the answers on the dossier page, then reuses the document in a new dossier.
    sign_in(page, "congdan@example.vn")
    page.goto(page.base_url + f"/ho-so-cua-toi/{dossier.pk}/")
    assert CHILD in page.locator("table.eform-answers__table").inner_text()
    assert_accessible(page)
    page.goto(page.base_url + f"/nop-ho-so/{second_procedure.code}/")
    # Offered where an earlier dossier holds a document of the same kind (here at least the one below).
    assert page.locator("fieldset.reuse-choice").count() >= 1
    row = page.locator("div.document-upload", has=page.locator(f"#id_document_{target.pk}"))
    choice = row.locator("fieldset.reuse-choice")
    assert choice.locator("label").nth(1).inner_text().startswith("giay-to-0.pdf")
    assert choice.get_by_label("Không dùng lại").is_checked()
    assert_accessible(page)
    save_screenshot(page, "journey-document-reuse")
    form = page.locator("main form")
    form.locator("[name=applicant_name]").fill("Nguyễn Văn An")
    form.locator("[name=request]").fill("Đăng ký cho con thứ hai")
    choice.locator("input[type=radio]").nth(1).check()
    for document in second_procedure.documents.filter(is_required=True).exclude(pk=target.pk):
        form.locator(f"#id_document_{document.pk}").set_input_files(
            {"name": f"giay-to-{document.pk}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
    with page.expect_navigation():
        form.locator("button[name=submit]").click()
    second = Dossier.objects.get(applicant=citizen, procedure=second_procedure)
    assert not second.is_draft, page.locator("main").inner_text()[:2000]
    copy = second.files.get(document=target)
    assert copy.reused_from.dossier_id == dossier.pk
    with copy.file.open("rb") as handle:
        assert handle.read() == CERTIFICATE
    assert DossierEvent.objects.filter(dossier=second, kind=EventKind.FILE_REUSED, actor=citizen).exists()
    assert "Giấy tờ được dùng lại từ hồ sơ trước" in page.locator("main .timeline").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-document-reused")
