"""Statistics (flows.statistics): every cell against hand-computed expectations, the same numbers on
the page, in the CSV and in the XLSX, the periodic report's layout, who may drill down, and query
counts that do not grow with the data.

The period is March 2025 (Vietnam time), in the past whatever day the tests run, so `as_of` is the
period's end. Agency A (Sở Tư pháp, province level, field Hộ tịch) and agency B (district level,
field Xây dựng) receive the dossiers below; each comment says where the dossier counts.
"""

import csv
import io
import re
from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import openpyxl
import pytest

from flows import services
from flows.calendar import VIETNAM_TZ
from flows.choices import Channel, DossierStatus, EventKind
from flows.models import Dossier, DossierEvent, SupplementRequest
from flows.statistics import (
    COLUMN_KEYS,
    Period,
    dossier_statistics,
    dossiers_behind,
    period_from_params,
    period_month,
    period_report_quarter,
    period_report_year,
)
from portal.accounts.roles import Role
from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Field, ProcedurePage, Sector

from .conftest import make_procedure

MARCH = period_month(year=2025, month=3)
MARCH_QUERY = "tu=2025-03-01&den=2025-03-31"


def vn(month, day, hour=9, minute=0, year=2025):
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM_TZ)


_counter = iter(range(1, 10_000))


def make_dossier(
    procedure, *, status, channel=Channel.ONLINE, received=None, due=None, finished=None, **extra
):
    number = next(_counter)
    return Dossier.objects.create(
        code=f"{procedure.agency.code.upper()}-T-{number:04d}",
        procedure=procedure,
        agency=procedure.agency,
        applicant_name=f"Người nộp {number}",
        channel=channel,
        status=status,
        is_draft=False,
        submitted_at=received or finished,
        received_at=received,
        due_at=due,
        finished_at=finished,
        **extra,
    )


@pytest.fixture
def procedure_b(procedure_index, other_agency):
    other_agency.level = AdministrativeLevel.DISTRICT
    other_agency.save()
    procedure = make_procedure(procedure_index, other_agency, code="2.000001")
    sector = Sector.objects.create(name="Xây dựng", slug="xay-dung")
    field = Field.objects.create(sector=sector, name="Xây dựng", slug="xay-dung-field")
    ProcedurePage.objects.filter(pk=procedure.pk).update(field=field)
    procedure.refresh_from_db()
    return procedure


