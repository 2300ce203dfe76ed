"""Editing over HTTP in the Wagtail admin: moderation workflow and agency scoping (R-CAT-6)."""

import json

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from services_catalog.models import ProcedurePage

pytestmark = pytest.mark.django_db


def _form(page_or_values: dict, **changes) -> dict:
    values = {
        "title": "Đăng ký khai tử",
        "slug": "dang-ky-khai-tu",
        "code": "1.000656",
        "service_level": 3,
        "processing_days": 1,
        "online_processing_days": "",
        "processing_time_note": "",
        "effective_date": "",
        "retired_date": "",
        "fees": inline_formset([]),
        "documents": inline_formset([]),
        "implementers": inline_formset([]),
        "eform_fields": inline_formset([]),
        "comments": inline_formset([]),
        "steps": rich_text(""),
        "submission_methods": rich_text(""),
        "eligible_applicants": rich_text(""),
        "result": rich_text(""),
        "legal_basis": rich_text(""),
        "conditions": rich_text(""),
        "at_commune_level": "on",
    }
    values.update(page_or_values)
    values.update(changes)
    return nested_form_data(values)


def _page_values(page: ProcedurePage) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "code": page.code,
        "sector": page.sector_id,
        "field": page.field_id,
        "agency": page.agency_id,
    }


def test_taxonomy_is_managed_under_one_admin_menu(client, admin_user, catalogue):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    label = "Danh mục thủ tục hành chính"
    assert label in html or json.dumps(label)[1:-1] in html
    for url in (
        "/admin/services_catalog/sector/",
        "/admin/services_catalog/field/",
        "/admin/services_catalog/agency/",
    ):
        assert client.get(url).status_code == 200, url


def test_editor_cannot_open_or_change_another_agencys_procedure(client, staff, make_procedure, taxonomy):
    own = make_procedure(title="Cấp Phiếu lý lịch tư pháp")
    foreign = make_procedure(
        title="Cấp giấy phép xây dựng",
        agency=taxonomy["sxd"],
        sector=taxonomy["building"],
        field=taxonomy["construction"],
    )
    client.force_login(staff["editor_stp"])
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{foreign.pk}/edit/").status_code in (302, 403)

    response = client.post(
        f"/admin/pages/{foreign.pk}/edit/", _form(_page_values(foreign), title="Đã bị sửa trái phép")
    )
    assert response.status_code in (302, 403)
    foreign.refresh_from_db()
    assert foreign.title == "Cấp giấy phép xây dựng"
    assert foreign.get_latest_revision().content["title"] != "Đã bị sửa trái phép"


def test_editor_cannot_create_a_procedure_for_another_agency(client, staff, catalogue, taxonomy):
    client.force_login(staff["editor_stp"])
    url = f"/admin/pages/add/services_catalog/procedurepage/{catalogue.pk}/"
    assert client.get(url).status_code == 200
    values = {"sector": taxonomy["building"].pk, "field": taxonomy["construction"].pk}
    response = client.post(url, _form(values, agency=taxonomy["sxd"].pk))
    assert response.status_code == 200  # the form comes back with an error on the agency
    assert not ProcedurePage.objects.filter(code="1.000656").exists()
    client.post(url, _form(values, agency=taxonomy["stp"].pk))
    created = ProcedurePage.objects.get(code="1.000656")
    assert created.agency == taxonomy["stp"]
    assert not created.live  # an editor saves a draft; publishing is the reviewer's


def test_editor_submits_and_the_reviewer_of_the_agency_approves_and_publishes(client, staff, make_procedure):
    procedure = make_procedure(title="Đăng ký khai tử")
    client.force_login(staff["editor_stp"])
    response = client.post(
        f"/admin/pages/{procedure.pk}/edit/",
        _form(_page_values(procedure), title="Đăng ký khai tử (sửa đổi)", **{"action-submit": "Submit"}),
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.title == "Đăng ký khai tử"  # not published yet
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(procedure.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state

    # A reviewer of another agency sees no action and cannot approve.
    client.force_login(staff["reviewer_sxd"])
    approve_url = f"/admin/pages/workflow/action/{procedure.pk}/approve/{task_state.pk}/"
    client.post(approve_url, {})
    procedure.refresh_from_db()
    assert procedure.title == "Đăng ký khai tử"

    client.force_login(staff["reviewer_stp"])
    response = client.post(approve_url, {})
    assert response.status_code in (200, 302)
    procedure.refresh_from_db()
    assert procedure.title == "Đăng ký khai tử (sửa đổi)"
    assert procedure.live
    assert procedure.revisions.count() >= 2  # history is kept


def test_editor_cannot_publish_directly(client, staff, make_procedure):
    procedure = make_procedure(title="Đăng ký giám hộ")
    client.force_login(staff["editor_stp"])
    client.post(
        f"/admin/pages/{procedure.pk}/edit/",
        _form(_page_values(procedure), title="Đăng ký giám hộ (sửa)", **{"action-publish": "Publish"}),
    )
    assert Page.objects.get(pk=procedure.pk).title == "Đăng ký giám hộ"
