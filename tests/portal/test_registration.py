from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from portal.accounts.models import Declaration
from portal.notifications import sms
from portal.notifications.choices import Channel, DeliveryStatus, Event
from portal.notifications.models import Delivery

from .conftest import last_sms_code, link_in

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "hoa sen nở trong đầm"


def citizen_form(**overrides):
    data = {
        "account_type": "citizen",
        "full_name": "Nguyễn Văn An",
        "citizen_id": "083090001234",
        "date_of_birth": "01/05/1990",
        "phone": "0912 345 678",
        "email": "an@example.vn",
        "address": "12 Đồng Khởi, phường An Hội, Bến Tre",
        "preferred_channel": "sms",
        "password": PASSWORD,
        "password_confirmation": PASSWORD,
    }
    data.update(overrides)
    return data


def test_register_page_renders_in_vietnamese(client, django_assert_max_num_queries):
    client.get("/dang-ky/")  # the first visit creates the site settings and fills the menu cache
    with django_assert_max_num_queries(8):
        response = client.get("/dang-ky/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đăng ký tài khoản" in body
    assert "Số định danh cá nhân (CCCD)" in body


def test_citizen_registers_by_sms_activates_with_the_code_and_signs_in_with_the_phone(client):
    response = client.post("/dang-ky/", citizen_form())
    assert response.status_code == 302
    assert response["Location"].startswith("/kich-hoat/?phone=")
    user = User.objects.get(phone="+84912345678")
    assert not user.is_active
    assert user.citizen_id == "083090001234"
    assert user.preferred_channel == Channel.SMS
    assert len(sms.outbox) == 1 and sms.outbox[0].to == "+84912345678"
    assert sms.outbox[0].body.isascii()  # the default SMS template is sent without diacritics
    code = last_sms_code()

    assert client.post("/dang-nhap/", {"username": "0912345678", "password": PASSWORD}).status_code == 200
    response = client.post("/kich-hoat/", {"phone": "0912345678", "code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.activated_at
    response = client.post("/dang-nhap/", {"username": "0912 345 678", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/tai-khoan/").context["user"] == user
    delivery = Delivery.objects.get(user=user)
    assert (delivery.channel, delivery.event, delivery.status) == ("sms", Event.ACCOUNT_ACTIVATION, "sent")
    assert delivery.body == ""  # the code is not kept in the log once sent


def test_a_wrong_sms_code_does_not_activate_and_five_wrong_codes_spend_it(client):
    client.post("/dang-ky/", citizen_form())
    code = last_sms_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        response = client.post("/kich-hoat/", {"phone": "0912345678", "code": wrong})
        assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    client.post("/kich-hoat/", {"phone": "0912345678", "code": code})
    assert not User.objects.get(phone="+84912345678").is_active


def test_citizen_registers_by_email_and_activates_with_the_link(client):
    client.post("/dang-ky/", citizen_form(preferred_channel="email"))
    assert sms.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@example.vn"]
    assert "Kích hoạt tài khoản" in message.subject
    link = link_in(message.body)
    response = client.get(link)
    assert response.status_code == 302
    assert User.objects.get(email="an@example.vn").is_active
    assert client.get(link).status_code == 400  # used once
    assert client.post("/dang-nhap/", {"username": "AN@example.vn", "password": PASSWORD}).status_code == 302


def test_registration_records_who_declared_what(client):
    client.post("/dang-ky/", citizen_form(), REMOTE_ADDR="203.0.113.9")
    user = User.objects.get(phone="+84912345678")
    declaration = Declaration.objects.get(user=user)
    assert declaration.declared_by == user
    assert declaration.source == Declaration.Source.REGISTRATION
    assert declaration.changes["citizen_id"] == {"old": "", "new": "083090001234"}
    assert declaration.changes["date_of_birth"]["new"] == "1990-05-01"
    assert declaration.ip_address == "203.0.113.9"


def test_an_organisation_gives_its_name_tax_code_and_representative(client):
    response = client.post("/dang-ky/", citizen_form(account_type="organisation"))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"organisation_name", "tax_code", "representative"}
    response = client.post(
        "/dang-ky/",
        citizen_form(
            account_type="organisation",
            organisation_name="Công ty TNHH Dừa Xanh",
            tax_code="1300123456",
            representative="Trần Thị Bình",
        ),
    )
    assert response.status_code == 302
    organisation = User.objects.get(tax_code="1300123456")
    assert organisation.account_type == "organisation"
    assert organisation.representative == "Trần Thị Bình"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("citizen_id", "08309000123"),
        ("citizen_id", "083091001234"),  # born 1991 by the number, 1990 by the date
        ("phone", "0212345678"),
        ("date_of_birth", "01/05/2999"),
        ("password", "ngan"),
    ],
)
def test_invalid_declarations_are_refused_with_a_message(client, field, value):
    overrides = {field: value, "password_confirmation": value} if field == "password" else {field: value}
    response = client.post("/dang-ky/", citizen_form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.exists()


def test_email_channel_needs_an_email_address(client):
    response = client.post("/dang-ky/", citizen_form(preferred_channel="email", email=""))
    assert "email" in response.context["form"].errors


def test_registering_an_existing_account_answers_the_same_and_tells_the_owner(client):
    owner = User.objects.create_user(
        username="cdowner",
        password=PASSWORD,
        phone="+84912345678",
        email="owner@example.vn",
        preferred_channel=Channel.EMAIL,
        full_name="Chủ tài khoản",
    )
    fresh = client.post(
        "/dang-ky/", citizen_form(phone="0987654321", email="new@example.vn", citizen_id="083090009999")
    )
    taken = client.post("/dang-ky/", citizen_form(email="someone@example.vn", citizen_id="083090008888"))
    assert fresh.status_code == taken.status_code == 302
    assert fresh["Location"].split("?")[0] == taken["Location"].split("?")[0]
    assert User.objects.filter(phone="+84912345678").count() == 1
    # The owner, not the person who typed the number, hears about it, on the owner's own channel.
    notice = Delivery.objects.get(event=Event.ACCOUNT_ALREADY_EXISTS)
    assert notice.user == owner and notice.recipient == "owner@example.vn"
    assert notice.status == DeliveryStatus.SENT
    assert any(message.to == ["owner@example.vn"] for message in mail.outbox)


def test_a_second_registration_of_a_pending_account_resends_activation_after_a_minute(client):
    client.post("/dang-ky/", citizen_form())
    client.post("/dang-ky/", citizen_form())
    assert len(sms.outbox) == 1  # at most one code a minute, so the form cannot flood a phone
