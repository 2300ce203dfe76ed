"""User-written text comes back escaped on every page that shows it.

Two probes (a script element and an attribute break-out) are typed, over HTTP, into every text field
of the citizen's forms (profile, dossier declaration, supplement note, look-up) and of the staff's
forms (reception's supplement request, stop processing, new staff account), and into a file name.
Then every page that shows them is rendered: the citizen's dossier page and list, the staff task
and process screens, the receipt, the stop page, the look-up result, the staff list and the admin's
record of messages sent (notifications).
"""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest

from flows.choices import Decision, DossierStatus
from flows.flows import DossierFlow
from flows.models import Dossier
from portal.accounts.roles import Role
from portal.notifications.models import Delivery
from tests.flows.conftest import (  # noqa: F401 (fixtures shared with the flow tests)
    PDF_BYTES,
    agency,
    make_user,
    procedure,
    procedure_index,
    urls_loaded,
)
from tests.flows.helpers import http_complete, open_task

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss-7731")</script>'
BREAKOUT = '"><img src=x onerror=alert(7731)>'
PROBE = f"{SCRIPT} {BREAKOUT}"
RAW = (SCRIPT, "<img src=x onerror=alert(7731)>", "onerror=alert(7731)>")
ESCAPED_SCRIPT = ("&lt;script&gt;alert(&quot;xss-7731&quot;)&lt;/script&gt;", "&lt;script&gt;alert(&#x27;")


def assert_escaped(response, where, *, must_show=False):
    assert response.status_code == 200, (where, response.status_code)
    html = response.content.decode()
    for raw in RAW:
        assert raw not in html, f"{where}: the probe {raw!r} came back unescaped"
    if must_show:
        assert any(escaped in html for escaped in ESCAPED_SCRIPT), f"{where}: the probe is not shown at all"