@pytest.fixture
def known(procedure, procedure_b, citizen, staff):
    """The dossiers with known dates; returns them by name."""
    a, b = procedure, procedure_b
    d = {}
    # A, online, early: finished on 7/3, appointment 10/3.
    d["early"] = make_dossier(
        a, status=DossierStatus.RETURNED, received=vn(3, 3), due=vn(3, 10, 17), finished=vn(3, 7, 10)
    )
    # A, in person, on time: finished on the appointment day, before the appointment hour.
    d["on_time"] = make_dossier(
        a,
        status=DossierStatus.DONE,
        channel=Channel.IN_PERSON,
        received=vn(3, 4),
        due=vn(3, 11, 16),
        finished=vn(3, 11, 10),
    )
    # A, online, paused for a supplement: finished after the first appointment, on time only
    # because the days waiting for the citizen are excluded (the flow's own services move due_at).
    paused = make_dossier(a, status=DossierStatus.NEW, applicant=citizen)
    services.dossier_accept(dossier=paused, actor=staff[Role.RECEPTION], at=vn(3, 17))
    original_due = paused.due_at
    services.dossier_supplement_request(
        dossier=paused, actor=staff[Role.SPECIALIST], items=["Giấy chứng sinh"], at=vn(3, 18)
    )
    services.dossier_resume_after_supplement(dossier=paused, actor=citizen, at=vn(3, 21))
    assert paused.due_at > original_due
    paused.finished_at = paused.due_at - timedelta(minutes=1)
    paused.status = DossierStatus.RETURNED
    paused.save()
    assert paused.finished_at > original_due
    assert paused.finished_at.astimezone(VIETNAM_TZ).date() == paused.due_at.astimezone(VIETNAM_TZ).date()
    d["paused_on_time"] = paused
    d["paused_first_due"] = original_due
    # A, carried over from February, still pending, appointment in April: within time.
    d["carried_over"] = make_dossier(a, status=DossierStatus.PROCESSING, received=vn(2, 25), due=vn(4, 5))
    # A, in person, pending past its appointment: overdue.
    d["overdue"] = make_dossier(
        a, status=DossierStatus.PROCESSING, channel=Channel.IN_PERSON, received=vn(3, 10), due=vn(3, 20)
    )
    # A, refused at reception: never received.
    d["refused"] = make_dossier(a, status=DossierStatus.REFUSED, finished=vn(3, 12))
    # A, online, withdrawn by the citizen.
    d["withdrawn"] = make_dossier(
        a, status=DossierStatus.WITHDRAWN, received=vn(3, 13), due=vn(3, 25), finished=vn(3, 15)
    )
    # A, online, waiting for a supplement at the end of March: pending, within time, paused.
    waiting = make_dossier(
        a,
        status=DossierStatus.SUPPLEMENT_REQUESTED,
        received=vn(3, 24),
        due=vn(4, 2),
        paused_at=vn(3, 26),
    )
    SupplementRequest.objects.create(dossier=waiting, requested_at=vn(3, 26), items=["Tờ khai"])
    d["waiting"] = waiting
    # A, online, received in the last half hour of March: counts, pending within time.
    d["last_minute"] = make_dossier(
        a, status=DossierStatus.RECEIVED, received=vn(3, 31, 23, 30), due=vn(4, 7)
    )
    # Outside the period: finished in February; received at the first instant of April.
    make_dossier(a, status=DossierStatus.RETURNED, received=vn(2, 1), due=vn(2, 15), finished=vn(2, 10))
    make_dossier(a, status=DossierStatus.RECEIVED, received=vn(4, 1, 0, 0), due=vn(4, 10))
    # B, by post, late.
    d["late"] = make_dossier(
        b,
        status=DossierStatus.RETURNED,
        channel=Channel.POST,
        received=vn(3, 5),
        due=vn(3, 12, 16),
        finished=vn(3, 14),
    )
    # B, online, apologised with a new date and finished before it: still late.
    apologised = make_dossier(
        b,
        status=DossierStatus.RETURNED,
        received=vn(3, 3),
        due=vn(3, 20),
        finished=vn(3, 15),
        apologised_at=vn(3, 9),
    )
    DossierEvent.objects.create(dossier=apologised, kind=EventKind.APOLOGISED, at=vn(3, 9))
    d["apologised"] = apologised
    return d


EXPECTED_A = {
    "received_total": 8,
    "carried_over": 1,
    "received_online": 5,
    "received_offline": 2,
    "resolved_total": 3,
    "resolved_early": 1,
    "resolved_on_time": 2,
    "resolved_late": 0,
    "pending_total": 4,
    "pending_within": 3,
    "pending_overdue": 1,
    "paused": 1,
    "refused": 1,
    "withdrawn": 1,
    "stopped": 0,
}
EXPECTED_B = dict.fromkeys(COLUMN_KEYS, 0) | {
    "received_total": 2,
    "received_online": 1,
    "received_offline": 1,
    "resolved_total": 2,
    "resolved_late": 2,
}
EXPECTED_TOTAL = {key: EXPECTED_A[key] + EXPECTED_B[key] for key in COLUMN_KEYS}


def test_every_cell_per_agency_and_total(known, agency, other_agency):
    table = dossier_statistics(period=MARCH, dimension="agency")
    rows = {row.key: row for row in table.rows}
    assert rows[str(agency.pk)].counts == EXPECTED_A
    assert rows[str(other_agency.pk)].counts == EXPECTED_B
    assert table.total.counts == EXPECTED_TOTAL
    assert dossier_statistics(period=MARCH).total.counts == EXPECTED_TOTAL
    assert rows[str(agency.pk)].on_time_rate == 1.0
    assert rows[str(other_agency.pk)].on_time_rate == 0.0
    assert table.total.on_time_rate == pytest.approx(3 / 5)


