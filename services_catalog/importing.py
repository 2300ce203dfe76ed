"""Import and export of the procedure list (CSV UTF-8 with a header row, or XLSX).

Columns, in any order: code,name,field,sector,admin_level,service_level,processing_days,fee_vnd,agency
and optionally agency_name, online_processing_days, fees, documents, steps, submission_methods,
eligible_applicants, result, legal_basis, conditions, effective_date, is_retired.

- admin_level: tinh, huyen or xa, several joined by ";" (tinh;xa). service_level: 1-4.
- An empty cell means "unknown": a new procedure gets the default, an existing one keeps its value.
- fee_vnd: one amount in VND (0 = free of charge). The optional `fees` column lists several:
  "Lệ phí: 50000; Phí thẩm định: 200000 (nộp trực tuyến giảm 50%)" and wins over fee_vnd.
- documents: one per line, "name | originals | copies | có/không (required) | note".
- agency: an agency code (stp) or name; a missing agency is created (named by agency_name if given).
- Text columns (steps, legal_basis, ...) take plain text, one paragraph a line, or HTML.
- In XLSX, format the code column as text: a number cell loses trailing zeros (1.000650 → 1.00065).

The whole file is checked before anything is written; any bad row stops the import.
"""

import csv
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Agency, Field, ProcedurePage, Sector
from services_catalog.services import (
    LEVEL_FLAGS,
    RICH_TEXT_FIELDS,
    DocumentData,
    FeeData,
    ProcedureData,
    agency_get_or_create,
    catalogue_index_ensure,
    field_get_or_create,
    procedure_changes,
    procedure_update,
    procedures_bulk_create,
    sector_get_or_create,
)

REQUIRED_COLUMNS = (
    "code",
    "name",
    "field",
    "sector",
    "admin_level",
    "service_level",
    "processing_days",
    "fee_vnd",
    "agency",
)
OPTIONAL_COLUMNS = (
    "agency_name",
    "online_processing_days",
    "fees",
    "documents",
    *RICH_TEXT_FIELDS,
    "effective_date",
    "is_retired",
)
EXPORT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
TRUE_WORDS = {"1", "x", "có", "co", "true", "yes", "bắt buộc", "bat buoc"}
FALSE_WORDS = {"0", "không", "khong", "false", "no"}
_FEE_ITEM = re.compile(
    r"^(?P<label>.+?):\s*(?P<amount>[\d.,\s]+)\s*(?:đ|₫|vnd)?\s*(?:\((?P<note>.*)\))?$", re.I
)


class ImportFileError(Exception):
    """The file cannot be read at all (format, encoding, header)."""


@dataclass
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class ParsedRow:
    line: int
    code: str
    title: str | None
    sector_name: str | None
    field_name: str | None
    agency_value: str | None
    agency_name: str | None
    admin_levels: set[str] | None
    service_level: int | None
    processing_days: int | None
    online_processing_days: int | None
    fees: list[FeeData] | None
    documents: list[DocumentData] | None
    rich_text: dict[str, str] = dataclass_field(default_factory=dict)
    effective_date: date | None = None
    is_retired: bool | None = None


