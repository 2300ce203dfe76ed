"""VNPay 2.1.0: the signature, and the round trip through the local test gateway over HTTP."""

import hashlib
import hmac
from urllib.parse import parse_qsl, urlsplit

from django.test import override_settings

import pytest

from flows.choices import DossierStatus
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.fake_gateway import result_params
from flows.payments.gateways.vnpay import VNPayProvider, vnpay_hash_data, vnpay_sign, vnpay_signature_valid
from flows.payments.models import DossierFee, Payment
from flows.payments.selectors import dossier_account
from services_catalog.models import ProcedureFee
from tests.flows.helpers import submitted_dossier

from .conftest import COPY_FEE_VND, FEE_VND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]

TOTAL = FEE_VND + COPY_FEE_VND

# A known vector made by hand from VNPay's documented algorithm (sorted vnp_* keys, values
# URL-encoded as form values, joined with '&', HMAC-SHA512 in hex), computed outside Python with
# `printf '%s' "$DATA" | openssl dgst -sha512 -hmac "$SECRET"`.
VECTOR_SECRET = "VNPAYTESTSECRET0123456789ABCDEF"
VECTOR_PARAMS = {
    "vnp_Version": "2.1.0",
    "vnp_Command": "pay",
    "vnp_TmnCode": "DEVTEST1",
    "vnp_Amount": "15000000",
    "vnp_CurrCode": "VND",
    "vnp_TxnRef": "42T0A1B2C3D4E5F",
    "vnp_OrderInfo": "Thanh toan phi ho so STP-261129-0001",
    "vnp_OrderType": "other",
    "vnp_Locale": "vn",
    "vnp_ReturnUrl": "https://dichvucong.example.vn/thanh-toan/vnpay/ket-qua/",
    "vnp_IpAddr": "127.0.0.1",
    "vnp_CreateDate": "20261129120000",
}
VECTOR_DATA = (
    "vnp_Amount=15000000&vnp_Command=pay&vnp_CreateDate=20261129120000&vnp_CurrCode=VND"
    "&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+phi+ho+so+STP-261129-0001"
    "&vnp_OrderType=other"
    "&vnp_ReturnUrl=https%3A%2F%2Fdichvucong.example.vn%2Fthanh-toan%2Fvnpay%2Fket-qua%2F"
    "&vnp_TmnCode=DEVTEST1&vnp_TxnRef=42T0A1B2C3D4E5F&vnp_Version=2.1.0"
)
VECTOR_HASH = (
    "bc4db0190dc945ca63fec632ccd52368ad3aa29486bb4ce126fed5fcd6e5d82f"
    "1e110aa650777ed34d680d04e83fc756a91aebd2880ea2a2e1caeeb75ddf8ad3"
)


def test_signature_matches_the_known_vector():
    assert vnpay_hash_data(VECTOR_PARAMS) == VECTOR_DATA
    assert vnpay_sign(VECTOR_PARAMS, VECTOR_SECRET) == VECTOR_HASH
    # The hash fields and foreign parameters are not signed.
    extra = {**VECTOR_PARAMS, "vnp_SecureHash": "x", "vnp_SecureHashType": "SHA512", "utm": "1"}
    assert vnpay_sign(extra, VECTOR_SECRET) == VECTOR_HASH
    assert vnpay_signature_valid({**VECTOR_PARAMS, "vnp_SecureHash": VECTOR_HASH.upper()}, VECTOR_SECRET)
    tampered = {**VECTOR_PARAMS, "vnp_Amount": "15000100", "vnp_SecureHash": VECTOR_HASH}
    assert not vnpay_signature_valid(tampered, VECTOR_SECRET)
    assert not vnpay_signature_valid({**VECTOR_PARAMS, "vnp_SecureHash": VECTOR_HASH}, "other-secret")


