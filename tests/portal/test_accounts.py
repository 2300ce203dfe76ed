import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest

from portal.accounts.demo import DEMO_PASSWORD, DEMO_STAFF
from portal.accounts.roles import ADMIN_ROLES, ROLE_GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group_and_admin_roles_reach_the_admin():
    for role in Role:
        group = Group.objects.get(name=ROLE_GROUP_NAMES[role])
        can_access = group.permissions.filter(codename="access_admin").exists()
        assert can_access == (role in ADMIN_ROLES), role


def test_demo_accounts_are_printed_and_can_sign_in(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    for username, _name, _role in DEMO_STAFF:
        assert username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    response = client.post("/dang-nhap/", {"username": "bientap.stp", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    editor = get_user_model().objects.get(username="bientap.stp")
    assert editor.groups.filter(name=ROLE_GROUP_NAMES[Role.EDITOR]).exists()
    assert client.get("/admin/").status_code == 200


def test_wrong_password_gets_a_vietnamese_message(client):
    call_command("seed_demo", stdout=io.StringIO())
    response = client.post("/dang-nhap/", {"username": "congdan", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
