"""Demo accounts for `make run`: one per role, printed so a newcomer can sign in at once.

The demo staff accounts share a known password and are NOT asked to change it at first sign-in
(`must_change_password` stays False), so that `make run` is usable at once. Real staff accounts are
made by `manage.py create_staff_user` or by an IT officer at /quan-ly/can-bo/: those get a
one-time password that must be changed within 72 hours (R-ACC-3).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Agency

# Not a secret: these accounts exist only in the demo database that `make run` creates.
DEMO_PASSWORD = "demo-cong-dich-vu-2026"

DEMO_STAFF = [
    # (username in the form tencanhan.tendonvi, full name, role)
    ("bientap.stp", "Trần Thị Biên", Role.EDITOR),
    ("tiepnhan.stp", "Lê Văn Nhận", Role.RECEPTION),
    ("chuyenvien.stp", "Phạm Thị Chuyên", Role.SPECIALIST),
    ("lanhdao.stp", "Nguyễn Văn Đạo", Role.HEAD),
    ("cntt.stp", "Võ Minh Tin", Role.IT_OFFICER),
    ("quantri.stttt", "Huỳnh Quang Trị", Role.OPERATOR),
]
DEMO_CITIZEN = ("congdan", "Nguyễn Văn An")
# The unit part of a demo username is its agency's code; the catalogue demo may already have made them.
DEMO_AGENCIES = {
    "stp": "Sở Tư pháp tỉnh Bến Tre",
    "stttt": "Sở Thông tin và Truyền thông tỉnh Bến Tre",
}


def seed(stdout) -> None:
    User = get_user_model()
    agencies = {
        code: Agency.objects.get_or_create(
            code=code, defaults={"name": name, "level": AdministrativeLevel.PROVINCE}
        )[0]
        for code, name in DEMO_AGENCIES.items()
    }
    rows = []
    for username, full_name, role in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "email": f"{username}@bentre.gov.vn",
                "agency": agencies[username.split(".")[1]],
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[role]))
        rows.append((username, role.label))
    username, full_name = DEMO_CITIZEN
    citizen, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "email": "congdan@example.vn", "activated_at": timezone.now()},
    )
    if created:
        citizen.set_password(DEMO_PASSWORD)
        citizen.save()
    rows.append((username, "Công dân"))

    stdout.write(f"\nTài khoản demo (mật khẩu chung: {DEMO_PASSWORD})\n")
    for username, label in rows:
        stdout.write(f"  {username:<18} {label}\n")
