import json
import re
from datetime import date

import pytest

from flows.models import CalendarOverride, ProcedureProcess
from portal.accounts.roles import Role

pytestmark = pytest.mark.django_db


def sidebar_links(client) -> dict[str, str]:
    page = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S
    )
    main_menu = json.loads(props.group(1))["modules"][1]["_args"][0]
    return {item["_args"][0]["label"]: item["_args"][0].get("url") for item in main_menu}


def test_wagtail_admin_links_the_workspace_for_processing_staff(client, make_user, agency):
    officer = make_user("bientap.stp", agency=agency, role=Role.EDITOR)
    client.force_login(officer)
    assert "Hồ sơ cần xử lý" not in sidebar_links(client)
    officer.groups.add(*make_user("tmp", role=Role.RECEPTION).groups.all())
    assert sidebar_links(client)["Hồ sơ cần xử lý"] == "/xu-ly/dossier/queue/"


def test_operators_edit_calendar_changes_and_processes(client, admin_user, procedure, other_agency):
    client.force_login(admin_user)
    response = client.post(
        "/admin/flows/calendaroverride/create/",
        {"date": "2026-09-05", "kind": CalendarOverride.Kind.WORKING_DAY, "reason": "Làm bù ngày 31/8"},
    )
    assert response.status_code == 302
    assert CalendarOverride.objects.get().date == date(2026, 9, 5)
    assert "Làm bù ngày 31/8" in client.get("/admin/flows/calendaroverride/").content.decode()
    response = client.post(
        "/admin/flows/procedureprocess/create/",
        {
            "procedure": procedure.pk,
            "head_approval_required": "on",
            "consulted_agencies": [other_agency.pk],
            "examine_days": "3",
            "consult_days": "2",
            "approve_days": "1",
        },
    )
    assert response.status_code == 302
    settings_row = ProcedureProcess.objects.get()
    assert settings_row.head_approval_required and list(settings_row.consulted_agencies.all()) == [
        other_agency
    ]


def test_step_budgets_must_fit_the_legal_time_limit(procedure):
    too_long = ProcedureProcess(procedure=procedure, examine_days=4, approve_days=1)
    with pytest.raises(Exception, match="vượt quá"):
        too_long.full_clean()
    ProcedureProcess(procedure=procedure, examine_days=3, consult_days=4, approve_days="0.5").full_clean()