def test_the_fee_items_are_snapshotted_at_submission(level4_procedure, citizen):
    dossier = submitted_dossier(level4_procedure, citizen)
    assert list(DossierFee.objects.filter(dossier=dossier).values_list("label", "amount_vnd")) == [
        ("Lệ phí cấp giấy", FEE_VND),
        ("Phí bản sao", COPY_FEE_VND),
    ]
    ProcedureFee.objects.filter(procedure=level4_procedure).update(amount_vnd=999_000)
    assert dossier_account(dossier=dossier).owed == TOTAL


def start_payment(client, dossier):
    """The citizen presses "Pay online": a pending payment and a redirect to the gateway."""
    response = client.post(f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/cong-thanh-toan-thu/"
    params = dict(parse_qsl(location.query))
    payment = Payment.objects.get(dossier=dossier, status=PaymentStatus.PENDING)
    assert params["vnp_Amount"] == str(TOTAL * 100) and params["vnp_TxnRef"] == payment.txn_ref
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    return payment, params


def gateway_acts(client, params, action):
    page = client.get("/cong-thanh-toan-thu/", params)
    assert page.status_code == 200
    assert "170.000" in page.content.decode()
    response = client.post("/cong-thanh-toan-thu/", {**params, "action": action})
    assert response.status_code == 302
    back = urlsplit(response["Location"])
    assert back.path == "/thanh-toan/vnpay/ket-qua/"
    return dict(parse_qsl(back.query))


def test_citizen_pays_through_the_test_gateway(client, level4_procedure, citizen):
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/" in detail
    payment, params = start_payment(client, dossier)
    returned = gateway_acts(client, params, "pay")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.paid_at is not None
    assert payment.method == PaymentMethod.ONLINE and payment.provider_transaction_no
    assert payment.notification["vnp_ResponseCode"] == "00"
    assert dossier_account(dossier=dossier).balance == 0
    page = client.get("/thanh-toan/vnpay/ket-qua/", returned)
    assert page.status_code == 200
    assert "Thanh toán của bạn đã được xác nhận" in page.content.decode()
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/" not in detail
    assert "Trực tuyến" in detail and payment.provider_transaction_no in detail
    # Nothing left to pay: a second attempt is refused.
    client.post(f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/")
    assert Payment.objects.filter(dossier=dossier).count() == 1


def test_a_cancelled_payment_takes_nothing_and_can_be_retried(client, level4_procedure, citizen):
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(citizen)
    payment, params = start_payment(client, dossier)
    returned = gateway_acts(client, params, "cancel")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED and payment.response_code == "24"
    assert dossier_account(dossier=dossier).balance == TOTAL
    page = client.get("/thanh-toan/vnpay/ket-qua/", returned).content.decode()
    assert "Không có khoản tiền nào bị trừ" in page
    second, _params = start_payment(client, dossier)
    assert second.pk != payment.pk and second.txn_ref != payment.txn_ref


def ipn(client, params):
    response = client.get("/thanh-toan/vnpay/ipn/", params)
    assert response.status_code == 200
    return response.json()


def pending_payment(client, procedure, citizen):
    dossier = submitted_dossier(procedure, citizen)
    client.force_login(citizen)
    payment, params = start_payment(client, dossier)
    client.logout()  # VNPay's server has no session
    return payment, params


def test_a_forged_notification_is_rejected(client, level4_procedure, citizen, settings):
    payment, params = pending_payment(client, level4_procedure, citizen)
    forged = result_params(params, paid=True, secret="not-the-merchant-secret")
    assert ipn(client, forged) == {"RspCode": "97", "Message": "Invalid signature"}
    unsigned = {key: value for key, value in forged.items() if key != "vnp_SecureHash"}
    assert ipn(client, unsigned)["RspCode"] == "97"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_a_wrong_amount_is_rejected(client, level4_procedure, citizen, settings):
    payment, params = pending_payment(client, level4_procedure, citizen)
    cheaper = result_params(
        {**params, "vnp_Amount": str(TOTAL)}, paid=True, secret=settings.VNPAY_HASH_SECRET
    )
    assert ipn(client, cheaper) == {"RspCode": "04", "Message": "Invalid amount"}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_an_unknown_order_is_not_found(client, level4_procedure, citizen, settings):
    _payment, params = pending_payment(client, level4_procedure, citizen)
    unknown = result_params(
        {**params, "vnp_TxnRef": "999TNOTHERE"}, paid=True, secret=settings.VNPAY_HASH_SECRET
    )
    assert ipn(client, unknown) == {"RspCode": "01", "Message": "Order not found"}


def test_the_same_notification_twice_changes_nothing(client, level4_procedure, citizen, settings):
    payment, params = pending_payment(client, level4_procedure, citizen)
    paid = result_params(params, paid=True, secret=settings.VNPAY_HASH_SECRET)
    assert ipn(client, paid) == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    first = (payment.status, payment.paid_at, payment.provider_transaction_no)
    assert first[0] == PaymentStatus.PAID
    assert ipn(client, paid) == {"RspCode": "02", "Message": "Order already confirmed"}
    # A later, different notification (cancelled) cannot undo the confirmed payment either.
    cancelled = result_params(params, paid=False, secret=settings.VNPAY_HASH_SECRET)
    assert ipn(client, cancelled)["RspCode"] == "02"
    payment.refresh_from_db()
    assert (payment.status, payment.paid_at, payment.provider_transaction_no) == first
    assert Payment.objects.filter(dossier=payment.dossier).count() == 1


def test_the_return_url_never_changes_the_payment(client, level4_procedure, citizen, settings):
    payment, params = pending_payment(client, level4_procedure, citizen)
    success = result_params(params, paid=True, secret=settings.VNPAY_HASH_SECRET)
    client.force_login(citizen)
    page = client.get("/thanh-toan/vnpay/ket-qua/", success)
    assert page.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and payment.paid_at is None
    assert "chờ xác nhận" in page.content.decode()
    forged = client.get("/thanh-toan/vnpay/ket-qua/", {**success, "vnp_Amount": "1"})
    assert forged.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_the_return_page_is_only_for_the_payer(client, level4_procedure, citizen, other_citizen, settings):
    _payment, params = pending_payment(client, level4_procedure, citizen)
    success = result_params(params, paid=True, secret=settings.VNPAY_HASH_SECRET)
    client.force_login(other_citizen)
    assert client.get("/thanh-toan/vnpay/ket-qua/", success).status_code == 404


def test_only_the_applicant_of_a_level_4_dossier_pays_online(
    client, level3_procedure, level4_procedure, citizen, other_citizen
):
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(other_citizen)
    assert client.post(f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/").status_code == 404
    level3 = submitted_dossier(level3_procedure, citizen)
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{level3.pk}/").content.decode()
    assert f"/ho-so-cua-toi/{level3.pk}/thanh-toan/" not in detail
    assert "170.000" in detail  # what is owed is shown all the same
    response = client.post(f"/ho-so-cua-toi/{level3.pk}/thanh-toan/")
    assert response.status_code == 302
    assert not Payment.objects.filter(dossier__in=[dossier, level3]).exists()


def test_a_withdrawn_dossier_is_not_paid_online(client, level4_procedure, citizen):
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(citizen)
    client.post(f"/ho-so-cua-toi/{dossier.pk}/rut/")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    client.post(f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/")
    assert not Payment.objects.filter(dossier=dossier).exists()


def test_the_test_gateway_is_off_unless_enabled(client, level4_procedure, citizen):
    _payment, params = pending_payment(client, level4_procedure, citizen)
    with override_settings(PAYMENTS_FAKE_GATEWAY=False):
        assert client.get("/cong-thanh-toan-thu/", params).status_code == 404
        assert client.post("/cong-thanh-toan-thu/", {**params, "action": "pay"}).status_code == 404
    # A request it did not sign is refused even when enabled.
    assert client.get("/cong-thanh-toan-thu/", {**params, "vnp_Amount": "100"}).status_code == 400


def test_production_settings_keep_the_test_gateway_off():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "portal" / "settings" / "production.py").read_text()
    assert "PAYMENTS_FAKE_GATEWAY = False" in text


def test_the_transaction_query_is_signed_as_documented(level4_procedure, citizen, settings):
    dossier = submitted_dossier(level4_procedure, citizen)
    payment = Payment.objects.create(
        dossier=dossier, method=PaymentMethod.ONLINE, amount_vnd=TOTAL, provider="vnpay", txn_ref="77TABC"
    )
    sent = {}

    def post(url, body):
        sent.update(url=url, body=body)
        return {"vnp_ResponseCode": "00", "vnp_TransactionStatus": "00"}

    provider = VNPayProvider()
    answer = provider.query(payment=payment, client_ip="10.0.0.1", post=post)
    assert answer["vnp_ResponseCode"] == "00"
    body = sent["body"]
    assert sent["url"] == settings.VNPAY_API_URL
    assert body["vnp_Command"] == "querydr" and body["vnp_TxnRef"] == "77TABC"
    fields = [
        body[key]
        for key in (
            "vnp_RequestId",
            "vnp_Version",
            "vnp_Command",
            "vnp_TmnCode",
            "vnp_TxnRef",
            "vnp_TransactionDate",
            "vnp_CreateDate",
            "vnp_IpAddr",
            "vnp_OrderInfo",
        )
    ]
    expected = hmac.new(
        settings.VNPAY_HASH_SECRET.encode(), "|".join(fields).encode(), hashlib.sha512
    ).hexdigest()
    assert body["vnp_SecureHash"] == expected
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING  # a query only reads


def test_dossier_page_queries_do_not_grow_with_payments(
    client, level4_procedure, citizen, django_assert_max_num_queries
):
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(citizen)
    url = f"/ho-so-cua-toi/{dossier.pk}/"
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for number in range(5):
        Payment.objects.create(
            dossier=dossier,
            method=PaymentMethod.COUNTER,
            status=PaymentStatus.PAID,
            amount_vnd=1000,
            receipt_number=f"BL-{number}",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert "BL-4" in page.content.decode()


def test_gateway_and_return_pages_query_counts(
    client, level4_procedure, citizen, settings, django_assert_max_num_queries
):
    _payment, params = pending_payment(client, level4_procedure, citizen)
    with django_assert_max_num_queries(12):
        assert client.get("/cong-thanh-toan-thu/", params).status_code == 200
    client.force_login(citizen)
    success = result_params(params, paid=True, secret=settings.VNPAY_HASH_SECRET)
    with django_assert_max_num_queries(16):
        assert client.get("/thanh-toan/vnpay/ket-qua/", success).status_code == 200
    with django_assert_max_num_queries(8):
        assert ipn(client, success)["RspCode"] == "00"


def test_without_vnpay_settings_no_online_payment_is_offered(client, level4_procedure, citizen, settings):
    settings.VNPAY_HASH_SECRET = ""
    dossier = submitted_dossier(level4_procedure, citizen)
    client.force_login(citizen)
    detail = client.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/" not in detail and "170.000" in detail
    assert client.post(f"/ho-so-cua-toi/{dossier.pk}/thanh-toan/").status_code == 302
    assert not Payment.objects.exists()


def test_empty_values_are_signed_as_in_vnpays_samples():
    assert vnpay_hash_data({"vnp_BankTranNo": "", "vnp_Amount": "100"}) == "vnp_Amount=100&vnp_BankTranNo="


def test_an_unexpected_error_answers_99_and_changes_nothing(
    client, level4_procedure, citizen, settings, monkeypatch
):
    payment, params = pending_payment(client, level4_procedure, citizen)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Payment, "save", broken_save)
    paid = result_params(params, paid=True, secret=settings.VNPAY_HASH_SECRET)
    assert ipn(client, paid) == {"RspCode": "99", "Message": "Unknown error"}
    monkeypatch.undo()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert ipn(client, paid)["RspCode"] == "00"  # VNPay retries; the retry confirms it
