"""VNPay 2.1.0: payment URL, return check, server notification (IPN) and transaction query.

The signature is VNPay's documented one: the `vnp_*` parameters except `vnp_SecureHash` and
`vnp_SecureHashType`, sorted by name, each written `key=value` with the value URL-encoded as a form
value (spaces as `+`, like PHP's `urlencode` and Python's `quote_plus` in VNPay's samples), joined with
`&` (empty values included, as in VNPay's PHP and Python IPN samples); the signature is the hex
HMAC-SHA512 of that string under the merchant's hash secret. The amount is sent in đồng times 100.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import urllib.request
from datetime import timedelta
from urllib.parse import quote_plus

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from flows.calendar import VIETNAM_TZ
from flows.payments.choices import PaymentStatus
from flows.payments.gateways.base import NotificationResult, ReturnResult

logger = logging.getLogger(__name__)

VERSION = "2.1.0"
HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")
PAYMENT_TIMEOUT = timedelta(minutes=15)
# vnp_ResponseCode and vnp_TransactionStatus both "00": the money was taken.
SUCCESS = "00"
CANCELLED_BY_CUSTOMER = "24"
# The answers VNPay expects from the IPN (RspCode, Message).
IPN_CONFIRMED = ("00", "Confirm Success")
IPN_NOT_FOUND = ("01", "Order not found")
IPN_ALREADY_CONFIRMED = ("02", "Order already confirmed")
IPN_INVALID_AMOUNT = ("04", "Invalid amount")
IPN_INVALID_SIGNATURE = ("97", "Invalid signature")
IPN_UNKNOWN_ERROR = ("99", "Unknown error")


def vnpay_hash_data(params: dict[str, str]) -> str:
    """The string VNPay signs: sorted `vnp_*` parameters, URL-encoded values, joined with '&'."""
    items = sorted(
        (key, str(value))
        for key, value in params.items()
        if key.startswith("vnp_") and key not in HASH_FIELDS and value is not None
    )
    return "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key, value in items)


def vnpay_sign(params: dict[str, str], secret: str) -> str:
    return hmac.new(
        secret.encode("utf-8"), vnpay_hash_data(params).encode("utf-8"), hashlib.sha512
    ).hexdigest()


def vnpay_signature_valid(params: dict[str, str], secret: str) -> bool:
    received = str(params.get("vnp_SecureHash", ""))
    if not received or not secret:
        return False
    return hmac.compare_digest(received.lower(), vnpay_sign(params, secret))


def vnpay_query_hash(values: list[str], secret: str) -> str:
    """The transaction query API signs its fields joined with '|' in a fixed order."""
    return hmac.new(secret.encode("utf-8"), "|".join(values).encode("utf-8"), hashlib.sha512).hexdigest()


def _vn_time(moment) -> str:
    return moment.astimezone(VIETNAM_TZ).strftime("%Y%m%d%H%M%S")


def new_txn_ref(*, dossier_id: int) -> str:
    return f"{dossier_id}T{secrets.token_hex(6).upper()}"


class VNPayProvider:
    name = "vnpay"

    def __init__(
        self,
        *,
        tmn_code: str | None = None,
        hash_secret: str | None = None,
        payment_url: str | None = None,
        api_url: str | None = None,
    ):
        self.tmn_code = tmn_code if tmn_code is not None else settings.VNPAY_TMN_CODE
        self.hash_secret = hash_secret if hash_secret is not None else settings.VNPAY_HASH_SECRET
        self.payment_url = payment_url if payment_url is not None else settings.VNPAY_PAYMENT_URL
        self.api_url = api_url if api_url is not None else settings.VNPAY_API_URL

    @property
    def configured(self) -> bool:
        return bool(self.tmn_code and self.hash_secret and self.payment_url)

    def payment_params(self, *, payment, return_url: str, client_ip: str, order_info: str) -> dict[str, str]:
        now = timezone.now()
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(payment.amount_vnd * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.txn_ref,
            "vnp_OrderInfo": order_info,
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": _vn_time(payment.created_at or now),
            "vnp_ExpireDate": _vn_time(now + PAYMENT_TIMEOUT),
        }

    def signed_query(self, params: dict[str, str]) -> str:
        query = vnpay_hash_data(params)
        return f"{query}&vnp_SecureHash={vnpay_sign(params, self.hash_secret)}"

    def create_payment_url(self, *, payment, return_url: str, client_ip: str, order_info: str) -> str:
        params = self.payment_params(
            payment=payment, return_url=return_url, client_ip=client_ip, order_info=order_info
        )
        return f"{self.payment_url}?{self.signed_query(params)}"

    def verify_return(self, params: dict[str, str]) -> ReturnResult:
        if not vnpay_signature_valid(params, self.hash_secret):
            return ReturnResult(signature_valid=False)
        code = params.get("vnp_ResponseCode", "")
        return ReturnResult(
            signature_valid=True,
            txn_ref=params.get("vnp_TxnRef", ""),
            success=code == SUCCESS and params.get("vnp_TransactionStatus", SUCCESS) == SUCCESS,
            response_code=code,
        )

    def handle_notification(self, params: dict[str, str]) -> NotificationResult:
        """VNPay's IPN: the only call that changes a payment. Checks in VNPay's documented order."""
        from flows.payments.models import Payment

        if not vnpay_signature_valid(params, self.hash_secret):
            return _answer(IPN_INVALID_SIGNATURE)
        txn_ref = params.get("vnp_TxnRef", "")
        try:
            with transaction.atomic():
                payment = (
                    Payment.objects.select_for_update().filter(txn_ref=txn_ref, provider=self.name).first()
                    if txn_ref
                    else None
                )
                if payment is None or params.get("vnp_TmnCode") != self.tmn_code:
                    return _answer(IPN_NOT_FOUND)
                if params.get("vnp_Amount") != str(payment.amount_vnd * 100):
                    return _answer(IPN_INVALID_AMOUNT)
                if payment.status != PaymentStatus.PENDING:
                    return _answer(IPN_ALREADY_CONFIRMED)
                code = params.get("vnp_ResponseCode", "")
                paid = code == SUCCESS and params.get("vnp_TransactionStatus") == SUCCESS
                payment.status = PaymentStatus.PAID if paid else PaymentStatus.FAILED
                payment.paid_at = timezone.now() if paid else None
                payment.response_code = code[:10]
                payment.provider_transaction_no = params.get("vnp_TransactionNo", "")[:40]
                payment.bank_code = params.get("vnp_BankCode", "")[:20]
                payment.notification = {key: str(value) for key, value in params.items()}
                payment.save()
        except Exception:
            logger.exception("VNPay IPN for %s could not be applied", txn_ref)
            return _answer(IPN_UNKNOWN_ERROR)
        return _answer(IPN_CONFIRMED, changed=True)

    def query_request(self, *, payment, client_ip: str) -> dict[str, str]:
        """The body of VNPay's transaction query (querydr), signed."""
        now = timezone.now()
        body = {
            "vnp_RequestId": secrets.token_hex(8),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": payment.txn_ref,
            "vnp_OrderInfo": f"Truy van giao dich {payment.txn_ref}",
            "vnp_TransactionDate": _vn_time(payment.created_at),
            "vnp_CreateDate": _vn_time(now),
            "vnp_IpAddr": client_ip or "127.0.0.1",
        }
        body["vnp_SecureHash"] = vnpay_query_hash(
            [
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
            ],
            self.hash_secret,
        )
        return body

    def query(self, *, payment, client_ip: str, post=None) -> dict:
        """Ask VNPay about the transaction; reads only (the IPN alone changes the payment)."""
        body = self.query_request(payment=payment, client_ip=client_ip)
        post = post or _post_json
        return post(self.api_url, body)


def _post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 (the operator's configured VNPay API URL)
        url, data=json.dumps(body).encode("utf-8"), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
        return json.loads(response.read().decode("utf-8"))


def _answer(pair: tuple[str, str], *, changed: bool = False) -> NotificationResult:
    code, message = pair
    return NotificationResult(
        code=code, message=message, changed=changed, body={"RspCode": code, "Message": message}
    )


def provider_default() -> VNPayProvider:
    return VNPayProvider()