def test_per_field_level_and_procedure(known, procedure, procedure_b):
    fields = {row.label: row.counts for row in dossier_statistics(period=MARCH, dimension="field").rows}
    assert fields == {"Hộ tịch": EXPECTED_A, "Xây dựng": EXPECTED_B}
    levels = {row.key: row.counts for row in dossier_statistics(period=MARCH, dimension="level").rows}
    assert levels == {AdministrativeLevel.PROVINCE: EXPECTED_A, AdministrativeLevel.DISTRICT: EXPECTED_B}
    procedures = {row.key: row.counts for row in dossier_statistics(period=MARCH, dimension="procedure").rows}
    assert procedures == {str(procedure.pk): EXPECTED_A, str(procedure_b.pk): EXPECTED_B}


def test_agency_scope(known, agency):
    assert dossier_statistics(period=MARCH, agency_id=agency.pk).total.counts == EXPECTED_A


def test_the_pause_is_what_makes_the_dossier_on_time(known):
    dossier = known["paused_on_time"]
    # Finished after the appointment given at reception, before the one moved by the pause.
    assert known["paused_first_due"] < dossier.finished_at <= dossier.due_at
    assert dossier in dossiers_behind(period=MARCH, column="resolved_on_time")
    assert dossier not in dossiers_behind(period=MARCH, column="resolved_late")
    # Had the pause counted (the first appointment kept), the same dossier would be late.
    Dossier.objects.filter(pk=dossier.pk).update(due_at=known["paused_first_due"])
    assert dossier in dossiers_behind(period=MARCH, column="resolved_late")


def test_apology_records_its_time_once(known, staff):
    from django.utils import timezone

    dossier = known["carried_over"]
    head = staff[Role.HEAD]
    services.dossier_apologise(
        dossier=dossier, actor=head, new_due_at=timezone.now() + timedelta(days=3), reason="Chờ ý kiến"
    )
    first = Dossier.objects.get(pk=dossier.pk).apologised_at
    assert first is not None
    services.dossier_apologise(
        dossier=dossier, actor=head, new_due_at=timezone.now() + timedelta(days=9), reason="Chờ thêm"
    )
    assert Dossier.objects.get(pk=dossier.pk).apologised_at == first


def test_drilldown_lists_exactly_the_counted_dossiers(known):
    expected = {
        "resolved_early": {known["early"]},
        "resolved_on_time": {known["on_time"], known["paused_on_time"]},
        "resolved_late": {known["late"], known["apologised"]},
        "carried_over": {known["carried_over"]},
        "pending_overdue": {known["overdue"]},
        "pending_within": {known["carried_over"], known["waiting"], known["last_minute"]},
        "paused": {known["waiting"]},
        "refused": {known["refused"]},
        "withdrawn": {known["withdrawn"]},
    }
    for column, dossiers in expected.items():
        assert set(dossiers_behind(period=MARCH, column=column)) == dossiers, column
    for column in COLUMN_KEYS:
        listed = dossiers_behind(period=MARCH, column=column).count()
        assert listed == EXPECTED_TOTAL[column], column


def test_next_month_carries_the_pending_dossiers_over(known):
    april = period_month(year=2025, month=4)
    counts = dossier_statistics(period=april).total.counts
    # Pending at the end of March: carried over, waiting, last minute, overdue (4), plus nothing else.
    assert counts["carried_over"] == EXPECTED_TOTAL["pending_total"]
    assert counts["received_total"] == counts["carried_over"] + 1  # the dossier of 1/4 00:00


def test_periods():
    assert period_report_quarter(year=2026, quarter=1) == Period(
        first=datetime(2025, 12, 15).date(), last=datetime(2026, 3, 14).date(), label="Q1/2026"
    )
    assert period_report_quarter(year=2026, quarter=3).first == datetime(2026, 6, 15).date()
    assert period_report_year(year=2026).first == datetime(2025, 12, 15).date()
    assert period_report_year(year=2026).last == datetime(2026, 12, 14).date()
    assert period_from_params({"tu": "2025-03-01", "den": "2025-03-31"}) == Period(
        first=datetime(2025, 3, 1).date(), last=datetime(2025, 3, 31).date()
    )
    assert period_from_params({"ky": "thang", "nam": "2025", "so": "2"}).last == datetime(2025, 2, 28).date()
    # Nonsense falls back to the current year.
    assert period_from_params({"tu": "x", "nam": "abc"}).first.month == 1


