"""The layout of the national database's exports (CSDL quốc gia về thủ tục hành chính).

Each ministry's list is an XLSX file with a title block (the national motto, the list's title) above a
header row ``Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực``. "Cơ quan thực hiện" lists
one agency per line, usually generic by level ("Ủy ban nhân dân cấp xã") rather than one named office.
"""

import re
from dataclasses import dataclass

from services_catalog.choices import AdministrativeLevel, GoverningBody
from services_catalog.text import fold_vietnamese

# Folded column titles, as the national database and its mirrors spell them; the key is the import column.
NATIONAL_COLUMNS = {
    "code": ("ma so", "ma thu tuc", "ma tthc", "ma so thu tuc"),
    "name": ("ten", "ten thu tuc", "ten tthc", "ten thu tuc hanh chinh"),
    "sector": ("co quan ban hanh", "bo nganh", "co quan quan ly"),
    "agencies": ("co quan thuc hien",),
    "field": ("linh vuc",),
}
REQUIRED_NATIONAL_COLUMNS = ("code", "name", "agencies")
# How far down the title block may push the header row.
HEADER_SEARCH_ROWS = 30


def folded_title(text: str) -> str:
    """ "Cơ quan  thực hiện:" → "co quan thuc hien": what a column title is matched on."""
    return " ".join(re.findall(r"[a-z0-9]+", fold_vietnamese(text).lower()))


def national_header(record: list[str]) -> dict[int, str] | None:
    """{cell position: import column} when `record` is the national header row, else None."""
    columns = {}
    for position, cell in enumerate(record):
        title = folded_title(cell)
        for column, spellings in NATIONAL_COLUMNS.items():
            if title in spellings and column not in columns.values():
                columns[position] = column
    if all(column in columns.values() for column in REQUIRED_NATIONAL_COLUMNS):
        return columns
    return None


@dataclass(frozen=True)
class ImplementerLine:
    """One line of "Cơ quan thực hiện", read: its level and, when generic, the body of each unit."""

    name: str
    level: str
    body: str

    @property
    def is_generic(self) -> bool:
        """ "Ủy ban nhân dân cấp xã": that body in every unit of the level, not one named agency."""
        return bool(self.body)


_GENERIC = re.compile(r"\bcap (xa|huyen|tinh)\b")
_LEVEL_OF_GENERIC = {
    "xa": AdministrativeLevel.COMMUNE,
    "huyen": AdministrativeLevel.DISTRICT,
    "tinh": AdministrativeLevel.PROVINCE,
}
_BODIES = (
    ("uy ban nhan dan", GoverningBody.PEOPLES_COMMITTEE),
    ("ubnd", GoverningBody.PEOPLES_COMMITTEE),
    ("cong an", GoverningBody.POLICE),
)
# Named offices of the province: departments (Sở), their branches (Chi cục), boards, the provincial police.
_PROVINCIAL_PREFIXES = (
    "so ",
    "chi cuc ",
    "ban quan ly ",
    "van phong dang ky dat dai",
    "trung tam phuc vu hanh chinh cong",
)
_COMMUNE_WORDS = re.compile(r"(?<!thi )\b(xa|phuong|thi tran|dac khu)\b")
_DISTRICT_WORDS = re.compile(r"\b(huyen|quan|thi xa)\b")


def implementer_line(name: str) -> ImplementerLine:
    """Read one agency line: its administrative level, and the body when it is generic by level.

    Central agencies (ministries, departments of a ministry) get no level: they are not the province's.
    """
    folded = folded_title(name)
    generic = _GENERIC.search(folded)
    if generic:
        level = _LEVEL_OF_GENERIC[generic.group(1)]
        body = next((body for prefix, body in _BODIES if folded.startswith(prefix)), "")
        return ImplementerLine(name=name, level=level, body=body)
    if folded.startswith(_PROVINCIAL_PREFIXES) or re.search(
        r"\b(tinh|thanh pho truc thuoc trung uong)\b", folded
    ):
        return ImplementerLine(name=name, level=AdministrativeLevel.PROVINCE, body="")
    if _COMMUNE_WORDS.search(folded):
        return ImplementerLine(name=name, level=AdministrativeLevel.COMMUNE, body="")
    if _DISTRICT_WORDS.search(folded):
        return ImplementerLine(name=name, level=AdministrativeLevel.DISTRICT, body="")
    return ImplementerLine(name=name, level="", body="")


def sector_of_ministry(name: str) -> str:
    """ "Bộ Tư pháp" → "Tư pháp": the sector (ngành) a ministry governs, as the catalogue names sectors.
    Issuers that are not ministries (Ngân hàng Nhà nước Việt Nam …) are their own sector."""
    name = " ".join(name.split())
    if name[:3].lower() == "bộ " and len(name) > 3:
        return name[3:4].upper() + name[4:]
    return name


def implementer_names(cell: str) -> list[str]:
    """The agencies of a "Cơ quan thực hiện" cell: one per line (or separated by ";"), bullets and
    trailing punctuation removed, each once."""
    names = []
    for part in re.split(r"[\r\n;]+", cell):
        name = re.sub(r"\s+", " ", part).strip(" -\u2013\u2022+.,:\t")
        if name and name not in names:
            names.append(name)
    return names
