"""Import and export of the procedure list (CSV UTF-8 or XLSX), in two layouts.

The national database's export (see `services_catalog.national`): a title block, then the header
`Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực` wherever it is. "Cơ quan ban hành"
becomes the sector ("Bộ Tư pháp": Tư pháp), "Lĩnh vực" the field, each line of "Cơ quan thực hiện"
an implementing agency whose level is read from its name. Only these national fields are written:
the province's own values (service level, fees, time limits, the handling agency, retirement) are
left as they are, so a re-import never undoes them. A new procedure's service level is "not yet
classified"; a row without an agency is imported and reported as such.

The portal's own layout, the one `export_procedures` writes. Columns, in any order:
code,name,field,sector,admin_level,service_level,processing_days,fee_vnd,agency and optionally
agency_name, online_processing_days, fees, documents, steps, submission_methods,
eligible_applicants, result, legal_basis, conditions, effective_date, is_retired.

- admin_level: tinh, huyen or xa, several joined by ";" (tinh;xa). service_level: 1-4.
- An empty cell means "unknown": a new procedure gets the default (service level: not yet
  classified), an existing one keeps its value.
- fee_vnd: one amount in VND (0 = free of charge). The optional `fees` column lists several:
  "Lệ phí: 50000; Phí thẩm định: 200000 (nộp trực tuyến giảm 50%)" and wins over fee_vnd.
- documents: one per line, "name | originals | copies | có/không (required) | note".
- agency: an agency code (stp) or name; a missing agency is created (named by agency_name if given).
- Text columns (steps, legal_basis, ...) take plain text, one paragraph a line, or HTML.
- In XLSX, format the code column as text: a number cell loses trailing zeros (1.000650 → 1.00065).

Both: the whole file is checked before anything is written, lengths included; any bad row stops the
import with its line number. The report lists new, changed and vanished procedures (those of the
file's sectors that the file no longer has: candidates for retirement).
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
from services_catalog.national import (
    HEADER_SEARCH_ROWS,
    ImplementerLine,
    folded_title,
    implementer_line,
    implementer_names,
    national_header,
    sector_of_ministry,
)
from services_catalog.services import (
    LEVEL_FLAGS,
    RICH_TEXT_FIELDS,
    DocumentData,
    FeeData,
    ImplementerData,
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
NATIONAL = "national"
PORTAL = "portal"
# Lengths the database holds (ProcedurePage.code, Sector.name, Field.name, Agency.name, …); an official
# name is kept whole, up to a bound that no real name comes near.
MAX_LENGTHS = {
    "code": 50,
    "name": 3000,
    "sector": 200,
    "field": 200,
    "agency": 255,
    "agency_name": 255,
    "implementer": 255,
}
MAX_SMALL_INTEGER = 32767
MAX_AMOUNT_VND = 10**15
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
    implementer_lines: list[ImplementerLine] | None = None


@dataclass
class ImportReport:
    layout: str = PORTAL
    created: list[str] = dataclass_field(default_factory=list)
    updated: list[str] = dataclass_field(default_factory=list)
    unchanged: list[str] = dataclass_field(default_factory=list)
    errors: list[RowError] = dataclass_field(default_factory=list)
    # What each updated procedure changes (names of fields), for the report.
    changes: dict[str, list[str]] = dataclass_field(default_factory=dict)
    # Current procedures of the file's sectors that the file no longer lists: candidates for retirement.
    vanished: list[str] = dataclass_field(default_factory=list)
    # Rows whose "Cơ quan thực hiện" is empty (*chưa có cơ quan thực hiện*).
    without_agency: list[str] = dataclass_field(default_factory=list)
    # New procedures whose "Lĩnh vực" is empty: filed under UNCLASSIFIED_FIELD of their sector.
    without_field: list[str] = dataclass_field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def read_rows(path: Path) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """The layout and (line number, {column: text}) for each data row; lines count from 1 at the top
    of the sheet, title block included, as a spreadsheet program numbers them."""
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
    for position, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        if columns := national_header(record):
            return NATIONAL, _data_rows(records, header_at=position, columns=columns)
    header = [name.strip().lower() for name in records[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportFileError(
            _(
                "Missing columns: %(columns)s. The file is neither in the portal's layout nor in the "
                "national database's (a header row “Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | "
                "Lĩnh vực”)."
            )
            % {"columns": ", ".join(missing)}
        )
    return PORTAL, _data_rows(records, header_at=0, columns=dict(enumerate(header)))


def _data_rows(records: list[list[str]], *, header_at: int, columns: dict[int, str]):
    rows = []
    for number, record in enumerate(records[header_at + 1 :], start=header_at + 2):
        if not any(record):
            continue
        # A national export numbers its columns under the header (1, 2, 3 …): not a procedure.
        if all(not cell or cell.isdigit() for cell in record) and record[0] == "1":
            continue
        rows.append(
            (number, {name: record[i] if i < len(record) else "" for i, name in columns.items() if name})
        )
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
            label, note = match["label"].strip(), match["note"] or ""
            if len(label) > 255 or len(note) > 255 or int(amount) > MAX_AMOUNT_VND:
                errors.append(_("fees: “%(item)s” is too long or its amount too large") % {"item": item[:80]})
                return None
            fees.append(FeeData(label=label, amount_vnd=int(amount), note=note))
        return fees
    amount = _integer(row.get("fee_vnd", ""), column="fee_vnd", errors=errors, allow_separators=True)
    if amount is None:
        return None
    if amount > MAX_AMOUNT_VND:
        errors.append(_("fee_vnd is too large: %(value)s") % {"value": amount})
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
        if len(parts[0]) > 500 or (len(parts) > 4 and len(parts[4]) > 500):
            errors.append(_("documents: “%(item)s…” is longer than 500 characters") % {"item": parts[0][:80]})
            continue
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


COLUMN_LABELS = {
    "code": "Mã số (code)",
    "name": "Tên (name)",
    "sector": "Cơ quan ban hành / ngành (sector)",
    "field": "Lĩnh vực (field)",
    "agency": "agency",
    "agency_name": "agency_name",
    "implementer": "Cơ quan thực hiện",
}


def _too_long(column: str, value: str, errors: list[str]) -> None:
    limit = MAX_LENGTHS[column]
    if len(value) > limit:
        errors.append(
            _("%(column)s is %(length)s characters long; at most %(limit)s fit")
            % {"column": COLUMN_LABELS[column], "length": len(value), "limit": limit}
        )


def _small_integer(value: int | None, *, column: str, errors: list[str]) -> int | None:
    if value is not None and value > MAX_SMALL_INTEGER:
        errors.append(_("%(column)s is too large: %(value)s") % {"column": column, "value": value})
        return None
    return value


# The field a national row with an empty "Lĩnh vực" is filed under, in its sector: a gap to fill in the
# admin, not a reason to refuse the whole file. (Catalogue data, like the national names, is Vietnamese.)
UNCLASSIFIED_FIELD = "Chưa phân loại lĩnh vực"


def parse_national_row(
    line: int, row: dict[str, str], *, existing_codes: set[str]
) -> tuple[ParsedRow | None, list[str]]:
    """A row of the national export: only the national fields, everything local left unknown (None)."""
    errors: list[str] = []
    code = row.get("code", "")
    if not code:
        errors.append(_("the official code (Mã số) is missing"))
    for column in ("code", "name", "sector", "field"):
        _too_long(column, row.get(column, ""), errors)
    lines = [implementer_line(name) for name in implementer_names(row.get("agencies", ""))]
    for item in lines:
        _too_long("implementer", item.name, errors)
    levels = {item.level for item in lines if item.level}
    parsed = ParsedRow(
        line=line,
        code=code,
        title=row.get("name") or None,
        sector_name=sector_of_ministry(row.get("sector", "")) or None,
        field_name=row.get("field") or (UNCLASSIFIED_FIELD if code not in existing_codes else None),
        agency_value=None,
        agency_name=None,
        # Without any agency the levels are unknown: keep what the province has.
        admin_levels=levels if lines else None,
        service_level=None,
        processing_days=None,
        online_processing_days=None,
        fees=None,
        documents=None,
        implementer_lines=lines,
    )
    if code and code not in existing_codes:
        missing = [
            label
            for label, value in (
                ("Tên", parsed.title),
                ("Cơ quan ban hành", parsed.sector_name),
            )
            if not value
        ]
        if missing:
            errors.append(
                _("a new procedure needs %(columns)s: the cells are empty") % {"columns": ", ".join(missing)}
            )
    return (None if errors else parsed), errors


def parse_row(
    line: int, row: dict[str, str], *, existing_codes: set[str]
) -> tuple[ParsedRow | None, list[str]]:
    errors: list[str] = []
    code = row.get("code", "")
    if not code:
        errors.append(_("the official code (code) is missing"))
    for column in ("code", "name", "sector", "field", "agency", "agency_name"):
        _too_long(column, row.get(column, ""), errors)
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
        processing_days=_small_integer(
            _integer(row.get("processing_days", ""), column="processing_days", errors=errors),
            column="processing_days",
            errors=errors,
        ),
        online_processing_days=_small_integer(
            _integer(row.get("online_processing_days", ""), column="online_processing_days", errors=errors),
            column="online_processing_days",
            errors=errors,
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


class AgencyMatcher:
    """Finds the province's agency a national line names: "Sở Tư pháp" is "Sở Tư pháp tỉnh Vĩnh Long",
    "Ủy ban nhân dân cấp tỉnh" the province's People's Committee. Generic lines below the province
    ("Ủy ban nhân dân cấp xã") name no one agency: the citizen's commune decides (flows)."""

    def __init__(self) -> None:
        agencies = list(Agency.objects.only("pk", "name", "level", "body"))
        self._by_folded = sorted(
            ((folded_title(agency.name), agency) for agency in agencies), key=lambda x: x[0]
        )
        self._provincial_bodies = {
            agency.body: agency
            for agency in reversed(agencies)
            if agency.body and agency.level == AdministrativeLevel.PROVINCE
        }
        self._found: dict[ImplementerLine, Agency | None] = {}

    def agency_for(self, line: ImplementerLine) -> Agency | None:
        if line not in self._found:
            self._found[line] = self._match(line)
        return self._found[line]

    def _match(self, line: ImplementerLine) -> Agency | None:
        if line.is_generic:
            if line.level == AdministrativeLevel.PROVINCE:
                return self._provincial_bodies.get(line.body)
            return None
        folded = folded_title(line.name)
        for name, agency in self._by_folded:
            if (
                name == folded
                or name.startswith(f"{folded} tinh ")
                or name.startswith(f"{folded} thanh pho ")
            ):
                return agency
        return None