# The page, the CSV and the XLSX show the same numbers


def _page_rows(html: str, table_id: str) -> dict[str, list[int]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table, re.S):
        cells = re.findall(r'<td data-column="[a-z_]+">(?:<a [^>]*>)?(\d+)', row[1])
        rows[row[0]] = [int(cell) for cell in cells]
    return rows


def test_page_csv_and_xlsx_agree(client, known, agency, other_agency):
    response = client.get(reverse("flows:statistics") + "?" + MARCH_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    page = _page_rows(html, "table-agency")
    expected = {
        agency.name: [EXPECTED_A[key] for key in COLUMN_KEYS],
        other_agency.name: [EXPECTED_B[key] for key in COLUMN_KEYS],
        "Tổng cộng": [EXPECTED_TOTAL[key] for key in COLUMN_KEYS],
    }
    assert page == expected
    assert "<svg" in html and 'role="img"' in html
    assert "60,0 %" in html  # on-time rate of the total

    csv_response = client.get(reverse("flows:statistics_export", args=["agency", "csv"]) + "?" + MARCH_QUERY)
    assert csv_response["Content-Type"].startswith("text/csv")
    reader = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    csv_rows = {row[0]: [int(value) for value in row[1 : 1 + len(COLUMN_KEYS)]] for row in reader[1:]}
    assert csv_rows == expected
    assert reader[-1][-1] == "60.0"

    xlsx_response = client.get(
        reverse("flows:statistics_export", args=["agency", "xlsx"]) + "?" + MARCH_QUERY
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    xlsx_rows = {
        row[0]: list(row[1 : 1 + len(COLUMN_KEYS)]) for row in sheet.iter_rows(min_row=4, values_only=True)
    }
    assert xlsx_rows == expected


def test_field_and_level_tables_on_page_and_csv(client, known):
    html = client.get(reverse("flows:statistics") + "?" + MARCH_QUERY).content.decode()
    assert _page_rows(html, "table-field")["Hộ tịch"] == [EXPECTED_A[key] for key in COLUMN_KEYS]
    assert _page_rows(html, "table-level")["Cấp huyện"] == [EXPECTED_B[key] for key in COLUMN_KEYS]
    for table in ("field", "level", "figures", "levels", "ratings", "idle"):
        response = client.get(reverse("flows:statistics_export", args=[table, "csv"]) + "?" + MARCH_QUERY)
        assert response.status_code == 200, table
    assert client.get(reverse("flows:statistics_export", args=["procedure", "csv"])).status_code == 404
    assert client.get(reverse("flows:statistics_export", args=["agency", "pdf"])).status_code == 404


def test_periodic_report_layout(client, known, make_user, agency):
    operator = make_user("quantri.stttt", agency=agency, role=Role.OPERATOR)
    client.force_login(operator)
    response = client.get(reverse("flows:staff_report_periodic") + "?" + MARCH_QUERY)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    numbered = next(index for index, row in enumerate(rows) if row[0] == "(1)")
    assert list(rows[numbered]) == [f"({n})" for n in range(1, 14)]
    top = rows[numbered - 3]
    assert top[2] == "Số hồ sơ nhận giải quyết" and top[6] == "Số hồ sơ đã giải quyết"
    assert top[10] == "Số hồ sơ đang giải quyết"
    top_row = numbered - 2  # 1-based number of the first header row
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {f"C{top_row}:F{top_row}", f"G{top_row}:J{top_row}", f"K{top_row}:M{top_row}"} <= merged
    data = {row[1]: list(row[2:13]) for row in rows[numbered + 1 :]}
    order = [
        "received_total", "received_online", "received_offline", "carried_over",
        "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
        "pending_total", "pending_within", "pending_overdue",
    ]  # fmt: skip
    assert data["Hộ tịch"] == [EXPECTED_A[key] for key in order]
    assert data["Xây dựng"] == [EXPECTED_B[key] for key in order]
    assert data["Tổng cộng"] == [EXPECTED_TOTAL[key] for key in order]
    assert any("01/03/2025" in str(row[0]) for row in rows[:numbered])


def test_annual_report_per_agency_and_province(client, known, staff, make_user, agency):
    client.force_login(staff[Role.HEAD])
    response = client.get(reverse("flows:staff_report_annual") + "?nam=2025")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert agency.name in str(book.worksheets[0]["A2"].value)
    client.force_login(make_user("quantri.stttt", agency=agency, role=Role.OPERATOR))
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("flows:staff_report_annual") + "?nam=2025").content)
    )
    assert "Toàn tỉnh" in str(book.worksheets[0]["A2"].value)
    assert len(book.worksheets) >= 5