@pytest.fixture
def scene(make_user, agency, procedure, urls_loaded, clamd, django_capture_on_commit_callbacks):  # noqa: F811
    """A citizen and an agency who typed the probes into every form they have."""
    citizen = make_user("congdan.xss")
    officer = make_user("tn.stp", agency=agency, role=Role.RECEPTION)
    officer.groups.add(*make_user("tam.stp", agency=agency, role=Role.HEAD).groups.all())
    officer.groups.add(*make_user("tam2.stp", agency=agency, role=Role.SPECIALIST).groups.all())
    it_officer = make_user("cntt.stp", agency=agency, role=Role.IT_OFFICER)
    citizen_client, staff_client = Client(), Client()
    citizen_client.force_login(citizen)

    response = citizen_client.post(
        reverse("accounts:profile"),
        {
            "full_name": PROBE,
            "address": PROBE,
            "email": citizen.email,
            "phone": "",
            "preferred_channel": "email",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    citizen.refresh_from_db()
    assert citizen.full_name == PROBE

    documents = list(procedure.documents.all())
    data = {
        "applicant_name": PROBE,
        "applicant_phone": "0912345678",
        "applicant_email": "",
        "address": PROBE,
        "request": PROBE,
        "submit": "1",
    }
    for document in documents:
        if document.is_required:
            data[f"document_{document.pk}"] = SimpleUploadedFile(f"{BREAKOUT}{SCRIPT}.pdf", PDF_BYTES)
    with django_capture_on_commit_callbacks(execute=True):  # the messages are recorded after commit
        response = citizen_client.post(reverse("flows:submit", args=[procedure.code]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get(applicant=citizen, is_draft=False)

    with django_capture_on_commit_callbacks(execute=True):
        http_complete(
            staff_client,
            open_task(dossier, DossierFlow.receive),
            officer,
            {"decision": Decision.SUPPLEMENT, "missing_items": PROBE, "note": PROBE},
        )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    response = citizen_client.post(reverse("flows:dossier_supplement", args=[dossier.pk]), {"note": PROBE})
    assert response.status_code == 302

    staff_client.force_login(it_officer)
    response = staff_client.post(
        reverse("accounts:staff_create"),
        {"username": "moi.stp", "full_name": PROBE, "email": "", "roles": [Role.RECEPTION]},
    )
    assert response.status_code == 200  # the page with the one-time password
    assert get_user_model().objects.filter(username="moi.stp", full_name=PROBE).exists()
    return {
        "citizen": citizen,
        "officer": officer,
        "it_officer": it_officer,
        "dossier": dossier,
        "citizen_client": citizen_client,
        "staff_client": staff_client,
    }


def test_citizen_pages_escape_what_was_typed(scene):
    client, dossier = scene["citizen_client"], scene["dossier"]
    assert_escaped(
        client.get(reverse("flows:dossier_detail", args=[dossier.pk])), "dossier page", must_show=True
    )
    assert_escaped(client.get(reverse("flows:my_dossiers")), "my dossiers")
    assert_escaped(client.get(reverse("accounts:profile")), "profile", must_show=True)
    assert_escaped(
        client.get(reverse("flows:lookup"), {"code": dossier.code, "secret": dossier.lookup_secret}),
        "look-up result",
        must_show=True,
    )
    assert_escaped(client.get(reverse("flows:lookup"), {"code": PROBE, "secret": BREAKOUT}), "look-up form")


def test_staff_screens_escape_what_was_typed(scene):
    client, dossier, officer = scene["staff_client"], scene["dossier"], scene["officer"]
    client.force_login(officer)
    assert_escaped(client.get(f"/xu-ly/dossier/{dossier.process_id}/"), "process screen")
    for task in DossierFlow.task_class.objects.filter(process_id=dossier.process_id):
        for view in ("index", "detail"):
            response = client.get(task.flow_task.reverse(view, args=[task.process_id, task.pk]))
            if response.status_code == 200:
                assert_escaped(response, f"task {task.flow_task.name} {view}")
    reception = open_task(dossier, DossierFlow.receive)
    client.post(reception.flow_task.reverse("assign", args=[dossier.process_id, reception.pk]))
    assert_escaped(
        client.get(reception.flow_task.reverse("execute", args=[dossier.process_id, reception.pk])),
        "reception task screen",
        must_show=True,
    )
    assert_escaped(client.get(reverse("flows:staff_receipt", args=[dossier.pk])), "receipt", must_show=True)
    assert_escaped(client.get(reverse("dossier:queue")), "queue")
    response = client.post(reverse("flows:staff_stop", args=[dossier.pk]), {"reason": PROBE})
    assert response.status_code == 302
    assert_escaped(client.get(reverse("flows:staff_stop", args=[dossier.pk])), "stop page")
    citizen_page = scene["citizen_client"].get(reverse("flows:dossier_detail", args=[dossier.pk]))
    assert_escaped(citizen_page, "dossier page after the stop", must_show=True)


def test_staff_management_and_messages_escape_what_was_typed(scene):
    client = scene["staff_client"]
    client.force_login(scene["it_officer"])
    assert_escaped(client.get(reverse("accounts:staff_list")), "staff list", must_show=True)
    new = get_user_model().objects.get(username="moi.stp")
    assert_escaped(client.get(reverse("accounts:staff_detail", args=[new.pk])), "staff page", must_show=True)
    # The messages the portal sent (the notifications' record), as the system operator sees them.
    operator = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(operator)
    deliveries = Delivery.objects.filter(user=scene["citizen"])
    assert deliveries.exists()
    assert_escaped(client.get("/admin/notifications/delivery/"), "messages sent")
    for delivery in deliveries[:5]:
        assert_escaped(client.get(f"/admin/notifications/delivery/inspect/{delivery.pk}/"), "message")
    assert_escaped(client.get(reverse("wagtailusers_users:index")), "admin users", must_show=True)


def test_forms_shown_again_with_errors_escape_what_was_typed(client, db):
    """Registration and sign-in show the form again with what was typed (and the errors): escaped."""
    response = client.post(
        reverse("accounts:register"),
        {
            "account_type": "organisation",
            "full_name": PROBE,
            "citizen_id": "12",  # too short: the form comes back
            "date_of_birth": PROBE,
            "phone": PROBE,
            "email": "x@example.vn",
            "address": PROBE,
            "organisation_name": PROBE,
            "tax_code": PROBE,
            "representative": PROBE,
            "preferred_channel": "sms",
            "password": "a",
            "password_confirmation": "b",
        },
    )
    assert_escaped(response, "registration form", must_show=True)
    assert_escaped(
        client.post(reverse("accounts:login"), {"username": PROBE, "password": "x"}), "sign-in form"
    )
