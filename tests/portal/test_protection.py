import time

from django.contrib.auth import get_user_model

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.signals import LAST_ACTIVITY_KEY

from .conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_in(client, username, password, ip="198.51.100.1", **extra):
    return client.post("/dang-nhap/", {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_for_that_address_with_a_vietnamese_message(client, editor_a):
    for _ in range(4):
        assert sign_in(client, "bientap.stp", "sai mat khau").status_code == 200
    locked = sign_in(client, "bientap.stp", "sai mat khau")
    assert locked.status_code == 429
    assert "tạm khóa" in locked.content.decode()
    # Even the right password is refused during the lockout, from that address...
    assert sign_in(client, "bientap.stp", STAFF_PASSWORD).status_code == 429
    # ...but the same account from another address is not affected.
    assert sign_in(client.__class__(), "bientap.stp", STAFF_PASSWORD, ip="198.51.100.2").status_code == 302


def test_the_lockout_counts_the_account_however_its_name_is_typed(client, db):
    User.objects.create_user(
        username="cdx", password="dung mat khau", phone="+84912345678", email="x@example.vn"
    )
    for name in ("0912345678", "x@example.vn", "+84 912 345 678", "X@EXAMPLE.VN"):
        sign_in(client, name, "sai")
    assert sign_in(client, "cdx", "sai").status_code == 429


def test_signing_in_gives_a_new_session_key(client, editor_a):
    client.get("/dang-nhap/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, "bientap.stp", STAFF_PASSWORD)
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(editor_a.pk)


def test_staff_sessions_end_after_30_idle_minutes(client, editor_a):
    sign_in(client, "bientap.stp", STAFF_PASSWORD)
    assert client.session.get_expiry_age() == 30 * 60
    assert client.get("/tai-khoan/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/tai-khoan/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert "_auth_user_id" not in client.session


def test_citizen_sessions_are_not_cut_after_30_minutes(client, db):
    citizen = User.objects.create_user(username="cdy", password="mat khau dai")
    client.force_login(citizen)
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/tai-khoan/").status_code == 200


def current_code(device, drift=0):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:06d}"


def test_staff_turn_on_totp_and_then_need_the_code_to_sign_in(client, editor_a):
    client.force_login(editor_a)
    page = client.get("/tai-khoan/xac-thuc-hai-buoc/")
    assert "otpauth://" in page.content.decode()
    device = TOTPDevice.objects.get(user=editor_a)
    client.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed

    browser = client.__class__()
    response = sign_in(browser, "bientap.stp", STAFF_PASSWORD)
    assert response.status_code == 200
    assert "Mã xác thực" in response.content.decode()
    # A code is accepted once: sign in with the next time step's, which the device tolerates.
    response = sign_in(browser, "bientap.stp", STAFF_PASSWORD, otp_token=current_code(device, drift=1))
    assert response.status_code == 302
    assert browser.get("/tai-khoan/").status_code == 200


def test_the_wagtail_admin_sign_in_cannot_skip_the_totp_code(client, editor_a):
    TOTPDevice.objects.create(user=editor_a, name="app", confirmed=True)
    client.post("/admin/login/", {"username": "bientap.stp", "password": STAFF_PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")
    assert "_auth_user_id" not in client.session


def test_citizens_have_no_totp_page(client, db):
    client.force_login(User.objects.create_user(username="cdz", password="mat khau dai"))
    assert client.get("/tai-khoan/xac-thuc-hai-buoc/").status_code == 404
