"""Fixtures for the dossier flow: agencies, a procedure, staff of each role, citizens.

The private clamd is the root fixture of tests/antivirus.py.
"""

import io
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from wagtail.models import Page

import pytest

from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from services_catalog.choices import AdministrativeLevel, ServiceLevel
from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, RequiredDocument, Sector
from tests.antivirus import EICAR  # noqa: F401 (the flow tests import it from here)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx_bytes(body: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def urls_loaded():
    # Viewflow's node.reverse() needs the URLconf loaded (HOUSE_STYLE).
    return bool(get_resolver().url_patterns)


@pytest.fixture
def agency(db):
    return Agency.objects.create(code="stp", name="Sở Tư pháp", level=AdministrativeLevel.PROVINCE)


@pytest.fixture
def other_agency(db):
    return Agency.objects.create(code="sxd", name="Sở Xây dựng", level=AdministrativeLevel.PROVINCE)


@pytest.fixture
def procedure_index(site):
    root = Page.objects.get(depth=1)
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    root.add_child(instance=index)
    return index


def make_procedure(
    index, agency, *, code="1.001193", days=5, online_days=None, level=ServiceLevel.PARTLY_ONLINE
):
    sector, _ = Sector.objects.get_or_create(name="Tư pháp", defaults={"slug": "tu-phap"})
    field, _ = Field.objects.get_or_create(sector=sector, name="Hộ tịch", defaults={"slug": "ho-tich"})
    procedure = ProcedurePage(
        title=f"Đăng ký khai sinh {code}",
        slug=f"dang-ky-khai-sinh-{code.replace('.', '-')}",
        code=code,
        sector=sector,
        field=field,
        agency=agency,
        service_level=level,
        processing_days=days,
        online_processing_days=online_days,
    )
    index.add_child(instance=procedure)
    RequiredDocument.objects.create(procedure=procedure, name="Tờ khai đăng ký khai sinh", sort_order=0)
    RequiredDocument.objects.create(procedure=procedure, name="Giấy chứng sinh", sort_order=1)
    RequiredDocument.objects.create(
        procedure=procedure, name="Giấy tờ khác (nếu có)", is_required=False, sort_order=2
    )
    return procedure


@pytest.fixture
def procedure(procedure_index, agency):
    return make_procedure(procedure_index, agency)


@pytest.fixture
def make_user(db):
    def make(username, *, agency=None, role=None):
        user = get_user_model().objects.create_user(
            username=username,
            password="x",
            full_name=username.title(),
            agency=agency,
            email=f"{username}@example.vn",
        )
        if role is not None:
            user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[role]))
        return user

    return make


@pytest.fixture
def staff(make_user, agency):
    return {
        Role.RECEPTION: make_user("tiepnhan.stp", agency=agency, role=Role.RECEPTION),
        Role.SPECIALIST: make_user("chuyenvien.stp", agency=agency, role=Role.SPECIALIST),
        Role.HEAD: make_user("lanhdao.stp", agency=agency, role=Role.HEAD),
    }


@pytest.fixture
def other_staff(make_user, other_agency):
    return {
        Role.RECEPTION: make_user("tiepnhan.sxd", agency=other_agency, role=Role.RECEPTION),
        Role.SPECIALIST: make_user("chuyenvien.sxd", agency=other_agency, role=Role.SPECIALIST),
        Role.HEAD: make_user("lanhdao.sxd", agency=other_agency, role=Role.HEAD),
    }


@pytest.fixture
def citizen(make_user):
    return make_user("congdan")


@pytest.fixture
def other_citizen(make_user):
    return make_user("congdankhac")
