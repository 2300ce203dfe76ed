from django.contrib.auth import get_user_model

import pytest

from portal.accounts.models import Declaration
from portal.notifications.choices import Channel

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def citizen(db):
    return User.objects.create_user(
        username="cdprofile",
        password="mat khau dai",
        full_name="Nguyễn Văn An",
        phone="+84912345678",
        email="an@example.vn",
        citizen_id="083090001234",
        preferred_channel=Channel.SMS,
    )


def profile_form(**overrides):
    data = {
        "full_name": "Nguyễn Văn An",
        "citizen_id": "083090001234",
        "date_of_birth": "01/05/1990",
        "phone": "0912345678",
        "email": "an@example.vn",
        "address": "5 Hùng Vương, Bến Tre",
        "preferred_channel": "sms",
    }
    data.update(overrides)
    return data


def test_profile_page_needs_sign_in(client):
    response = client.get("/tai-khoan/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_profile_page_renders_in_vietnamese_with_bounded_queries(
    client, citizen, django_assert_max_num_queries
):
    client.force_login(citizen)
    client.get("/tai-khoan/")
    with django_assert_max_num_queries(12):
        response = client.get("/tai-khoan/")
    body = response.content.decode()
    assert "Tài khoản của tôi" in body
    assert 'href="/tai-khoan/"' in body  # the header links the signed-in person to the profile


def test_profile_changes_are_saved_and_recorded_with_old_and_new_values(client, citizen):
    client.force_login(citizen)
    form = profile_form(address="7 Đồng Khởi, Bến Tre")
    response = client.post("/tai-khoan/", form, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.address == "7 Đồng Khởi, Bến Tre"
    declaration = Declaration.objects.get(user=citizen)
    assert declaration.source == Declaration.Source.PROFILE and declaration.declared_by == citizen
    assert declaration.changes["address"] == {"old": "", "new": "7 Đồng Khởi, Bến Tre"}
    assert declaration.changes["date_of_birth"] == {"old": "", "new": "1990-05-01"}
    assert "phone" not in declaration.changes  # unchanged fields are not recorded
    assert declaration.ip_address == "203.0.113.5"
    assert "Lịch sử kê khai" in client.get("/tai-khoan/").content.decode()


def test_saving_without_changes_records_nothing(client, citizen):
    citizen.address, citizen.date_of_birth = "5 Hùng Vương, Bến Tre", "1990-05-01"
    citizen.save()
    client.force_login(citizen)
    client.post("/tai-khoan/", profile_form())
    assert not Declaration.objects.exists()


def test_profile_refuses_a_phone_of_another_account_and_a_bad_cccd(client, citizen):
    User.objects.create_user(username="cdother", phone="+84987654321")
    client.force_login(citizen)
    response = client.post("/tai-khoan/", profile_form(phone="0987654321", citizen_id="083091001234"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Số điện thoại này đã được dùng" in str(errors)
    assert "citizen_id" in errors
