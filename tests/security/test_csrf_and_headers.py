"""CSRF on every POST endpoint, and the security headers of the public pages."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from .urlmap import UnknownParameter, build_url, classify, url_entries

pytestmark = pytest.mark.django_db

# Endpoints that accept a POST without a CSRF token, each with the reason. Keep it empty if you can:
# a payment gateway's server-to-server callback (signed by the gateway) is the typical entry.
CSRF_EXEMPT = {
    r"^admin/api/main/": "Wagtail's admin API: Django REST framework, read-only (GET), csrf_exempt as DRF "
    "views are; DRF's session authentication checks CSRF itself on unsafe methods",
    r"^thanh-toan/vnpay/ipn/$": "VNPay's server-to-server notification (GET only), signed with HMAC-SHA512",
}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in citizen"])
def test_every_post_without_a_token_is_refused(world, signed_in):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if signed_in:
        client.force_login(world.owner)
    accepted = []
    for entry in url_entries():
        if classify(entry) is None or any(re.search(pattern, entry.route) for pattern in CSRF_EXEMPT):
            continue
        try:
            path = build_url(entry, world)
        except UnknownParameter:
            continue  # test_url_access reports it
        response = client.post(path, {"note": "x", "reason": "x"})
        if response.status_code != 403:
            accepted.append(f"POST {path} ({entry.route}) answered {response.status_code}")
    assert not accepted, "POST without a CSRF token not refused:\n" + "\n".join(accepted)


def test_a_form_posted_with_its_token_is_not_refused(world):
    """Guards the test above: with the token, the same client gets through."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    page = client.get(reverse("flows:lookup"))
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None
    response = client.get(reverse("accounts:profile"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:profile"), {"csrfmiddlewaretoken": token, "full_name": ""})
    assert page.status_code == 200 and response.status_code == 200  # the form, with its errors


PUBLIC_PAGES = [
    "/",
    "/tim-kiem/?q=khai+sinh",
    "/dang-nhap/",
    "/dang-ky/",
    "/tra-cuu-ho-so/",
    "/nop-ho-so/",
    "/quen-mat-khau/",
    "/api/v1/procedures/",
    "/api/v1/statistics/",
    "/khong-co-trang-nay/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_the_security_headers(client, world, path):
    paths = [path, world.procedure.url] if path == "/" else [path]
    for each in paths:
        response = client.get(each)
        assert response.status_code in (200, 404), each
        assert response["X-Content-Type-Options"] == "nosniff", each
        assert response["Referrer-Policy"] == "same-origin", each
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), each
        assert (
            "Content-Security-Policy" not in response or "script-src" in response["Content-Security-Policy"]
        )


def test_the_embed_view_alone_may_be_framed(client, world):
    response = client.get(reverse("services_catalog:procedures_embed"))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
