from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from portal.notifications import sms
from portal.notifications.choices import Channel

from .conftest import STAFF_PASSWORD, last_sms_code, link_in

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "mật khẩu mới thật dài"


@pytest.fixture
def sms_citizen(db):
    return User.objects.create_user(
        username="cdsms", password="mat khau cu", phone="+84912345678", preferred_channel=Channel.SMS
    )


@pytest.fixture
def email_citizen(db):
    return User.objects.create_user(
        username="cdmail", password="mat khau cu", email="an@example.vn", preferred_channel=Channel.EMAIL
    )


def test_unknown_and_known_accounts_get_the_same_answer(client, sms_citizen):
    known = client.post("/quen-mat-khau/", {"identifier": "0912345678"})
    unknown = client.post("/quen-mat-khau/", {"identifier": "0987000111"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/quen-mat-khau/da-gui/"
    assert len(sms.outbox) == 1
    page = client.get("/quen-mat-khau/da-gui/").content.decode()
    assert "Nếu có tài khoản" in page


def test_reset_by_sms_code(client, sms_citizen):
    client.post("/quen-mat-khau/", {"identifier": "+84 912 345 678"})
    code = last_sms_code()
    response = client.post(
        "/dat-lai-mat-khau/ma-sms/",
        {"phone": "0912345678", "code": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    sms_citizen.refresh_from_db()
    assert sms_citizen.check_password(NEW_PASSWORD)
    # The code works once.
    response = client.post(
        "/dat-lai-mat-khau/ma-sms/",
        {
            "phone": "0912345678",
            "code": code,
            "new_password1": "khac hẳn rồi",
            "new_password2": "khac hẳn rồi",
        },
    )
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()


def test_a_weak_new_password_keeps_the_code_usable(client, sms_citizen):
    client.post("/quen-mat-khau/", {"identifier": "0912345678"})
    code = last_sms_code()
    form = {"phone": "0912345678", "code": code, "new_password1": "ngan", "new_password2": "ngan"}
    assert client.post("/dat-lai-mat-khau/ma-sms/", form).status_code == 200
    form |= {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post("/dat-lai-mat-khau/ma-sms/", form).status_code == 302


def test_reset_by_email_link(client, email_citizen):
    client.post("/quen-mat-khau/", {"identifier": "an@example.vn"})
    assert sms.outbox == []
    link = link_in(mail.outbox[-1].body)
    response = client.get(link, follow=True)
    assert response.status_code == 200 and response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    email_citizen.refresh_from_db()
    assert email_citizen.check_password(NEW_PASSWORD)


def test_staff_reset_by_email_needs_twelve_characters_and_ends_the_one_time_password(client, editor_a):
    editor_a.must_change_password = True
    editor_a.save()
    client.post("/quen-mat-khau/", {"identifier": "bientap.stp"})
    link = link_in(mail.outbox[-1].body)
    url = client.get(link, follow=True).redirect_chain[-1][0]
    short = "chin ky tu"
    response = client.post(url, {"new_password1": short, "new_password2": short})
    assert response.status_code == 200
    assert "12" in response.content.decode()
    response = client.post(
        url, {"new_password1": STAFF_PASSWORD + "x", "new_password2": STAFF_PASSWORD + "x"}
    )
    assert response.status_code == 302
    editor_a.refresh_from_db()
    assert not editor_a.must_change_password