def _implementers(parsed: ParsedRow, matcher: AgencyMatcher) -> list[ImplementerData] | None:
    if parsed.implementer_lines is None:
        return None
    return [
        ImplementerData(name=line.name, level=line.level, body=line.body, agency=matcher.agency_for(line))
        for line in parsed.implementer_lines
    ]


class TaxonomyCache:
    """Sectors and fields by name, each looked up (or created) once per import, not once per row."""

    def __init__(self, *, dry_run: bool) -> None:
        self.dry_run = dry_run
        self._sectors: dict[str, Sector | None] = {}
        self._fields: dict[tuple[int, str], Field | None] = {}

    def sector(self, name: str) -> Sector | None:
        if name not in self._sectors:
            self._sectors[name] = (
                Sector.objects.filter(name=name).first() if self.dry_run else sector_get_or_create(name=name)
            )
        return self._sectors[name]

    def field(self, name: str, sector: Sector) -> Field | None:
        key = (sector.pk, name)
        if key not in self._fields:
            self._fields[key] = (
                Field.objects.filter(name=name, sector=sector).first()
                if self.dry_run
                else field_get_or_create(name=name, sector=sector)
            )
        return self._fields[key]


def _resolve(
    parsed: ParsedRow, *, dry_run: bool, matcher: AgencyMatcher, taxonomy: TaxonomyCache
) -> ProcedureData:
    """Taxonomy objects for a row; created when missing, except in a dry run (then left unknown)."""
    sector = field = agency = None
    if parsed.sector_name:
        sector = taxonomy.sector(parsed.sector_name)
    if parsed.field_name and sector:
        field = taxonomy.field(parsed.field_name, sector)
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
    implementers = _implementers(parsed, matcher)
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
        implementers=implementers,
        national_agencies=None if implementers is None else "\n".join(item.name for item in implementers),
    )


