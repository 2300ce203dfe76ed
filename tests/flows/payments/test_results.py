"""Results (R-RES-1/2): a level 4 result file downloaded by its owner only; return at the desk or by
post, through the flow's return_result step."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from flows import services as flow_services
from flows.choices import DossierStatus, ResultReturnMethod
from flows.flows import DossierFlow
from flows.models import MalwareIncident, ResultFile, ResultReturn
from flows.signatures import pdf_signature_verify
from portal.accounts.roles import Role
from tests.flows.conftest import EICAR, PDF_BYTES, upload
from tests.flows.helpers import http_complete, open_task, submitted_dossier
from tests.flows.test_signatures import PASSPHRASE, SIGNER, unsigned_pdf

from .helpers import to_result_ready

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]


def execute_url(task):
    return task.flow_task.reverse("execute", args=[task.process_id, task.pk])


def test_level_4_result_is_uploaded_and_downloaded_by_its_owner_only(
    client, level4_procedure, citizen, other_citizen, staff, other_staff
):
    dossier = submitted_dossier(level4_procedure, citizen)
    to_result_ready(dossier, staff)
    task = open_task(dossier, DossierFlow.return_result)
    http_complete(
        client,
        task,
        staff[Role.RECEPTION],
        {
            "method": ResultReturnMethod.ONLINE,
            "result_file": upload("Giấy khai sinh <bản chính>.pdf", PDF_BYTES),
            "note": "",
        },
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED and dossier.returned_at is not None
    result = ResultFile.objects.get(dossier=dossier)
    assert (
        result.original_name == "Giấy khai sinh bản chính.pdf" and result.uploaded_by == staff[Role.RECEPTION]
    )
    assert ResultReturn.objects.get(dossier=dossier).method == ResultReturnMethod.ONLINE
    url = f"/ho-so-cua-toi/{dossier.pk}/ket-qua/{result.pk}/"
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert url in detail and "Giấy khai sinh bản chính.pdf" in detail
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "private, no-store"
    for outsider in (other_citizen, staff[Role.RECEPTION], other_staff[Role.RECEPTION]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_online_return_needs_a_result_file_and_an_infected_one_is_refused(
    client, level4_procedure, citizen, staff
):
    dossier = submitted_dossier(level4_procedure, citizen)
    to_result_ready(dossier, staff)
    task = open_task(dossier, DossierFlow.return_result)
    client.force_login(staff[Role.RECEPTION])
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    response = client.post(
        execute_url(task), {"method": ResultReturnMethod.ONLINE, "note": "ghi chú giữ lại"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy tải lên tệp kết quả để người nộp tải về." in page and "ghi chú giữ lại" in page
    response = client.post(
        execute_url(task), {"method": ResultReturnMethod.ONLINE, "result_file": upload("kq.pdf", EICAR)}
    )
    assert response.status_code == 200
    assert "mã độc" in response.content.decode().lower()
    assert MalwareIncident.objects.filter(dossier=dossier).exists()
    assert not ResultFile.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE
    assert open_task(dossier, DossierFlow.return_result)


def test_result_returned_at_the_counter(client, level3_procedure, citizen, staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    to_result_ready(dossier, staff)
    task = open_task(dossier, DossierFlow.return_result)
    client.force_login(staff[Role.RECEPTION])
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    form = client.get(execute_url(task)).content.decode()
    assert 'value="online"' not in form and 'name="result_file"' not in form  # level 3: no online result
    response = client.post(
        execute_url(task),
        {
            "method": ResultReturnMethod.COUNTER,
            "recipient_name": "Trần Thị Bình",
            "recipient_id_number": "079123456789",
            "returned_at": "2026-11-27T09:30",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    result = ResultReturn.objects.get(dossier=dossier)
    assert result.method == ResultReturnMethod.COUNTER and result.recipient_name == "Trần Thị Bình"
    assert result.recipient_id_number == "079123456789" and result.recorded_by == staff[Role.RECEPTION]
    assert (
        result.returned_at.strftime("%d/%m/%Y") == "27/11/2026" and dossier.returned_at == result.returned_at
    )


def test_result_sent_by_post_then_delivered(client, level3_procedure, citizen, staff, other_staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    to_result_ready(dossier, staff)
    task = open_task(dossier, DossierFlow.return_result)
    client.force_login(staff[Role.RECEPTION])
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    response = client.post(
        execute_url(task), {"method": ResultReturnMethod.POST, "postal_address": "12 Lê Lợi"}
    )
    assert response.status_code == 200
    assert "Bắt buộc khi trả kết quả qua dịch vụ bưu chính công ích." in response.content.decode()
    response = client.post(
        execute_url(task),
        {
            "method": ResultReturnMethod.POST,
            "postal_address": "12 Lê Lợi, phường 1, Bến Tre",
            "tracking_number": "EB123456789VN",
            "sent_on": "2026-11-27",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    result = ResultReturn.objects.get(dossier=dossier)
    assert (result.tracking_number, result.sent_on, result.delivered_on) == (
        "EB123456789VN",
        date(2026, 11, 27),
        None,
    )
    url = f"/xu-ly-ho-so/{dossier.pk}/phi-va-ket-qua/"
    client.force_login(other_staff[Role.RECEPTION])
    assert client.post(url, {"action": "delivered", "delivered_on": "2026-11-28"}).status_code == 404
    client.force_login(staff[Role.RECEPTION])
    response = client.post(url, {"action": "delivered", "delivered_on": "2026-11-26"})
    assert response.status_code == 200
    assert "Ngày phát không được trước ngày gửi." in response.content.decode()
    assert client.post(url, {"action": "delivered", "delivered_on": "2026-11-28"}).status_code == 302
    result.refresh_from_db()
    assert result.delivered_on == date(2026, 11, 28)
    assert 'name="delivered_on"' not in client.get(url).content.decode()
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "EB123456789VN" in detail and "28/11/2026" in detail


def test_result_services_are_scoped_to_the_agency(level4_procedure, citizen, staff, other_staff):
    dossier = submitted_dossier(level4_procedure, citizen)
    with pytest.raises(ValidationError):  # not ready yet
        flow_services.result_file_attach(
            dossier=dossier, upload=upload("kq.pdf", PDF_BYTES), user=staff[Role.RECEPTION]
        )
    to_result_ready(dossier, staff)
    with pytest.raises(PermissionDenied):
        flow_services.result_file_attach(
            dossier=dossier, upload=upload("kq.pdf", PDF_BYTES), user=other_staff[Role.RECEPTION]
        )
    with pytest.raises(PermissionDenied):
        flow_services.result_delivery_confirm(
            dossier=dossier, actor=other_staff[Role.RECEPTION], delivered_on=date(2026, 11, 28)
        )
    with pytest.raises(ValidationError):
        flow_services.dossier_return_result(
            dossier=dossier, actor=staff[Role.RECEPTION], delivery={"method": ResultReturnMethod.ONLINE}
        )
    assert not ResultFile.objects.exists()


def test_a_pdf_result_is_signed_with_the_agency_key_when_the_operator_gave_one(
    pki, settings, monkeypatch, level4_procedure, citizen, staff
):
    settings.SIGNATURE_TRUST_ROOTS = str(pki / "trusted" / "ca.pem")
    result_pdf = unsigned_pdf()
    unsigned_dossier = submitted_dossier(level4_procedure, citizen)
    to_result_ready(unsigned_dossier, staff)
    as_uploaded = flow_services.result_file_attach(
        dossier=unsigned_dossier, upload=upload("kq.pdf", result_pdf), user=staff[Role.RECEPTION]
    )
    assert as_uploaded.file.read() == result_pdf  # no key configured: kept as uploaded

    settings.SIGNING_PKCS12_DIR = str(pki / "keys")
    monkeypatch.setenv(f"SIGNING_PASSPHRASE_{level4_procedure.agency.code.upper()}", PASSPHRASE.decode())
    (pki / "keys" / f"{level4_procedure.agency.code.lower()}.p12").write_bytes(
        (pki / "keys" / "stp.p12").read_bytes()
    )
    dossier = submitted_dossier(level4_procedure, citizen)
    to_result_ready(dossier, staff)
    result = flow_services.result_file_attach(
        dossier=dossier, upload=upload("kq.pdf", result_pdf), user=staff[Role.RECEPTION]
    )
    signed = result.file.read()
    assert result.size == len(signed) > len(result_pdf)
    verified = pdf_signature_verify(pdf=signed)
    assert verified.intact and verified.trusted and verified.signer_name == SIGNER


def test_result_download_and_return_form_query_counts(
    client, level4_procedure, citizen, staff, django_assert_max_num_queries
):
    dossier = submitted_dossier(level4_procedure, citizen)
    to_result_ready(dossier, staff)
    task = open_task(dossier, DossierFlow.return_result)
    client.force_login(staff[Role.RECEPTION])
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    with django_assert_max_num_queries(40):
        assert client.get(execute_url(task)).status_code == 200
    result = flow_services.result_file_attach(
        dossier=dossier, upload=upload("kq.pdf", PDF_BYTES), user=staff[Role.RECEPTION]
    )
    flow_services.dossier_return_result(
        dossier=dossier, actor=staff[Role.RECEPTION], delivery={"method": ResultReturnMethod.ONLINE}
    )
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        assert client.get(f"/ho-so-cua-toi/{dossier.pk}/ket-qua/{result.pk}/").status_code == 200
