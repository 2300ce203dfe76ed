"""The agency's "Dữ liệu tờ khai": filter a procedure's dossiers by a form field (contains/equals,
without minding diacritics) and a period, page through them, export CSV/XLSX formula-safe, and see
only the own agency's dossiers."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from flows.choices import DossierStatus
from flows.eform_data import answer_matches, eform_data_columns
from flows.models import Dossier
from flows.selectors import workspace_desk_links
from portal.accounts.roles import Role
from services_catalog.eforms import eform_version_current

from .conftest import birth_answers, eform_add

pytestmark = pytest.mark.django_db

URL_NAME = "flows:staff_eform_data"
FORMULA = '=HYPERLINK("http://evil.example","Nhấn vào đây")'


def answered_dossier(procedure, version, *, code, answers, agency=None, days_ago=1) -> Dossier:
    return Dossier.objects.create(
        procedure=procedure,
        agency=agency or procedure.agency,
        applicant_name=f"Người nộp {code}",
        is_draft=False,
        status=DossierStatus.NEW,
        code=code,
        submitted_at=timezone.now() - timedelta(days=days_ago),
        eform_version=version,
        eform_answers=answers,
    )


@pytest.fixture
def data(procedure, birth_form, other_agency):
    return {
        "khoi": answered_dossier(procedure, birth_form, code="STP-1", answers=birth_answers()),
        "hoa": answered_dossier(
            procedure,
            birth_form,
            code="STP-2",
            answers=birth_answers(ho_chu_dem_ten="Lê Thị Hoa", gioi_tinh="Nữ", noi_sinh="26734"),
        ),
        "old": answered_dossier(procedure, birth_form, code="STP-3", answers=birth_answers(), days_ago=200),
        "formula": answered_dossier(
            procedure, birth_form, code="STP-4", answers=birth_answers(ho_chu_dem_ten=FORMULA)
        ),
        "elsewhere": answered_dossier(
            procedure, birth_form, code="SXD-1", answers=birth_answers(), agency=other_agency
        ),
    }


def codes(response) -> list[str]:
    page = response.content.decode()
    return [
        code
        for code in ("STP-1", "STP-2", "STP-3", "STP-4", "SXD-1")
        if f'<th scope="row">{code}</th>' in page
    ]


def test_matching_ignores_case_and_diacritics():
    assert answer_matches(text="Nguyễn Minh Khôi", operator="contains", value="minh khoi")
    assert not answer_matches(text="Nguyễn Minh Khôi", operator="equals", value="minh khoi")
    assert answer_matches(text="Nữ", operator="equals", value="nu")
    assert answer_matches(text="Con A; Con B", operator="equals", value="con b")


def test_columns_keep_fields_of_older_versions_and_name_group_fields(procedure, birth_form):
    eform_add(procedure, [("Tên con", "singleline", {"repeat_group": "Con"})], start=100)
    newer = eform_version_current(procedure=procedure)
    labels = [column.label for column in eform_data_columns(versions=[birth_form, newer])]
    assert labels[0] == "Họ, chữ đệm, tên" and labels[-1] == "Con - Tên con"
    assert len(labels) == len(set(labels))


def test_filter_by_field_and_period_sees_only_the_own_agency(client, procedure, data, staff, other_staff):
    url = reverse(URL_NAME, args=[procedure.code])
    client.force_login(staff[Role.SPECIALIST])
    everything = client.get(url)
    assert everything.status_code == 200
    assert codes(everything) == ["STP-1", "STP-2", "STP-4"]  # 90 days by default, own agency only
    assert "<td>Phường Hoàn Kiếm, thành phố Hà Nội</td>" in everything.content.decode()
    assert codes(
        client.get(url, {"field": "ho_chu_dem_ten", "operator": "contains", "value": "minh khoi"})
    ) == ["STP-1"]
    assert codes(client.get(url, {"field": "gioi_tinh", "operator": "equals", "value": "nu"})) == ["STP-2"]
    # A commune is filtered by its name as read, not its code.
    assert codes(client.get(url, {"field": "noi_sinh", "operator": "contains", "value": "hoan kiem"})) == [
        "STP-1",
        "STP-4",
    ]
    start = (timezone.localdate() - timedelta(days=300)).strftime("%d/%m/%Y")
    assert codes(client.get(url, {"start": start, "field": "ho_chu_dem_ten", "value": "Khôi"})) == [
        "STP-1",
        "STP-3",
    ]
    client.force_login(other_staff[Role.SPECIALIST])
    assert codes(client.get(url)) == ["SXD-1"]


def test_bad_filter_keeps_what_was_typed_and_says_why(client, procedure, data, staff):
    client.force_login(staff[Role.RECEPTION])
    page = client.get(reverse(URL_NAME, args=[procedure.code]), {"value": "Khôi", "end": "01/01/2000"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Hãy chọn trường của tờ khai cần lọc." in text
    assert "Ngày kết thúc không được trước ngày bắt đầu." in text
    assert 'value="Khôi"' in text
    assert codes(page) == []


def test_csv_and_xlsx_exports_are_formula_safe_and_filtered(client, procedure, data, staff):
    client.force_login(staff[Role.HEAD])
    url = reverse(URL_NAME, args=[procedure.code])
    response = client.get(url, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="du-lieu-to-khai-{procedure.code}-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Mã hồ sơ", "Ngày nộp", "Người nộp hồ sơ", "Trạng thái", "Họ, chữ đệm, tên"]
    by_code = {row[0]: row for row in rows[1:]}
    assert sorted(by_code) == ["STP-1", "STP-2", "STP-4"]
    assert by_code["STP-4"][4] == "'" + FORMULA
    assert by_code["STP-2"][4] == "Lê Thị Hoa"

    response = client.get(url, {"format": "xlsx", "field": "ho_chu_dem_ten", "value": "hyperlink"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[0] for row in values] == ["STP-4"]
    cell = sheet.cell(row=4, column=5)
    assert cell.value == "'" + FORMULA and cell.data_type == "s"


def test_pages_of_fifty_with_flat_query_counts(client, procedure, birth_form, staff):
    for number in range(55):
        answered_dossier(procedure, birth_form, code=f"STP-{number:03d}", answers=birth_answers())
    client.force_login(staff[Role.RECEPTION])
    url = reverse(URL_NAME, args=[procedure.code])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        page = client.get(url)
    assert page.content.decode().count('<th scope="row">STP-') == 50
    with CaptureQueriesContext(connection) as second:
        page = client.get(url, {"page": 2})
    assert page.content.decode().count('<th scope="row">STP-') == 5
    assert len(first) == len(second)
    assert "Trang 2/2" in page.content.decode()


def test_citizens_and_anonymous_are_refused_and_staff_find_the_page(client, procedure, data, citizen, staff):
    url = reverse(URL_NAME, args=[procedure.code])
    assert client.get(url).status_code == 302
    client.force_login(citizen)
    assert client.get(url).status_code == 404
    assert client.get(reverse("flows:staff_eform_data_choose")).status_code == 404
    client.force_login(staff[Role.SPECIALIST])
    assert reverse("flows:staff_eform_data_choose") in [
        link["url"] for link in workspace_desk_links(user=staff[Role.SPECIALIST])
    ]
    listing = client.get(reverse("flows:staff_eform_data_choose")).content.decode()
    assert url in listing


def test_reading_or_exporting_the_answers_is_in_each_applicants_access_log(client, procedure, data, staff):
    from flows.access_log.models import DossierAccess

    officer = staff[Role.SPECIALIST]
    client.force_login(officer)
    url = reverse(URL_NAME, args=[procedure.code])
    client.get(url, {"field": "gioi_tinh", "operator": "equals", "value": "nu"})
    logged = DossierAccess.objects.filter(actor_id=officer.pk, kind="declaration")
    assert list(logged.values_list("dossier__code", "item")) == [("STP-2", "Dữ liệu tờ khai")]
    client.get(url, {"format": "csv"})
    assert sorted(logged.values_list("dossier__code", flat=True)) == ["STP-1", "STP-2", "STP-2", "STP-4"]
