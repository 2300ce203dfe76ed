# ruff: noqa: F811 (the flow fixtures imported below are used as pytest arguments)
"""Incident notices (R-OPS-1) and release notes (R-OPS-2): the banner during the incident, the public
archive after it, and the e-mail/SMS notice to the citizens with dossiers in progress and to the
staff of the affected agencies."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from flows.choices import Channel, DossierStatus
from home.models import IncidentNotice, ReleaseNote
from portal.accounts.roles import Role
from portal.notifications.models import Delivery
from tests.flows.conftest import (  # noqa: F401 (fixtures)
    agency,
    citizen,
    make_user,
    other_agency,
    other_citizen,
    other_staff,
    procedure,
    procedure_index,
    staff,
)
from tests.flows.test_statistics import make_dossier


@pytest.fixture
def notice(db):
    now = timezone.now()
    return IncidentNotice.objects.create(
        title="Gián đoạn nộp hồ sơ trực tuyến",
        guidance="Nộp hồ sơ trực tiếp tại Bộ phận một cửa.",
        starts_at=now - timedelta(hours=1),
        expected_end_at=now + timedelta(hours=3),
    )


def test_banner_during_the_incident_then_archive(client, home_page, notice):
    page = client.get("/").content.decode()
    assert "Gián đoạn nộp hồ sơ trực tuyến" in page and "Nộp hồ sơ trực tiếp tại Bộ phận một cửa." in page
    assert notice.expected_end_at.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in page
    assert "Gián đoạn nộp hồ sơ trực tuyến" in client.get(reverse("flows:statistics")).content.decode()
    notice.resolved_at = timezone.now() - timedelta(minutes=1)
    notice.save()  # the banner's cache is dropped when a notice changes
    assert "Gián đoạn nộp hồ sơ trực tuyến" not in client.get("/").content.decode()
    archive = client.get(reverse("home:incident_archive")).content.decode()
    assert "Gián đoạn nộp hồ sơ trực tuyến" in archive and "Đã khắc phục lúc" in archive


def test_future_notice_is_not_shown_yet(client, home_page):
    IncidentNotice.objects.create(
        title="Bảo trì ngày mai", guidance="-", starts_at=timezone.now() + timedelta(days=1)
    )
    assert "Bảo trì ngày mai" not in client.get("/").content.decode()
    assert "Bảo trì ngày mai" not in client.get(reverse("home:incident_archive")).content.decode()


def test_banner_switches_on_and_off_at_its_times_without_a_query(home_page, monkeypatch):
    from home.selectors import current_incidents

    now = timezone.now()
    IncidentNotice.objects.create(
        title="Bảo trì",
        guidance="-",
        starts_at=now + timedelta(minutes=5),
        resolved_at=now + timedelta(hours=1),
    )
    assert current_incidents() == []
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    with CaptureQueriesContext(connection) as queries:
        assert [notice.title for notice in current_incidents()] == ["Bảo trì"]
    assert len(queries) == 0
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))
    assert current_incidents() == []


def test_incident_text_is_escaped(client, home_page):
    IncidentNotice.objects.create(title="<script>alert(1)</script>", guidance="<b>x</b>")
    page = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_notice_goes_to_citizens_with_pending_dossiers_and_affected_staff(
    client, notice, procedure, citizen, other_citizen, staff, other_staff, make_user, agency, other_agency
):
    notice.affected_agencies.add(agency)
    make_dossier(procedure, status=DossierStatus.PROCESSING, applicant=citizen)
    make_dossier(procedure, status=DossierStatus.RETURNED, applicant=other_citizen)  # finished: not told
    make_dossier(  # a paper dossier: told at the contact it gave
        procedure,
        status=DossierStatus.RECEIVED,
        channel=Channel.IN_PERSON,
        applicant_email="nguoinop@example.vn",
    )
    operator = make_user("quantri.stttt", agency=agency, role=Role.OPERATOR)
    client.force_login(operator)
    url = reverse("home:incident_notify", args=[notice.pk])
    assert "2 người dân" in client.get(url).content.decode()
    response = client.post(url, {"channel": "email"})
    assert response.status_code == 302
    recipients = set(Delivery.objects.filter(event="incident_notice").values_list("recipient", flat=True))
    expected = {citizen.email, "nguoinop@example.vn", operator.email}
    expected |= {user.email for user in staff.values()}
    assert recipients == expected
    assert other_citizen.email not in recipients
    assert not recipients & {user.email for user in other_staff.values()}
    delivery = Delivery.objects.filter(event="incident_notice", recipient=citizen.email).get()
    assert "Gián đoạn nộp hồ sơ trực tuyến" in delivery.subject
    assert "Nộp hồ sơ trực tiếp tại Bộ phận một cửa." in delivery.body
    notice.refresh_from_db()
    assert notice.notified_at is not None


@pytest.mark.parametrize("role", [Role.HEAD, Role.RECEPTION, None])
def test_only_the_operator_sends_notices(client, notice, make_user, agency, role):
    client.force_login(make_user("nguoidung", agency=agency if role else None, role=role))
    assert client.get(reverse("home:incident_notify", args=[notice.pk])).status_code == 404
    assert client.post(reverse("home:incident_notify", args=[notice.pk])).status_code == 404
    assert not Delivery.objects.filter(event="incident_notice").exists()


def test_archive_and_release_notes_query_counts(client, home_page, django_assert_max_num_queries):
    for number in range(25):
        IncidentNotice.objects.create(
            title=f"Sự cố {number}",
            guidance="-",
            starts_at=timezone.now() - timedelta(days=number + 1),
            resolved_at=timezone.now() - timedelta(days=number),
        )
        ReleaseNote.objects.create(
            version=f"1.{number}", released_on=timezone.localdate(), summary="Tóm tắt", changes="<p>x</p>"
        )
    client.get(reverse("home:incident_archive"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("home:incident_archive")).status_code == 200
    with django_assert_max_num_queries(8):
        page = client.get(reverse("home:release_notes"))
    assert "1.24" in page.content.decode()


def test_operator_publishes_notices_in_the_admin(client, notice, make_user, agency):
    operator = make_user("quantri.stttt", agency=agency, role=Role.OPERATOR)
    client.force_login(operator)
    listing = client.get("/admin/home/incidentnotice/")
    assert listing.status_code == 200
    assert reverse("home:incident_notify", args=[notice.pk]) in listing.content.decode()
    assert client.get("/admin/home/incidentnotice/create/").status_code == 200
    assert client.get("/admin/home/releasenote/create/").status_code == 200
    client.force_login(make_user("bientap.stp", agency=agency, role=Role.EDITOR))
    assert client.get("/admin/home/incidentnotice/create/").status_code in (302, 403)
