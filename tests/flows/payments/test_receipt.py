"""The fee receipt (biên lai thu phí, lệ phí) of a payment: its text, and who may download it (R-SUB-3)."""

import pytest

from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.documents import amount_in_words
from flows.payments.models import Payment
from portal.accounts.roles import Role
from tests.flows.documents.test_documents import pdf_text
from tests.flows.helpers import submitted_dossier

from .conftest import COPY_FEE_VND, FEE_VND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]


@pytest.mark.parametrize(
    "amount, words",
    [
        (0, "Không đồng"),
        (8_000, "Tám nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_508_000, "Một triệu năm trăm linh tám nghìn đồng"),
        (2_024_000, "Hai triệu không trăm hai mươi tư nghìn đồng"),
        (1_000_000_000, "Một tỷ đồng"),
    ],
)
def test_amounts_are_written_out_as_receipts_do(amount, words):
    assert amount_in_words(amount) == words


def test_a_counter_payment_prints_its_receipt_for_the_desk_and_the_applicant(
    client, level3_procedure, citizen, other_citizen, staff, other_staff
):
    dossier = submitted_dossier(level3_procedure, citizen)
    client.force_login(staff[Role.RECEPTION])
    client.post(
        f"/xu-ly-ho-so/{dossier.pk}/phi-va-ket-qua/",
        {
            "action": "counter",
            "counter-amount_vnd": FEE_VND + COPY_FEE_VND,
            "counter-receipt_number": "BL-0042",
        },
    )
    payment = Payment.objects.get(dossier=dossier, status=PaymentStatus.PAID, method=PaymentMethod.COUNTER)
    staff_url = f"/xu-ly-ho-so/{dossier.pk}/bien-lai/{payment.pk}.pdf"
    citizen_url = f"/ho-so-cua-toi/{dossier.pk}/bien-lai/{payment.pk}.pdf"
    assert staff_url in client.get(f"/xu-ly-ho-so/{dossier.pk}/phi-va-ket-qua/").content.decode()
    response = client.get(staff_url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert "Số: BL-0042" in text and dossier.code in text and dossier.applicant_name in text
    total = FEE_VND + COPY_FEE_VND
    assert f"{total:,}".replace(",", ".") + " ₫" in text
    assert amount_in_words(total) in text
    assert "Tại Bộ phận một cửa" in text

    client.force_login(citizen)
    assert citizen_url in client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert pdf_text(client.get(citizen_url).content) == text
    for intruder, url in ((other_citizen, citizen_url), (other_staff[Role.RECEPTION], staff_url)):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(citizen_url).status_code == 302


def test_a_payment_not_confirmed_has_no_receipt(client, level3_procedure, citizen):
    dossier = submitted_dossier(level3_procedure, citizen)
    pending = Payment.objects.create(
        dossier=dossier, method=PaymentMethod.ONLINE, amount_vnd=FEE_VND, txn_ref="T-PENDING"
    )
    client.force_login(citizen)
    assert client.get(f"/ho-so-cua-toi/{dossier.pk}/bien-lai/{pending.pk}.pdf").status_code == 404
