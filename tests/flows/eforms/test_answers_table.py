"""The e-form answers read as a table: in the workspace, on the citizen's dossier page, on the receipt
(page and PDF) and in the control sheet, with query counts that do not grow with the answers."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from flows import services
from flows.documents import services as documents
from flows.flows import DossierFlow
from flows.selectors import dossier_eform_rows
from portal.accounts.roles import Role
from services_catalog.eforms import eform_version_current

from ..documents.test_documents import pdf_text
from ..helpers import open_task
from .conftest import CHILD_NAME, MOTHER_NAME, birth_answers, dossier_with_answers, eform_add

pytestmark = pytest.mark.django_db


def test_rows_follow_the_version_the_dossier_was_filled_with(answered, procedure):
    eform_add(procedure, [("Trường mới sau khi nộp", "singleline", {})])
    assert eform_version_current(procedure=procedure).number == 2
    rows = [(row.label, row.value, row.is_heading) for row in dossier_eform_rows(dossier=answered)]
    assert rows[:4] == [
        ("Người được khai sinh", "", True),
        ("Họ, chữ đệm, tên", CHILD_NAME, False),
        ("Giới tính", "Nam", False),
        ("Ngày sinh", "02/10/2026", False),
    ]
    assert ("Nơi sinh", "Phường Hoàn Kiếm, thành phố Hà Nội", False) in rows
    assert "Trường mới sau khi nộp" not in [label for label, _, _ in rows]


def test_a_dossier_without_answers_has_no_rows(procedure, citizen, clamd, urls_loaded):
    from ..helpers import submitted_dossier

    assert dossier_eform_rows(dossier=submitted_dossier(procedure, citizen)) == []


def test_answers_of_a_removed_field_are_still_shown(procedure, citizen, birth_form, clamd, urls_loaded):
    dossier = dossier_with_answers(procedure, citizen, birth_form, birth_answers(ghi_chu_cu="Giữ lại"))
    rows = [(row.label, row.value) for row in dossier_eform_rows(dossier=dossier)]
    assert rows[-1] == ("ghi_chu_cu", "Giữ lại")


def test_citizen_reads_the_answers_on_the_dossier_page(client, answered, citizen, other_citizen):
    client.force_login(citizen)
    page = client.get(reverse("flows:dossier_detail", args=[answered.pk])).content.decode()
    assert "eform-answers__table" in page
    assert f'<th scope="row">Họ, chữ đệm, tên người mẹ</th><td>{MOTHER_NAME}</td>' in page
    assert '<th colspan="2" scope="colgroup">Người mẹ</th>' in page
    client.force_login(other_citizen)
    assert client.get(reverse("flows:dossier_detail", args=[answered.pk])).status_code == 404


def test_reception_reads_the_answers_on_the_task_page_and_the_process_page(client, answered, staff):
    client.force_login(staff[Role.RECEPTION])
    task = open_task(answered, DossierFlow.receive)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    page = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk])).content.decode()
    assert f"<td>{CHILD_NAME}</td>" in page and "<td>02/10/2026</td>" in page
    page = client.get(reverse("dossier:process_detail", args=[answered.process_id])).content.decode()
    assert f"<td>{CHILD_NAME}</td>" in page


def test_receipt_page_receipt_pdf_and_control_sheet_print_the_answers(client, answered, staff):
    services.dossier_accept(dossier=answered, actor=staff[Role.RECEPTION])
    client.force_login(staff[Role.RECEPTION])
    page = client.get(reverse("flows:staff_receipt", args=[answered.pk])).content.decode()
    assert f"<td>{CHILD_NAME}</td>" in page
    receipt = pdf_text(documents.pdf_render(document=documents.receipt_document(dossier=answered)))
    assert "Nội dung tờ khai điện tử:" in receipt
    assert f"Họ, chữ đệm, tên {CHILD_NAME}" in receipt and "Ngày sinh 02/10/2026" in receipt
    sheet = pdf_text(documents.pdf_render(document=documents.control_sheet_document(dossier=answered)))
    assert "Nội dung tờ khai của hồ sơ:" in sheet and f"Họ, chữ đệm, tên người mẹ {MOTHER_NAME}" in sheet


def test_papers_without_answers_print_no_answers_block(procedure, citizen, staff, clamd, urls_loaded):
    from ..helpers import submitted_dossier

    dossier = submitted_dossier(procedure, citizen)
    services.dossier_accept(dossier=dossier, actor=staff[Role.RECEPTION])
    assert "Nội dung tờ khai" not in pdf_text(
        documents.pdf_render(document=documents.receipt_document(dossier=dossier))
    )


def _queries(client, url) -> int:
    client.get(url)  # warm up: the session and per-process caches are the same for both dossiers
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_stay_flat_however_many_answers(client, procedure, citizen, staff, clamd, urls_loaded):
    """A form of 3 fields and one of 60 (with a repeated group of 10) cost the same queries."""
    eform_add(procedure, [("Họ tên", "singleline", {})])
    small = eform_version_current(procedure=procedure)
    few = dossier_with_answers(procedure, citizen, small, {"ho_ten": "A"})
    eform_add(procedure, [(f"Trường {number}", "singleline", {}) for number in range(1, 50)])
    eform_add(procedure, [("Tên con", "singleline", {"repeat_group": "Con"})])
    large = eform_version_current(procedure=procedure)
    answers = {f"truong_{number}": f"Giá trị {number}" for number in range(1, 50)}
    answers["con"] = [{"ten_con": f"Con số {number}"} for number in range(10)]
    many = dossier_with_answers(procedure, citizen, large, answers)
    assert len(dossier_eform_rows(dossier=many)) > 60

    client.force_login(citizen)
    detail = [_queries(client, reverse("flows:dossier_detail", args=[d.pk])) for d in (few, many)]
    assert detail[0] == detail[1]
    client.force_login(staff[Role.RECEPTION])
    receipt = [_queries(client, reverse("flows:staff_receipt", args=[d.pk])) for d in (few, many)]
    assert receipt[0] == receipt[1]
    process = [_queries(client, reverse("dossier:process_detail", args=[d.process_id])) for d in (few, many)]
    assert process[0] == process[1]
