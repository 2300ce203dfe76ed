"""Generated procedures for benchmarks and scale tests, spread over the demo taxonomy."""

import itertools
import uuid

from services_catalog.demo_data import AGENCIES, CATALOGUE
from services_catalog.models import Agency
from services_catalog.services import (
    DocumentData,
    FeeData,
    ProcedureData,
    field_get_or_create,
    procedures_bulk_create,
    sector_get_or_create,
)

LEVEL_SETS = [{"tinh"}, {"huyen"}, {"xa"}, {"huyen", "xa"}, {"tinh", "huyen"}]


def procedures_generate(*, index_page, count: int) -> int:
    """Create `count` published procedures with fees and documents (codes GEN.<run>.<n>)."""
    agencies = {}
    for code, name, level, _address, _phone in AGENCIES:
        agencies[code] = Agency.objects.get_or_create(code=code, defaults={"name": name, "level": level})[0]
    templates = []
    for sector_name, department, fields in CATALOGUE:
        sector = sector_get_or_create(name=sector_name)
        for field_name, entries in fields.items():
            field = field_get_or_create(name=field_name, sector=sector)
            templates.extend((title, sector, field, agencies[department]) for title, *_rest in entries)
    run = uuid.uuid4().hex[:6]
    procedures = []
    for number, (title, sector, field, agency) in zip(range(count), itertools.cycle(templates), strict=False):
        procedures.append(
            ProcedureData(
                code=f"GEN.{run}.{number:05d}",
                title=f"{title} (mẫu {number + 1})",
                sector=sector,
                field=field,
                agency=agency,
                admin_levels=LEVEL_SETS[number % len(LEVEL_SETS)],
                service_level=number % 4 + 1,
                processing_days=number % 30 + 1,
                fees=[FeeData(label="Lệ phí", amount_vnd=(number % 5) * 50000)] if number % 3 else [],
                documents=[
                    DocumentData(name="Tờ khai theo mẫu"),
                    DocumentData(name="Bản sao giấy tờ tùy thân", originals=0, copies=1),
                ],
            )
        )
    return procedures_bulk_create(index_page=index_page, procedures=procedures)