# Access control


def _drill(column="resolved_late", dimension="agency", key=""):
    return (
        reverse("flows:staff_statistics_dossiers")
        + f"?cot={column}&theo={dimension}&khoa={key}&{MARCH_QUERY}"
    )


def test_head_sees_own_agency_only(client, known, staff, other_staff, agency, other_agency):
    client.force_login(staff[Role.HEAD])
    own = client.get(_drill("resolved_total", "total"))
    assert own.status_code == 200
    body = own.content.decode()
    assert known["early"].code in body and known["late"].code not in body
    assert client.get(_drill("resolved_late", "agency", other_agency.pk)).status_code == 404
    # Asking for B's dashboard or list with ?co-quan= does not widen the scope.
    other = client.get(_drill("resolved_late", "total") + f"&co-quan={other_agency.pk}")
    assert known["late"].code not in other.content.decode()
    dashboard = client.get(reverse("flows:staff_statistics") + f"?{MARCH_QUERY}&co-quan={other_agency.pk}")
    assert agency.name in dashboard.content.decode()
    client.force_login(other_staff[Role.HEAD])
    assert known["late"].code in client.get(_drill("resolved_late", "total")).content.decode()


def test_operator_sees_every_agency(client, known, make_user, agency, other_agency):
    client.force_login(make_user("quantri.stttt", agency=agency, role=Role.OPERATOR))
    body = client.get(_drill("resolved_late", "agency", other_agency.pk)).content.decode()
    assert known["late"].code in body and known["apologised"].code in body
    page = client.get(reverse("flows:statistics") + "?" + MARCH_QUERY).content.decode()
    assert reverse("flows:staff_statistics_dossiers") in page  # figures link to their dossiers


@pytest.mark.parametrize("who", ["anonymous", "citizen", "specialist", "reception"])
def test_others_cannot_drill_down(client, known, citizen, staff, who):
    if who == "citizen":
        client.force_login(citizen)
    elif who == "specialist":
        client.force_login(staff[Role.SPECIALIST])
    elif who == "reception":
        client.force_login(staff[Role.RECEPTION])
    for url in (
        _drill("resolved_total", "total"),
        reverse("flows:staff_statistics"),
        reverse("flows:staff_statistics_export", args=["field", "csv"]),
        reverse("flows:staff_report_periodic"),
        reverse("flows:staff_report_annual"),
    ):
        response = client.get(url)
        if who == "anonymous":
            assert (
                response.status_code == 302 and "/dang-nhap/" in response["Location"]
            ) or "login" in response["Location"]
        else:
            assert response.status_code == 404, url
    page = client.get(reverse("flows:statistics") + "?" + MARCH_QUERY).content.decode()
    assert reverse("flows:staff_statistics_dossiers") not in page
    assert known["early"].code not in page


# Query counts: constant with the data size


def _more_dossiers(procedure_index, agency_factory, count_agencies: int):
    for number in range(count_agencies):
        agency = agency_factory(number)
        procedure = make_procedure(procedure_index, agency, code=f"7.{number:06d}")
        for day in range(1, 6):
            make_dossier(
                procedure,
                status=DossierStatus.RETURNED,
                received=vn(3, day),
                due=vn(3, 20),
                finished=vn(3, 10),
            )
            make_dossier(procedure, status=DossierStatus.PROCESSING, received=vn(3, day), due=vn(3, 20))


