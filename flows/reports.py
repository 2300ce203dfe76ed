"""Tables of the statistics as rows for CSV and XLSX, the periodic report in the layout of the
national one-stop report, and the annual report (R-OPS-5, R-OPS-6). The numbers come from
flows.statistics only, so the pages and the files always agree."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from flows.statistics import (
    COLUMNS,
    Dashboard,
    DossierTable,
    Period,
    dossier_statistics,
    period_report_year,
    procedures_per_level,
    rating_summary,
    ratings_per_agency,
)
from services_catalog.choices import ServiceLevel

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ExportTable:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _percent(value: float | None):
    return round(value * 100, 1) if value is not None else ""


def dossier_table_rows(table: DossierTable) -> ExportTable:
    headers = [
        str(table.dimension.label),
        *(f"{column.group}: {column.label}" for column in COLUMNS),
        _("On-time rate (%)"),
    ]
    rows = [[row.label, *row.cells(), _percent(row.on_time_rate)] for row in [*table.rows, table.total]]
    return ExportTable(table.dimension.key, str(table.dimension.label), headers, rows)


def levels_rows(levels: dict[int, int]) -> ExportTable:
    return ExportTable(
        "levels",
        _("Procedures per service level"),
        [_("Service level"), _("Procedures")],
        [[str(ServiceLevel(level).label), count] for level, count in levels.items()],
    )


def figures_rows(dashboard: Dashboard) -> ExportTable:
    return ExportTable(
        "figures",
        _("Service figures"),
        [_("Figure"), _("Value"), _("Out of"), _("Share (%)")],
        [
            [
                figure.label,
                figure.value if figure.value is not None else "",
                figure.total or "",
                _percent(figure.share),
            ]
            for figure in dashboard.figures
        ],
    )


def ratings_rows(ratings: list[dict]) -> ExportTable:
    return ExportTable(
        "ratings",
        _("Ratings per agency"),
        [_("Agency"), _("Ratings"), _("Average rating")],
        [[item["dossier__agency__name"], item["count"], round(item["average"], 2)] for item in ratings],
    )


def idle_agencies_rows(agencies) -> ExportTable:
    return ExportTable(
        "idle",
        _("Agencies with level 3-4 procedures but no online dossier"),
        [_("Agency"), _("Level 3-4 procedures")],
        [[agency.name, agency.online_procedures] for agency in agencies],
    )


def dashboard_tables(dashboard: Dashboard) -> dict[str, ExportTable]:
    tables = {name: dossier_table_rows(table) for name, table in dashboard.tables.items()}
    tables["figures"] = figures_rows(dashboard)
    tables["levels"] = levels_rows(dashboard.levels)
    tables["ratings"] = ratings_rows(dashboard.ratings)
    if dashboard.idle_agencies is not None:
        tables["idle"] = idle_agencies_rows(dashboard.idle_agencies)
    return tables


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Text that a spreadsheet would run as a formula (a name typed as "=HYPERLINK(…)") is written
    as text: openpyxl stores a string starting with "=" as a formula, and spreadsheet programs run
    such CSV cells too."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_safe_row(row: list) -> list:
    return [formula_safe(value) for value in row]


def _filename(stem: str, period: Period, extension: str) -> str:
    return f"thong-ke-{stem}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{extension}"


def csv_response(table: ExportTable, *, period: Period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(table.key, period, "csv")}"'
    response.write("\ufeff")  # so that spreadsheet programs read the Vietnamese letters as UTF-8
    writer = csv.writer(response)
    writer.writerow(table.headers)
    writer.writerows(formula_safe_row(row) for row in table.rows)
    return response


def _sheet_title(text: str) -> str:
    for character in "[]:*?/\\":
        text = text.replace(character, " ")
    return text[:31]


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def tables_xlsx(tables: list[ExportTable], *, period: Period, heading: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        sheet.append([heading])
        sheet.append([_("Period: %(period)s") % {"period": period.display()}])
        sheet.append(table.headers)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(formula_safe_row(row))
        sheet.column_dimensions["A"].width = 40
    return _workbook_bytes(workbook)


def table_xlsx_response(table: ExportTable, *, period: Period, heading: str) -> HttpResponse:
    return xlsx_response(
        tables_xlsx([table], period=period, heading=heading), filename=_filename(table.key, period, "xlsx")
    )


# The periodic report (báo cáo định kỳ): per field, the national layout's numbered columns.

REPORT_COLUMNS = (
    # (national column number, key in the statistics or None for the label columns)
    ("(1)", None),
    ("(2)", None),
    ("(3)", "received_total"),
    ("(4)", "received_online"),
    ("(5)", "received_offline"),
    ("(6)", "carried_over"),
    ("(7)", "resolved_total"),
    ("(8)", "resolved_early"),
    ("(9)", "resolved_on_time"),
    ("(10)", "resolved_late"),
    ("(11)", "pending_total"),
    ("(12)", "pending_within"),
    ("(13)", "pending_overdue"),
)


def report_header_rows() -> tuple[list[str], list[str], list[str]]:
    """The three header rows of the report table, with the merged groups of the national form."""
    top = [
        _("No."),
        _("Field"),
        _("Dossiers received for processing"),
        "",
        "",
        "",
        _("Dossiers resolved"),
        "",
        "",
        "",
        _("Dossiers being processed"),
        "",
        "",
    ]
    middle = [
        "",
        "",
        _("Total"),
        _("Newly received in the period"),
        "",
        _("Carried over from the previous period"),
        _("Total"),
        _("Early"),
        _("On time"),
        _("Late"),
        _("Total"),
        _("Within time"),
        _("Overdue"),
    ]
    bottom = ["", "", "", _("Online"), _("In person, by post"), "", "", "", "", "", "", "", ""]
    return top, middle, bottom


REPORT_MERGES = (
    "A1:A3",
    "B1:B3",
    "C1:F1",
    "G1:J1",
    "K1:M1",
    "C2:C3",
    "D2:E2",
    "F2:F3",
    *(f"{letter}2:{letter}3" for letter in "GHIJKLM"),
)


def periodic_report_rows(*, period: Period, agency_id: int | None = None) -> list[list]:
    table = dossier_statistics(period=period, dimension="field", agency_id=agency_id)
    rows = []
    for number, row in enumerate(table.rows, start=1):
        rows.append([number, row.label, *(row.counts[key] for _number, key in REPORT_COLUMNS[2:])])
    rows.append(["", _("Total"), *(table.total.counts[key] for _number, key in REPORT_COLUMNS[2:])])
    return rows


def _report_sheet(workbook: Workbook, *, title: str, heading: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(_sheet_title(title))
    for line in heading:
        sheet.append([line])
    offset = len(heading) + 1
    sheet.append([])
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for header in (*report_header_rows(), [number for number, _key in REPORT_COLUMNS]):
        sheet.append(header)
    for rng in REPORT_MERGES:
        start, end = rng.split(":")
        sheet.merge_cells(f"{start[0]}{int(start[1:]) + offset}:{end[0]}{int(end[1:]) + offset}")
    for row in rows:
        sheet.append(formula_safe_row(row))
    for row in sheet.iter_rows(min_row=offset + 1, max_row=sheet.max_row, max_col=len(REPORT_COLUMNS)):
        for cell in row:
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if cell.row <= offset + 4:
                cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 40
    for index in range(3, len(REPORT_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 13


def _report_heading(*, period: Period, agency, title: str) -> list[str]:
    return [
        title,
        _("Reporting unit: %(unit)s") % {"unit": agency.name if agency else _("The whole province")},
        _("Period: from %(first)s to %(last)s")
        % {"first": f"{period.first:%d/%m/%Y}", "last": f"{period.last:%d/%m/%Y}"},
        _("Made on %(date)s") % {"date": f"{timezone.localdate():%d/%m/%Y}"},
    ]


def periodic_report_xlsx(*, period: Period, agency=None) -> bytes:
    """The periodic report: the state of dossier processing per field, in the national layout."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _report_sheet(
        workbook,
        title=_("Periodic report"),
        heading=_report_heading(
            period=period, agency=agency, title=_("RESULTS OF ADMINISTRATIVE PROCEDURE PROCESSING")
        ),
        rows=periodic_report_rows(period=period, agency_id=agency.pk if agency else None),
    )
    return _workbook_bytes(workbook)


