"""The desk: payments at the counter and by transfer, refunds (R-SUB-3/5, R-RES-3), agency scoping."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from flows import services as flow_services
from flows.choices import DossierStatus
from flows.payments import services
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.models import Payment, Refund
from flows.payments.selectors import dossier_account
from portal.accounts.roles import Role
from tests.flows.helpers import submitted_dossier

from .conftest import COPY_FEE_VND, FEE_VND
from .helpers import refuse, to_result_ready

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]

TOTAL = FEE_VND + COPY_FEE_VND


def fees_url(dossier):
    return f"/xu-ly-ho-so/{dossier.pk}/phi-va-ket-qua/"


def test_reception_records_a_payment_at_the_counter(client, level3_procedure, citizen, staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    client.force_login(staff[Role.RECEPTION])
    page = client.get(fees_url(dossier)).content.decode()
    assert "Phí bản sao" in page and "170.000" in page
    response = client.post(
        fees_url(dossier),
        {"action": "counter", "counter-amount_vnd": TOTAL, "counter-receipt_number": "BL-2026-0042"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get(dossier=dossier)
    assert payment.method == PaymentMethod.COUNTER and payment.status == PaymentStatus.PAID
    assert payment.amount_vnd == TOTAL and payment.receipt_number == "BL-2026-0042"
    assert payment.recorded_by == staff[Role.RECEPTION] and payment.paid_at is not None
    assert dossier_account(dossier=dossier).balance == 0
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "BL-2026-0042" in detail and "Tại Bộ phận một cửa" in detail


def test_the_counter_refuses_more_than_is_owed_and_keeps_what_was_typed(
    client, level3_procedure, citizen, staff
):
    dossier = submitted_dossier(level3_procedure, citizen)
    client.force_login(staff[Role.RECEPTION])
    response = client.post(
        fees_url(dossier),
        {"action": "counter", "counter-amount_vnd": TOTAL + 1, "counter-receipt_number": "BL-9"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số tiền phải từ 1 đến 170.000 đồng còn phải nộp." in page
    assert 'value="BL-9"' in page
    assert not Payment.objects.exists()


def test_reception_records_a_postal_transfer(client, level4_procedure, citizen, staff, agency):
    agency.bank_account_holder = "Sở Tư pháp tỉnh"
    agency.bank_account_number = "0123456789"
    agency.bank_name = "Kho bạc Nhà nước"
    agency.save()
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "0123456789" in detail and "Kho bạc Nhà nước" in detail and dossier.code in detail
    client.force_login(staff[Role.RECEPTION])
    response = client.post(
        fees_url(dossier),
        {
            "action": "transfer",
            "transfer-amount_vnd": FEE_VND,
            "transfer-reference": "BD-778899",
            "transfer-paid_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get(dossier=dossier)
    assert payment.method == PaymentMethod.POSTAL_TRANSFER and payment.transfer_reference == "BD-778899"
    assert payment.recorded_by == staff[Role.RECEPTION]
    assert dossier_account(dossier=dossier).balance == COPY_FEE_VND


def test_every_desk_action_is_scoped_to_the_agency(client, level3_procedure, citizen, staff, other_staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    for outsider in (other_staff[Role.RECEPTION], staff[Role.SPECIALIST], staff[Role.HEAD], citizen):
        client.force_login(outsider)
        assert client.get(fees_url(dossier)).status_code == 404
        for data in (
            {"action": "counter", "counter-amount_vnd": 1, "counter-receipt_number": "X"},
            {
                "action": "transfer",
                "transfer-amount_vnd": 1,
                "transfer-reference": "X",
                "transfer-paid_on": "2026-11-20",
            },
            {"action": "delivered", "delivered_on": "2026-11-20"},
        ):
            assert client.post(fees_url(dossier), data).status_code == 404
        # Another agency's reception finds nothing; other roles and citizens do not reach the page.
        found = client.get("/xu-ly-ho-so/thu-phi/", {"code": dossier.code})
        assert found.status_code == (200 if outsider == other_staff[Role.RECEPTION] else 404)
    assert not Payment.objects.exists()
    with pytest.raises(PermissionDenied):
        services.payment_counter_record(
            dossier=dossier, officer=other_staff[Role.RECEPTION], amount_vnd=1, receipt_number="X"
        )
    with pytest.raises(PermissionDenied):
        services.refund_record(
            dossier=dossier,
            officer=staff[Role.SPECIALIST],
            amount_vnd=1,
            refunded_on=date(2026, 11, 20),
            reason="x",
            account_holder="x",
            account_number="1",
            bank_name="x",
        )


def test_reception_finds_its_own_dossiers_by_code(client, level3_procedure, citizen, staff, other_staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    client.force_login(staff[Role.RECEPTION])
    response = client.get("/xu-ly-ho-so/thu-phi/", {"code": dossier.code.lower()})
    assert response.status_code == 302 and response["Location"] == fees_url(dossier)
    page = client.get("/xu-ly-ho-so/thu-phi/", {"code": "SXD-000000-0001"}).content.decode()
    assert "Không có hồ sơ nào của cơ quan bạn có mã này." in page


def refund_data(amount=TOTAL):
    return {
        "action": "refund",
        "refund-amount_vnd": amount,
        "refund-refunded_on": "2026-11-25",
        "refund-reason": "Hồ sơ không được tiếp nhận sau khi đã nộp phí",
        "refund-account_holder": "Nguyễn Văn An",
        "refund-account_number": "9704000011112222",
        "refund-bank_name": "Ngân hàng Nông nghiệp",
    }


def test_a_refused_dossier_that_was_paid_is_refunded(client, level3_procedure, citizen, staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    services.payment_counter_record(
        dossier=dossier, officer=staff[Role.RECEPTION], amount_vnd=TOTAL, receipt_number="BL-1"
    )
    client.force_login(staff[Role.RECEPTION])
    assert "refund-reason" not in client.get(fees_url(dossier)).content.decode()  # not refused yet
    assert client.post(fees_url(dossier), refund_data()).status_code == 200
    assert not Refund.objects.exists()
    refuse(dossier, staff)
    assert dossier.status == DossierStatus.REFUSED
    page = client.get(fees_url(dossier)).content.decode()
    assert "refund-reason" in page and "counter-receipt_number" not in page
    assert client.post(fees_url(dossier), refund_data(TOTAL + 1)).status_code == 200
    response = client.post(fees_url(dossier), refund_data())
    assert response.status_code == 302
    refund = Refund.objects.get(dossier=dossier)
    assert refund.amount_vnd == TOTAL and refund.officer == staff[Role.RECEPTION]
    assert refund.refunded_on == date(2026, 11, 25) and refund.account_number == "9704000011112222"
    assert "không được tiếp nhận" in refund.reason
    assert dossier_account(dossier=dossier).refundable == 0
    # Everything paid was refunded: no second refund.
    assert (
        client.post(fees_url(dossier), refund_data(1)).status_code == 404
        or not Refund.objects.filter(amount_vnd=1).exists()
    )
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "Hoàn trả phí" in detail and "25/11/2026" in detail


def test_a_stopped_dossier_is_refunded(level3_procedure, citizen, staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    services.payment_counter_record(
        dossier=dossier, officer=staff[Role.RECEPTION], amount_vnd=FEE_VND, receipt_number="BL-2"
    )
    flow_services.dossier_stop(
        dossier=dossier, actor=staff[Role.RECEPTION], reason="Cơ quan không thể giải quyết"
    )
    refund = services.refund_record(
        dossier=dossier,
        officer=staff[Role.RECEPTION],
        amount_vnd=FEE_VND,
        refunded_on=date(2026, 11, 26),
        reason="Dừng xử lý",
        account_holder="An",
        account_number="1",
        bank_name="VCB",
    )
    assert refund.pk and dossier_account(dossier=dossier).refunded == FEE_VND


def test_no_refund_when_the_result_was_ready_and_not_collected(client, level3_procedure, citizen, staff):
    dossier = submitted_dossier(level3_procedure, citizen)
    services.payment_counter_record(
        dossier=dossier, officer=staff[Role.RECEPTION], amount_vnd=TOTAL, receipt_number="BL-3"
    )
    to_result_ready(dossier, staff)
    assert dossier.status == DossierStatus.DONE
    client.force_login(staff[Role.RECEPTION])
    page = client.get(fees_url(dossier)).content.decode()
    assert "refund-reason" not in page
    assert "không hoàn trả phí khi người nộp không đến nhận kết quả" in page
    response = client.post(fees_url(dossier), refund_data())
    assert response.status_code == 200
    assert "không hoàn trả phí khi người nộp không đến nhận kết quả" in response.content.decode()
    with pytest.raises(ValidationError):
        services.refund_record(
            dossier=dossier,
            officer=staff[Role.RECEPTION],
            amount_vnd=TOTAL,
            refunded_on=date(2026, 11, 26),
            reason="Người nộp không đến nhận",
            account_holder="An",
            account_number="1",
            bank_name="VCB",
        )
    assert not Refund.objects.exists()


def test_staff_fee_page_queries_do_not_grow(
    client, level3_procedure, citizen, staff, django_assert_max_num_queries
):
    dossier = submitted_dossier(level3_procedure, citizen)
    client.force_login(staff[Role.RECEPTION])
    client.get(fees_url(dossier))
    with django_assert_max_num_queries(25) as few:
        assert client.get(fees_url(dossier)).status_code == 200
    for number in range(6):
        services.payment_counter_record(
            dossier=dossier, officer=staff[Role.RECEPTION], amount_vnd=1000, receipt_number=f"BL-{number}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(fees_url(dossier)).content.decode()
    assert "BL-5" in page
    with django_assert_max_num_queries(20):
        assert client.get("/xu-ly-ho-so/thu-phi/").status_code == 200


def test_the_admin_menu_links_reception_to_the_fee_screen(client, make_user, agency):
    from tests.flows.test_admin import sidebar_links

    officer = make_user("bientap.stp", agency=agency, role=Role.EDITOR)
    client.force_login(officer)
    assert "/xu-ly-ho-so/thu-phi/" not in sidebar_links(client).values()
    officer.groups.add(*make_user("tmp", role=Role.RECEPTION).groups.all())
    assert sidebar_links(client)["Phí, lệ phí và trả kết quả"] == "/xu-ly-ho-so/thu-phi/"
