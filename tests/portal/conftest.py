import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase

import pytest

from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from portal.notifications import sms
from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Agency

STAFF_PASSWORD = "mot-cau-mat-khau-du-dai"


class CommittingClient(Client):
    """A test client whose requests end like real ones: on_commit callbacks (sending messages) run.

    pytest-django wraps each test in a transaction that never commits, so without this nothing that
    waits for the commit would happen.
    """

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def agency_a(db):
    return Agency.objects.create(name="Sở Tư pháp", code="stp", level=AdministrativeLevel.PROVINCE)


@pytest.fixture
def agency_b(db):
    return Agency.objects.create(name="Sở Y tế", code="syt", level=AdministrativeLevel.PROVINCE)


def make_staff(username, agency, *roles, password=STAFF_PASSWORD, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        agency=agency,
        full_name=fields.pop("full_name", username),
        **fields,
    )
    user.groups.set(Group.objects.filter(name__in=[ROLE_GROUP_NAMES[role] for role in roles]))
    return user


@pytest.fixture
def it_officer_a(agency_a):
    return make_staff("cntt.stp", agency_a, Role.IT_OFFICER)


@pytest.fixture
def editor_a(agency_a):
    return make_staff("bientap.stp", agency_a, Role.EDITOR, email="bientap.stp@example.gov.vn")


@pytest.fixture
def specialist_b(agency_b):
    return make_staff("chuyenvien.syt", agency_b, Role.SPECIALIST)


def last_sms_code() -> str:
    return re.search(r"\b(\d{6})\b", sms.outbox[-1].body).group(1)


def link_in(text: str) -> str:
    return re.search(r"https?://\S+", text).group(0)