def annual_report_xlsx(*, year: int, agency=None) -> bytes:
    """The annual report (R-OPS-6) of an agency or of the province: the periodic table for the
    reporting year, then per agency (province), per procedure, service levels and ratings."""
    period = period_report_year(year=year)
    agency_id = agency.pk if agency else None
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = _("ANNUAL REPORT %(year)s ON THE ONE-STOP SYSTEM") % {"year": year}
    _report_sheet(
        workbook,
        title=_("Per field"),
        heading=_report_heading(period=period, agency=agency, title=title),
        rows=periodic_report_rows(period=period, agency_id=agency_id),
    )
    tables = []
    if agency is None:
        tables.append(dossier_table_rows(dossier_statistics(period=period, dimension="agency")))
        tables.append(dossier_table_rows(dossier_statistics(period=period, dimension="level")))
    tables.append(
        dossier_table_rows(dossier_statistics(period=period, dimension="procedure", agency_id=agency_id))
    )
    tables.append(levels_rows(procedures_per_level(agency_id=agency_id)))
    tables.append(ratings_rows(ratings_per_agency(period=period, agency_id=agency_id)))
    summary = rating_summary(period=period, agency_id=agency_id)
    tables.append(
        ExportTable(
            "rating-scores",
            _("Ratings per score"),
            [_("Score"), _("Ratings")],
            [[score, summary[f"score_{score}"]] for score in range(1, 6)],
        )
    )
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        sheet.append([title])
        sheet.append(table.headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(formula_safe_row(row))
        sheet.column_dimensions["A"].width = 40
    return _workbook_bytes(workbook)
