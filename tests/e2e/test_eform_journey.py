"""A citizen registers a birth by filling its e-form in the browser (issue 18): a birth date in the
future is refused with a clear message, nothing typed is lost, the corrected form is submitted."""

import shutil
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from flows.models import Dossier
from services_catalog.demo import FIRST_CODE
from services_catalog.models import ProcedurePage
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed
from tests.e2e.test_journeys import PDF_BYTES, sign_in
from tests.tooling import nu_html_check, require_tool

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CAI_NHUM = "x29641"


def birth_eform_fill(form, *, birth_date: str) -> None:
    """The demo's birth declaration, filled as a mother would (services_catalog.eform_demo)."""
    form.locator("[name=ef-so_dinh_danh_ca_nhan_cua_nguoi_yeu_cau]").fill("086190000456")
    form.locator("[name=ef-noi_cu_tru_cua_nguoi_yeu_cau]").fill("Ấp Phú Long, xã Cái Nhum")
    form.locator("[name=ef-quan_he_voi_nguoi_duoc_khai_sinh]").select_option("Mẹ")
    form.locator("[name=ef-ho_chu_dem_ten_nguoi_duoc_khai_sinh]").fill("Nguyễn Minh Khang")
    form.get_by_label("Nam", exact=True).check()
    form.locator("[name=ef-ngay_thang_nam_sinh]").fill(birth_date)
    form.locator("[name=ef-noi_sinh_province]").select_option("86")
    form.locator("[name=ef-noi_sinh] option[value='29641']").wait_for(state="attached")
    form.locator("[name=ef-noi_sinh]").select_option("29641")
    form.locator("[name=ef-dan_toc]").select_option("Kinh")
    form.locator("[name=ef-ho_chu_dem_ten_nguoi_me]").fill("Lê Thị Hoa")
    form.locator("[name=ef-nam_sinh_cua_nguoi_me]").fill("1995")
    form.locator("[name=ef-dan_toc_cua_nguoi_me]").select_option("Kinh")
    form.locator("[name=ef-noi_cu_tru_cua_nguoi_me]").fill("Ấp Phú Long, xã Cái Nhum")
    form.get_by_label("Không", exact=True).check()  # no father declared: his fields hide


def test_citizen_registers_a_birth_through_its_e_form(page, clamd):
    seed(HOME, CATALOGUE, ACCOUNTS)
    birth = ProcedurePage.objects.get(code=FIRST_CODE)
    sign_in(page, "congdan@example.vn")
    page.goto(page.base_url + f"/nop-ho-so/{FIRST_CODE}/")
    form = page.locator("main form").last
    form.locator("select[name=commune]").select_option(CAI_NHUM)
    future = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    birth_eform_fill(form, birth_date=future)
    assert form.locator("[name=ef-ho_chu_dem_ten_nguoi_cha]").is_hidden()
    for document in birth.documents.filter(is_required=True):
        form.locator(f"#id_document_{document.pk}").set_input_files(
            {"name": f"giay-to-{document.pk}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
    with page.expect_navigation():
        form.locator("button[name=submit]:not(.visually-hidden)").click()

    summary = page.locator("#error-summary")
    assert "Ngày, tháng, năm sinh không được ở tương lai." in summary.inner_text()
    field = page.locator("[name=ef-ngay_thang_nam_sinh]")
    assert field.input_value() == future and field.get_attribute("aria-invalid") == "true"
    assert page.locator("[name=ef-ho_chu_dem_ten_nguoi_duoc_khai_sinh]").input_value() == "Nguyễn Minh Khang"
    assert page.locator("[name=ef-noi_sinh]").input_value() == "29641"
    assert_accessible(page)
    save_screenshot(page, "journey-eform-error")

    field.fill("02/03/2025")
    with page.expect_navigation():
        page.locator("main form").last.locator("button[name=submit]:not(.visually-hidden)").click()
    dossier = Dossier.objects.get(applicant__username="congdan", procedure=birth)
    assert not dossier.is_draft and dossier.eform_version is not None
    assert dossier.eform_answers["ngay_thang_nam_sinh"] == "2025-03-02"
    assert "ho_chu_dem_ten_nguoi_cha" not in dossier.eform_answers


def test_the_e_form_page_is_valid_html(client, tmp_path):
    require_tool(shutil.which("java") is not None, "Java is not installed (the Nu HTML Checker runs on it)")
    seed(HOME, CATALOGUE, ACCOUNTS)
    client.force_login(get_user_model().objects.get(username="congdan"))
    future = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    pages = {
        "eform-empty": client.get(f"/nop-ho-so/{FIRST_CODE}/"),
        "eform-errors": client.post(
            f"/nop-ho-so/{FIRST_CODE}/",
            {"applicant_name": "Lê Thị Hoa", "ef-ngay_thang_nam_sinh": future, "submit": "1"},
        ),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    assert "không được ở tương lai" in pages["eform-errors"].content.decode()
    result = nu_html_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