def _taxonomy_is_new(parsed: ParsedRow, data: ProcedureData) -> bool:
    return bool(
        (parsed.sector_name and data.sector is None)
        or (parsed.field_name and data.field is None)
        or (parsed.agency_value and data.agency is None)
    )


def _vanished(*, sector_names: set[str], codes: set[str]) -> list[str]:
    """Current procedures of the file's sectors that the file no longer lists."""
    return sorted(
        ProcedurePage.objects.filter(sector__name__in=sector_names, is_retired=False)
        .exclude(code__in=codes)
        .values_list("code", flat=True)
    )


def procedures_import(*, path: Path, dry_run: bool = False, user=None) -> ImportReport:
    """Check every row, then (unless `dry_run` or any row is bad) write them all in one transaction.

    The dry run reports what the import would do, with the same counts and lists."""
    layout, rows = read_rows(path)
    report = ImportReport(layout=layout)
    parse = parse_national_row if layout == NATIONAL else parse_row
    pages = {
        page.code: page
        for page in ProcedurePage.objects.prefetch_related(
            "fees", "documents", "implementers"
        ).select_related("sector", "field", "agency")
    }
    parsed_rows: list[ParsedRow] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        parsed, reasons = parse(line, row, existing_codes=set(pages))
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
            if parsed.implementer_lines == []:
                report.without_agency.append(parsed.code)
            if parsed.field_name == UNCLASSIFIED_FIELD and not row.get("field"):
                report.without_field.append(parsed.code)
    if report.errors:
        return report

    sector_names = {parsed.sector_name for parsed in parsed_rows if parsed.sector_name}
    sector_names |= {pages[parsed.code].sector.name for parsed in parsed_rows if parsed.code in pages}
    report.vanished = _vanished(sector_names=sector_names, codes=set(first_line))
    matcher, taxonomy = AgencyMatcher(), TaxonomyCache(dry_run=dry_run)
    with transaction.atomic():
        index = None if dry_run else catalogue_index_ensure()
        to_create: list[ProcedureData] = []
        for parsed in parsed_rows:
            data = _resolve(parsed, dry_run=dry_run, matcher=matcher, taxonomy=taxonomy)
            page = pages.get(parsed.code)
            if page is None:
                if data.agency is None and data.implementers:
                    # The province changes it later if another office handles the dossiers.
                    data.agency = next((item.agency for item in data.implementers if item.agency), None)
                to_create.append(data)
                report.created.append(parsed.code)
                continue
            changes = procedure_changes(page, data)
            if changes or (dry_run and _taxonomy_is_new(parsed, data)):
                if not dry_run:
                    procedure_update(page=page, data=data, user=user)
                report.updated.append(parsed.code)
                report.changes[parsed.code] = changes
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
        "name": page.full_name,
        "field": page.field.name,
        "sector": page.sector.name,
        "admin_level": ";".join(levels),
        "service_level": str(page.service_level),
        "processing_days": "" if page.processing_days is None else str(page.processing_days),
        "fee_vnd": fee_vnd,
        "agency": page.agency.code if page.agency else "",
        "agency_name": page.agency.name if page.agency else "",
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


def change_labels(changes: list[str]) -> list[str]:
    """What a re-import changes on a procedure, in words: “tên”, “cơ quan thực hiện” …"""
    labels = []
    for name in changes:
        if name in ("fees", "documents", "implementers"):
            label = ProcedurePage._meta.get_field(name).related_model._meta.verbose_name_plural
        else:
            label = ProcedurePage._meta.get_field(name).verbose_name
        if str(label) not in labels:
            labels.append(str(label))
    return labels


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
