import io
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from portal.accounts.models import Declaration, SignInEvent
from portal.accounts.roles import ROLE_GROUP_NAMES, Role

from .conftest import STAFF_PASSWORD, make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "một mật khẩu riêng đủ dài"


def test_create_staff_user_command_prints_a_one_time_password(agency_a):
    out = io.StringIO()
    call_command("create_staff_user", "nguyenvana.stp", "--agency", "stp", "--role", "reception", stdout=out)
    password = re.search(r"One-time password.*: (\S+)", out.getvalue()).group(1)
    user = User.objects.get(username="nguyenvana.stp")
    assert user.agency == agency_a
    assert user.check_password(password)
    assert user.must_change_password
    assert user.groups.filter(name=ROLE_GROUP_NAMES[Role.RECEPTION]).exists()
    expires_in = user.one_time_password_expires_at - timezone.now()
    assert timedelta(hours=71) < expires_in <= timedelta(hours=72)


@pytest.mark.parametrize("username", ["NguyenVanA.stp", "nguyenvana", "nguyenvana.syt", "nguyễn.stp"])
def test_create_staff_user_command_refuses_a_bad_username(agency_a, username):
    with pytest.raises(CommandError, match=r"tencanhan\.tendonvi|stp"):
        call_command(
            "create_staff_user", username, "--agency", "stp", "--role", "editor", stdout=io.StringIO()
        )
    assert not User.objects.filter(username=username).exists()


def test_a_staff_user_model_with_a_bad_username_does_not_validate(agency_a):
    user = User(username="nguyenvana.syt", agency=agency_a)
    with pytest.raises(Exception, match="stp"):
        user.full_clean()