def _agency_factory(offset):
    from services_catalog.models import Agency

    def make(number):
        return Agency.objects.create(
            code=f"cq{offset}{number}", name=f"Cơ quan {offset}-{number}", level=AdministrativeLevel.COMMUNE
        )

    return make


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_counts_do_not_grow(client, known, procedure_index, staff, make_user, agency):
    operator = make_user("quantri.stttt", agency=agency, role=Role.OPERATOR)
    urls = {
        "public": (None, reverse("flows:statistics") + "?" + MARCH_QUERY),
        "agency": (staff[Role.HEAD], reverse("flows:staff_statistics") + "?" + MARCH_QUERY),
        "province": (operator, reverse("flows:staff_statistics") + "?" + MARCH_QUERY),
        "drilldown": (operator, _drill("pending_total", "total")),
    }
    before = {}
    for name, (user, url) in urls.items():
        client.logout()
        if user:
            client.force_login(user)
        _count(client, url)  # warm the caches of the page chrome
        before[name] = _count(client, url)
    _more_dossiers(procedure_index, _agency_factory(1), 6)
    for name, (user, url) in urls.items():
        client.logout()
        if user:
            client.force_login(user)
        _count(client, url)
        assert _count(client, url) == before[name], name
    assert before["public"] <= 12
    assert before["province"] <= 20


def test_service_statistics(known, procedure_index, citizen):
    from flows.models import DossierRating
    from flows.statistics import agencies_without_online_dossiers, procedures_per_level, service_figures
    from services_catalog.choices import ServiceLevel
    from services_catalog.models import Agency

    idle = Agency.objects.create(code="ubndxa", name="UBND xã An Hội", level=AdministrativeLevel.COMMUNE)
    idle_procedure = make_procedure(procedure_index, idle, code="3.000001", level=ServiceLevel.FULLY_ONLINE)
    make_dossier(idle_procedure, status=DossierStatus.RECEIVED, channel=Channel.IN_PERSON, received=vn(3, 5))
    forms_only = Agency.objects.create(
        code="ubndxb", name="UBND xã Bình Phú", level=AdministrativeLevel.COMMUNE
    )
    make_procedure(procedure_index, forms_only, code="3.000002", level=ServiceLevel.FORMS)

    listed = list(agencies_without_online_dossiers(period=MARCH))
    assert [agency.code for agency in listed] == ["ubndxa"]
    assert listed[0].online_procedures == 1
    # In April only agency A got an online dossier (the one of 1/4 00:00).
    april = {a.code for a in agencies_without_online_dossiers(period=period_month(year=2025, month=4))}
    assert april == {"sxd", "ubndxa"}

    assert procedures_per_level() == {0: 0, 1: 0, 2: 1, 3: 2, 4: 1}  # 0: not yet classified

    DossierRating.objects.create(dossier=known["early"], score=5, rated_at=vn(3, 8))
    DossierRating.objects.create(dossier=known["late"], score=2, rated_at=vn(3, 20))
    DossierRating.objects.create(dossier=known["on_time"], score=1, rated_at=vn(4, 2))  # not in March
    figures = {figure.key: figure for figure in service_figures(period=MARCH)}
    assert (figures["on_time_rate"].value, figures["on_time_rate"].total) == (3, 5)
    # Received in March: 6 online out of 10 (the idle agency's in-person dossier included).
    assert (figures["online_share"].value, figures["online_share"].total) == (6, 10)
    assert figures["rating_average"].value == 3.5


def test_exports_write_formula_like_names_as_text(client, known, agency):
    agency.name = '=HYPERLINK("http://example.com","x")'
    agency.save()
    query = "?" + MARCH_QUERY
    csv_text = client.get(reverse("flows:statistics_export", args=["agency", "csv"]) + query).content.decode()
    assert "'=HYPERLINK" in csv_text
    content = client.get(reverse("flows:statistics_export", args=["agency", "xlsx"]) + query).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "'" + agency.name in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
