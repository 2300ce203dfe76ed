"""A local stand-in for VNPay's payment page, for development and tests only (PAYMENTS_FAKE_GATEWAY).

It speaks VNPay 2.1.0: it checks the signed payment request, shows a page to pay or cancel, then
calls the merchant's IPN with signed result parameters (as VNPay's server would) and sends the
browser to the return URL with the same signed parameters.
"""

from __future__ import annotations

import json
import secrets
import urllib.request
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBadRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils import timezone

from flows.calendar import VIETNAM_TZ
from flows.payments.gateways.vnpay import (
    CANCELLED_BY_CUSTOMER,
    SUCCESS,
    VNPayProvider,
    vnpay_sign,
    vnpay_signature_valid,
)

REQUEST_FIELDS = ("vnp_TmnCode", "vnp_Amount", "vnp_TxnRef", "vnp_OrderInfo", "vnp_ReturnUrl")


def _enabled() -> bool:
    return bool(getattr(settings, "PAYMENTS_FAKE_GATEWAY", False))


def result_params(request_params: dict[str, str], *, paid: bool, secret: str) -> dict[str, str]:
    """The signed parameters VNPay sends to the IPN and the return URL after the customer acts."""
    params = {
        "vnp_TmnCode": request_params["vnp_TmnCode"],
        "vnp_Amount": request_params["vnp_Amount"],
        "vnp_BankCode": "NCB",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": request_params["vnp_OrderInfo"],
        "vnp_PayDate": timezone.now().astimezone(VIETNAM_TZ).strftime("%Y%m%d%H%M%S"),
        "vnp_ResponseCode": SUCCESS if paid else CANCELLED_BY_CUSTOMER,
        "vnp_TransactionStatus": SUCCESS if paid else "02",
        "vnp_TransactionNo": str(secrets.randbelow(10**8)) if paid else "0",
        "vnp_TxnRef": request_params["vnp_TxnRef"],
    }
    if paid:
        params["vnp_BankTranNo"] = f"VNP{secrets.randbelow(10**8):08d}"
    params["vnp_SecureHash"] = vnpay_sign(params, secret)
    return params


def ipn_call(params: dict[str, str]) -> dict:
    """Call the merchant's IPN like VNPay's server: over HTTP when an absolute URL is configured,
    otherwise through this process's own IPN view."""
    target = getattr(settings, "PAYMENTS_FAKE_GATEWAY_IPN_URL", "")
    query = urlencode(params)
    if urlsplit(target).scheme in ("http", "https"):
        with urllib.request.urlopen(f"{target}?{query}", timeout=15) as response:  # noqa: S310 (dev setting)
            return json.loads(response.read().decode("utf-8"))
    from flows.payments.views import vnpay_ipn

    ipn_request = HttpRequest()
    ipn_request.method = "GET"
    ipn_request.GET = QueryDict(query)
    ipn_request.META = {"REMOTE_ADDR": "127.0.0.1", "QUERY_STRING": query}
    return json.loads(vnpay_ipn(ipn_request).content.decode("utf-8"))


def fake_gateway(request):
    if not _enabled():
        raise Http404
    provider = VNPayProvider()
    source = request.POST if request.method == "POST" else request.GET
    params = {key: source.get(key, "") for key in source if key.startswith("vnp_")}
    if not vnpay_signature_valid(params, provider.hash_secret) or any(
        not params.get(f) for f in REQUEST_FIELDS
    ):
        return HttpResponseBadRequest("Invalid payment request (signature).")
    if request.method == "POST":
        paid = request.POST.get("action") == "pay"
        result = result_params(params, paid=paid, secret=provider.hash_secret)
        ipn_call(result)
        return HttpResponseRedirect(f"{params['vnp_ReturnUrl']}?{urlencode(result)}")
    return render(
        request,
        "payments/fake_gateway.html",
        {"params": params, "amount_vnd": int(params["vnp_Amount"]) // 100},
    )