def test_it_officer_creates_a_staff_account_of_the_own_agency(client, it_officer_a):
    client.force_login(it_officer_a)
    response = client.post(
        "/quan-ly/can-bo/them/",
        {
            "username": "tranthib.stp",
            "full_name": "Trần Thị B",
            "email": "",
            "phone": "",
            "roles": ["specialist"],
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="tranthib.stp")
    assert user.agency == it_officer_a.agency
    assert user.check_password(response.context["password"])
    declaration = Declaration.objects.get(user=user)
    assert declaration.declared_by == it_officer_a


def test_it_officer_gets_a_vietnamese_message_for_a_bad_username(client, it_officer_a):
    client.force_login(it_officer_a)
    response = client.post(
        "/quan-ly/can-bo/them/", {"username": "tranthib.syt", "full_name": "Trần Thị B", "roles": ["editor"]}
    )
    assert response.status_code == 200
    assert "Phần sau dấu chấm phải là mã cơ quan" in response.content.decode()
    assert not User.objects.filter(username="tranthib.syt").exists()


def test_it_officer_cannot_touch_a_user_of_another_agency(client, it_officer_a, specialist_b):
    client.force_login(it_officer_a)
    pk = specialist_b.pk
    assert client.get(f"/quan-ly/can-bo/{pk}/").status_code == 404
    assert client.post(f"/quan-ly/can-bo/{pk}/khoa/").status_code == 404
    assert client.post(f"/quan-ly/can-bo/{pk}/cap-lai-mat-khau/").status_code == 404
    specialist_b.refresh_from_db()
    assert specialist_b.is_active and specialist_b.check_password(STAFF_PASSWORD)
    assert specialist_b.username not in client.get("/quan-ly/can-bo/").content.decode()


def test_other_roles_cannot_manage_staff(client, editor_a):
    client.force_login(editor_a)
    assert client.get("/quan-ly/can-bo/").status_code == 403
    assert client.get("/quan-ly/nhat-ky-dang-nhap/").status_code == 403


def test_it_officer_locks_unlocks_and_resets_within_the_agency(client, it_officer_a, editor_a):
    client.force_login(it_officer_a)
    client.post(f"/quan-ly/can-bo/{editor_a.pk}/khoa/")
    editor_a.refresh_from_db()
    assert not editor_a.is_active
    other = client.__class__()
    assert (
        other.post("/dang-nhap/", {"username": "bientap.stp", "password": STAFF_PASSWORD}).status_code == 200
    )
    client.post(f"/quan-ly/can-bo/{editor_a.pk}/mo-khoa/")
    response = client.post(f"/quan-ly/can-bo/{editor_a.pk}/cap-lai-mat-khau/")
    password = response.context["password"]
    editor_a.refresh_from_db()
    assert editor_a.is_active and editor_a.must_change_password and editor_a.check_password(password)
    sources = set(Declaration.objects.filter(user=editor_a).values_list("declared_by", flat=True))
    assert sources == {it_officer_a.pk}


def test_locking_ends_the_locked_persons_open_session(client, it_officer_a, editor_a):
    editor_client = client.__class__()
    editor_client.force_login(editor_a)
    assert editor_client.get("/tai-khoan/").status_code == 200
    client.force_login(it_officer_a)
    client.post(f"/quan-ly/can-bo/{editor_a.pk}/khoa/")
    assert editor_client.get("/tai-khoan/").status_code == 302


def test_staff_list_and_detail_queries_are_bounded(
    client, it_officer_a, agency_a, django_assert_max_num_queries
):
    for number in range(5):
        make_staff(f"canbo{number}.stp", agency_a, Role.SPECIALIST)
    client.force_login(it_officer_a)
    client.get("/quan-ly/can-bo/")  # first visit creates the site settings and the admin profile
    # Constant in the number of staff: session, user, permissions, agency, site chrome, list, roles.
    with django_assert_max_num_queries(12):
        assert client.get("/quan-ly/can-bo/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/quan-ly/can-bo/{it_officer_a.pk}/").status_code == 200


def test_it_officer_sees_the_sign_in_log_of_the_own_agency_only(client, it_officer_a, editor_a, specialist_b):
    SignInEvent.objects.create(
        user=editor_a, identifier="bientap.stp", succeeded=False, ip_address="192.0.2.1"
    )
    SignInEvent.objects.create(user=specialist_b, identifier="chuyenvien.syt", succeeded=True)
    client.force_login(it_officer_a)
    body = client.get("/quan-ly/nhat-ky-dang-nhap/").content.decode()
    assert "bientap.stp" in body and "192.0.2.1" in body and "Không thành công" in body
    assert "chuyenvien.syt" not in body


def test_sign_ins_are_logged_with_their_outcome(client, editor_a):
    client.post("/dang-nhap/", {"username": "bientap.stp", "password": "sai"}, REMOTE_ADDR="192.0.2.7")
    client.post(
        "/dang-nhap/", {"username": "bientap.stp", "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    outcomes = list(
        SignInEvent.objects.filter(user=editor_a).order_by("pk").values_list("succeeded", "ip_address")
    )
    assert outcomes == [(False, "192.0.2.7"), (True, "192.0.2.7")]


# --- first sign-in (R-ACC-3) -----------------------------------------------------------------------


@pytest.fixture
def new_staff(agency_a):
    out = io.StringIO()
    call_command(
        "create_staff_user",
        "moi.stp",
        "--agency",
        "stp",
        "--role",
        "editor",
        "--role",
        "reception",
        stdout=out,
    )
    password = re.search(r"One-time password.*: (\S+)", out.getvalue()).group(1)
    return User.objects.get(username="moi.stp"), password


@pytest.mark.parametrize(
    "url", ["/", "/admin/", "/admin/pages/", "/tai-khoan/", "/quan-ly/can-bo/", "/dang-ky/"]
)
def test_until_the_one_time_password_is_changed_every_page_leads_to_the_change_form(client, new_staff, url):
    _user, password = new_staff
    assert client.post("/dang-nhap/", {"username": "moi.stp", "password": password}).status_code == 302
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/doi-mat-khau/?next=")


def test_the_change_form_and_sign_out_stay_reachable_and_changing_frees_the_account(client, new_staff):
    user, password = new_staff
    client.post("/dang-nhap/", {"username": "moi.stp", "password": password})
    page = client.get("/doi-mat-khau/")
    assert page.status_code == 200
    assert "mật khẩu dùng một lần" in page.content.decode()
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/admin/").status_code == 200
    assert client.post("/dang-xuat/").status_code == 302


def test_the_one_time_password_stops_working_after_72_hours(client, new_staff):
    user, password = new_staff
    user.one_time_password_expires_at = timezone.now() - timedelta(minutes=1)
    user.save()
    response = client.post("/dang-nhap/", {"username": "moi.stp", "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_demo_staff_accounts_are_not_forced_to_change_password(client):
    call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.filter(
        username__in=["bientap.stp", "cntt.stp"], must_change_password=True
    ).exists()


def test_the_wagtail_admin_menu_links_it_officers_to_their_staff_page(client, it_officer_a, editor_a):
    client.force_login(it_officer_a)
    assert "/quan-ly/can-bo/" in client.get("/admin/").content.decode()
    client.force_login(editor_a)
    assert "/quan-ly/can-bo/" not in client.get("/admin/").content.decode()