@dataclass
class ImportReport:
    created: list[str] = dataclass_field(default_factory=list)
    updated: list[str] = dataclass_field(default_factory=list)
    unchanged: list[str] = dataclass_field(default_factory=list)
    errors: list[RowError] = dataclass_field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for each data row; the header is line 1."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
            raise ImportFileError(_("Cannot read the XLSX file: %(error)s") % {"error": exc}) from exc
        records = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    else:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                records = [[_cell(value) for value in row] for row in csv.reader(handle)]
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The CSV file must be encoded in UTF-8.")) from exc
    if not records:
        raise ImportFileError(_("The file is empty."))
    header = [name.strip().lower() for name in records[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(record):
            continue
        padded = record + [""] * (len(header) - len(record))
        rows.append((number, {name: padded[i] for i, name in enumerate(header) if name}))
    return rows


def _integer(text: str, *, column: str, errors: list[str], allow_separators: bool = False) -> int | None:
    if not text:
        return None
    cleaned = re.sub(r"[.,\s]|đ|₫|vnd", "", text, flags=re.I) if allow_separators else text
    if not cleaned.isdigit():
        errors.append(
            _("%(column)s must be a whole number, not “%(value)s”") % {"column": column, "value": text}
        )
        return None
    return int(cleaned)


def _admin_levels(text: str, errors: list[str]) -> set[str] | None:
    if not text:
        return None
    parts = {part.strip().lower() for part in re.split(r"[;,]", text) if part.strip()}
    valid = set(AdministrativeLevel.values)
    if not parts or not parts <= valid:
        errors.append(
            _("admin_level must be tinh, huyen or xa (several joined by ;), not “%(value)s”")
            % {"value": text}
        )
        return None
    return parts


def _fees(row: dict[str, str], errors: list[str]) -> list[FeeData] | None:
    listed = row.get("fees", "")
    if listed:
        fees = []
        for item in (part.strip() for part in listed.split(";")):
            if not item:
                continue
            match = _FEE_ITEM.match(item)
            amount = re.sub(r"[.,\s]", "", match["amount"]) if match else ""
            if not match or not amount.isdigit():
                errors.append(_("fees: “%(item)s” is not “label: amount”") % {"item": item})
                return None
            fees.append(
                FeeData(label=match["label"].strip(), amount_vnd=int(amount), note=match["note"] or "")
            )
        return fees
    amount = _integer(row.get("fee_vnd", ""), column="fee_vnd", errors=errors, allow_separators=True)
    if amount is None:
        return None
    return [FeeData(label="Lệ phí", amount_vnd=amount)] if amount else []


def _boolean(text: str, *, column: str, errors: list[str]) -> bool | None:
    lowered = text.strip().lower()
    if not lowered:
        return None
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    errors.append(_("%(column)s must be 1 or 0, not “%(value)s”") % {"column": column, "value": text})
    return None


def _documents(text: str, errors: list[str]) -> list[DocumentData] | None:
    if not text:
        return None
    documents = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        originals = _integer(parts[1], column="documents", errors=errors) if len(parts) > 1 else 1
        copies = _integer(parts[2], column="documents", errors=errors) if len(parts) > 2 else 0
        required = _boolean(parts[3], column="documents", errors=errors) if len(parts) > 3 else True
        documents.append(
            DocumentData(
                name=parts[0],
                originals=1 if originals is None else originals,
                copies=copies or 0,
                is_required=True if required is None else required,
                note=parts[4] if len(parts) > 4 else "",
            )
        )
    return documents


def _rich_text(text: str) -> str:
    if text.lstrip().startswith("<"):
        return text
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def _date(text: str, errors: list[str]) -> date | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(_("effective_date must be a date like 31/12/2024, not “%(value)s”") % {"value": text})
    return None


def parse_row(
    line: int, row: dict[str, str], *, existing_codes: set[str]
) -> tuple[ParsedRow | None, list[str]]:
    errors: list[str] = []
    code = row.get("code", "")
    if not code:
        errors.append(_("the official code (code) is missing"))
    service_level = _integer(row.get("service_level", ""), column="service_level", errors=errors)
    if service_level is not None and not 1 <= service_level <= 4:
        errors.append(_("service_level must be 1, 2, 3 or 4, not “%(value)s”") % {"value": service_level})
    parsed = ParsedRow(
        line=line,
        code=code,
        title=row.get("name") or None,
        sector_name=row.get("sector") or None,
        field_name=row.get("field") or None,
        agency_value=row.get("agency") or None,
        agency_name=row.get("agency_name") or None,
        admin_levels=_admin_levels(row.get("admin_level", ""), errors),
        service_level=service_level,
        processing_days=_integer(row.get("processing_days", ""), column="processing_days", errors=errors),
        online_processing_days=_integer(
            row.get("online_processing_days", ""), column="online_processing_days", errors=errors
        ),
        fees=_fees(row, errors),
        documents=_documents(row.get("documents", ""), errors),
        rich_text={name: _rich_text(row[name]) for name in RICH_TEXT_FIELDS if row.get(name)},
        effective_date=_date(row.get("effective_date", ""), errors),
        is_retired=_boolean(row.get("is_retired", ""), column="is_retired", errors=errors),
    )
    if parsed.field_name and not parsed.sector_name:
        errors.append(_("a field needs its sector: the sector column is empty"))
    if code and code not in existing_codes:
        missing = [
            column
            for column, value in (
                ("name", parsed.title),
                ("sector", parsed.sector_name),
                ("field", parsed.field_name),
                ("agency", parsed.agency_value),
            )
            if not value
        ]
        if missing:
            errors.append(
                _("a new procedure needs %(columns)s: the cells are empty") % {"columns": ", ".join(missing)}
            )
    return (None if errors else parsed), errors


def _resolve(parsed: ParsedRow, *, dry_run: bool) -> ProcedureData:
    """Taxonomy objects for a row; created when missing, except in a dry run (then left unknown)."""
    sector = field = agency = None
    if parsed.sector_name:
        sector = (
            Sector.objects.filter(name=parsed.sector_name).first()
            if dry_run
            else sector_get_or_create(name=parsed.sector_name)
        )
    if parsed.field_name and sector:
        field = (
            Field.objects.filter(name=parsed.field_name, sector=sector).first()
            if dry_run
            else field_get_or_create(name=parsed.field_name, sector=sector)
        )
    if parsed.agency_value:
        if dry_run:
            agency = (
                Agency.objects.filter(code=parsed.agency_value).first()
                or Agency.objects.filter(name=parsed.agency_value).first()
            )
        else:
            level = sorted(parsed.admin_levels or [])[0] if parsed.admin_levels else ""
            agency = agency_get_or_create(
                code_or_name=parsed.agency_value, name=parsed.agency_name or "", level=level
            )
    return ProcedureData(
        code=parsed.code,
        title=parsed.title,
        sector=sector,
        field=field,
        agency=agency,
        admin_levels=parsed.admin_levels,
        service_level=parsed.service_level,
        processing_days=parsed.processing_days,
        online_processing_days=parsed.online_processing_days,
        fees=parsed.fees,
        documents=parsed.documents,
        rich_text=parsed.rich_text,
        effective_date=parsed.effective_date,
        is_retired=parsed.is_retired,
    )


def _taxonomy_is_new(parsed: ParsedRow, data: ProcedureData) -> bool:
    return bool(
        (parsed.sector_name and data.sector is None)
        or (parsed.field_name and data.field is None)
        or (parsed.agency_value and data.agency is None)
    )


def procedures_import(*, path: Path, dry_run: bool = False, user=None) -> ImportReport:
    """Check every row, then (unless `dry_run` or any row is bad) write them all in one transaction."""
    rows = read_rows(path)
    report = ImportReport()
    pages = {
        page.code: page
        for page in ProcedurePage.objects.prefetch_related("fees", "documents").select_related(
            "sector", "field", "agency"
        )
    }
    parsed_rows: list[ParsedRow] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        parsed, reasons = parse_row(line, row, existing_codes=set(pages))
        code = row.get("code", "")
        if code and code in first_line:
            reasons.append(
                _("code %(code)s appears again (first on line %(first)s)")
                % {"code": code, "first": first_line[code]}
            )
        elif code:
            first_line[code] = line
        report.errors.extend(RowError(line=line, reason=reason) for reason in reasons)
        if parsed and not reasons:
            parsed_rows.append(parsed)
    if report.errors:
        return report

    with transaction.atomic():
        index = None if dry_run else catalogue_index_ensure()
        to_create: list[ProcedureData] = []
        for parsed in parsed_rows:
            data = _resolve(parsed, dry_run=dry_run)
            page = pages.get(parsed.code)
            if page is None:
                to_create.append(data)
                report.created.append(parsed.code)
            elif procedure_changes(page, data) or (dry_run and _taxonomy_is_new(parsed, data)):
                if not dry_run:
                    procedure_update(page=page, data=data, user=user)
                report.updated.append(parsed.code)
            else:
                report.unchanged.append(parsed.code)
        if not dry_run and to_create:
            procedures_bulk_create(index_page=index, procedures=to_create, with_revisions=True, user=user)
    return report


def procedure_export_row(page: ProcedurePage) -> dict[str, str]:
    fees = list(page.fees.all())
    documents = list(page.documents.all())
    levels = [level.value for level, flag in LEVEL_FLAGS.items() if getattr(page, flag)]
    if page.fees_unknown:
        fee_vnd, fees_text = "", ""
    else:
        fee_vnd = str(sum(fee.amount_vnd for fee in fees))
        fees_text = "; ".join(
            f"{fee.label}: {fee.amount_vnd}" + (f" ({fee.note})" if fee.note else "") for fee in fees
        )
    return {
        "code": page.code,
        "name": page.title,
        "field": page.field.name,
        "sector": page.sector.name,
        "admin_level": ";".join(levels),
        "service_level": str(page.service_level),
        "processing_days": "" if page.processing_days is None else str(page.processing_days),
        "fee_vnd": fee_vnd,
        "agency": page.agency.code,
        "agency_name": page.agency.name,
        "online_processing_days": ""
        if page.online_processing_days is None
        else str(page.online_processing_days),
        "fees": fees_text,
        "documents": "\n".join(
            f"{doc.name} | {doc.originals} | {doc.copies} | {'có' if doc.is_required else 'không'}"
            + (f" | {doc.note}" if doc.note else "")
            for doc in documents
        ),
        **{name: getattr(page, name) or "" for name in RICH_TEXT_FIELDS},
        "effective_date": page.effective_date.strftime("%d/%m/%Y") if page.effective_date else "",
        "is_retired": "1" if page.is_retired else "0",
    }


def procedures_export(*, path: Path) -> int:
    """Write every procedure (live or not) to a CSV file in the import format; returns the row count."""
    pages = (
        ProcedurePage.objects.select_related("sector", "field", "agency")
        .prefetch_related("fees", "documents")
        .order_by("code")
    )
    count = 0
    # UTF-8 with a byte-order mark, so that spreadsheet programs read the Vietnamese correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for page in pages:
            writer.writerow(procedure_export_row(page))
            count += 1
    return count
