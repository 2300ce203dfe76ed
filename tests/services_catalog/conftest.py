from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from services_catalog.editing import REVIEWER_GROUP_NAME
from services_catalog.models import Agency
from services_catalog.services import (
    DocumentData,
    FeeData,
    ProcedureData,
    catalogue_index_ensure,
    field_get_or_create,
    procedure_create,
    procedures_bulk_create,
    sector_get_or_create,
)


@pytest.fixture
def catalogue(site):
    return catalogue_index_ensure()


@pytest.fixture
def taxonomy(db):
    justice = sector_get_or_create(name="Tư pháp")
    building = sector_get_or_create(name="Xây dựng")
    return {
        "justice": justice,
        "building": building,
        "civil_status": field_get_or_create(name="Hộ tịch", sector=justice),
        "certification": field_get_or_create(name="Chứng thực", sector=justice),
        "construction": field_get_or_create(name="Hoạt động xây dựng", sector=building),
        "stp": Agency.objects.create(
            code="stp",
            name="Sở Tư pháp tỉnh Bến Tre",
            level="tinh",
            address="Số 17, đường Hai Bà Trưng, TP. Bến Tre",
            phone="0275 3822 135",
            email="stp@bentre.gov.vn",
            opening_hours="Thứ Hai đến thứ Sáu",
        ),
        "sxd": Agency.objects.create(code="sxd", name="Sở Xây dựng tỉnh Bến Tre", level="tinh"),
    }


@pytest.fixture
def make_procedure(catalogue, taxonomy):
    """Create one published procedure through Wagtail (revision and publish), as an editor would."""
    counter = iter(range(1, 10_000))

    def make(**overrides) -> object:
        number = next(counter)
        values = {
            "code": f"T.{number:04d}",
            "title": f"Thủ tục thử nghiệm {number}",
            "sector": taxonomy["justice"],
            "field": taxonomy["civil_status"],
            "agency": taxonomy["stp"],
            "admin_levels": {"xa"},
            "service_level": 2,
            "processing_days": 3,
            "fees": [],
            "documents": [DocumentData(name="Tờ khai theo mẫu")],
        }
        values.update(overrides)
        return procedure_create(index_page=catalogue, data=ProcedureData(**values))

    return make


@pytest.fixture
def bulk_procedures(catalogue, taxonomy):
    """Insert many procedures at once, spread over the taxonomy and every level."""
    counter = iter(range(1, 1_000_000))

    def make(count: int, **overrides) -> int:
        combos = [
            (taxonomy["justice"], taxonomy["civil_status"], taxonomy["stp"]),
            (taxonomy["justice"], taxonomy["certification"], taxonomy["stp"]),
            (taxonomy["building"], taxonomy["construction"], taxonomy["sxd"]),
        ]
        levels = [{"tinh"}, {"huyen"}, {"xa"}, {"huyen", "xa"}]
        procedures = []
        for _ in range(count):
            number = next(counter)
            sector, field, agency = combos[number % 3]
            values = {
                "code": f"B.{number:06d}",
                "title": f"Thủ tục hàng loạt {number:06d}",
                "sector": sector,
                "field": field,
                "agency": agency,
                "admin_levels": levels[number % 4],
                "service_level": number % 4 + 1,
                "processing_days": number % 20 + 1,
                "fees": [FeeData(label="Lệ phí", amount_vnd=1000 * (number % 7))] if number % 2 else [],
                "documents": [],
            }
            values.update(overrides)
            procedures.append(ProcedureData(**values))
        return procedures_bulk_create(index_page=catalogue, procedures=procedures)

    return make


@pytest.fixture
def staff(db, taxonomy):
    """Editors and reviewers of two agencies."""
    User = get_user_model()
    editors = Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR])
    reviewers = Group.objects.get(name=REVIEWER_GROUP_NAME)
    people = {}
    for key, group, agency in (
        ("editor_stp", editors, taxonomy["stp"]),
        ("editor_sxd", editors, taxonomy["sxd"]),
        ("reviewer_stp", reviewers, taxonomy["stp"]),
        ("reviewer_sxd", reviewers, taxonomy["sxd"]),
    ):
        user = User.objects.create_user(username=key.replace("_", "."), password="x", agency=agency)
        user.groups.add(group)
        people[key] = user
    return people
