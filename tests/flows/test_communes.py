"""A procedure each commune carries out: the citizen chooses their commune, its agency receives the
dossier (issue 16)."""

import io

from django.core.management import call_command
from django.utils import translation

import pytest

from flows.choices import Channel
from flows.models import Dossier
from flows.services import dossier_paper_register
from portal.accounts.roles import Role
from services_catalog.models import Agency, ProcedureImplementer
from services_catalog.selectors import procedures_receivable_by

from .conftest import PDF_BYTES, make_procedure, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]

CAI_NHUM, THANH_DUC = "29641", "29620"


@pytest.fixture
def communes(db):
    out = io.StringIO()
    with translation.override("vi"):  # whatever an earlier test left active
        call_command("create_unit_agencies", "vinh long", stdout=out)
    assert "125 cơ quan được tạo" in out.getvalue()  # the province's committee and 124 communes'
    return {
        "cai_nhum": Agency.objects.get(code=f"x{CAI_NHUM}"),
        "other": Agency.objects.exclude(code=f"x{CAI_NHUM}").filter(level="xa").first(),
    }


@pytest.fixture
def birth_registration(procedure_index, communes):
    """Registered by the People's Committee of each commune, as the national list says."""
    procedure = make_procedure(procedure_index, None)
    ProcedureImplementer.objects.create(
        procedure=procedure, name="Ủy ban nhân dân cấp xã", level="xa", body="ubnd"
    )
    procedure.national_agencies = "Ủy ban nhân dân cấp xã"
    procedure.save()
    return procedure


def test_the_command_creates_the_agencies_of_the_provinces_units_once(communes):
    cai_nhum = communes["cai_nhum"]
    assert cai_nhum.name == "Ủy ban nhân dân xã Cái Nhum"
    assert (cai_nhum.level, cai_nhum.body, cai_nhum.unit_code) == ("xa", "ubnd", CAI_NHUM)
    assert cai_nhum.parent.name == "Ủy ban nhân dân tỉnh Vĩnh Long" and cai_nhum.parent.code == "ubndvinhlong"
    out = io.StringIO()
    with translation.override("vi"):
        call_command("create_unit_agencies", "86", "--police", stdout=out)
    assert "125 cơ quan được tạo, 0 cập nhật" in out.getvalue()  # only the police are new
    assert Agency.objects.get(code=f"cax{CAI_NHUM}").name == "Công an xã Cái Nhum"


def test_the_citizen_chooses_their_commune_and_its_agency_receives_the_dossier(
    client, birth_registration, communes, make_user
):
    citizen = make_user("congdan")
    client.force_login(citizen)
    form_page = client.get(f"/nop-ho-so/{birth_registration.code}/").content.decode()
    assert 'name="commune"' in form_page and "Xã Cái Nhum" in form_page and "data-filterable" in form_page

    documents = list(birth_registration.documents.all())
    data = {
        "applicant_name": "Trần Thị Bích",
        "request": "Đăng ký khai sinh cho con",
        "commune": f"x{CAI_NHUM}",
        "submit": "1",
        **{f"document_{doc.pk}": upload(f"{doc.pk}.pdf", PDF_BYTES) for doc in documents[:2]},
    }
    response = client.post(f"/nop-ho-so/{birth_registration.code}/", data)

    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant=citizen)
    assert dossier.agency == communes["cai_nhum"]
    assert dossier.code.startswith(f"X{CAI_NHUM}-")
    # Its reception officer sees it in the queue; another commune's does not.
    client.force_login(make_user(f"tiepnhan.x{CAI_NHUM}", agency=communes["cai_nhum"], role=Role.RECEPTION))
    assert dossier.code in client.get("/xu-ly/dossier/queue/").content.decode()
    client.force_login(make_user("tiepnhan.khac", agency=communes["other"], role=Role.RECEPTION))
    assert dossier.code not in client.get("/xu-ly/dossier/queue/").content.decode()


def test_no_commune_chosen_or_an_unknown_one_is_refused_in_vietnamese(client, birth_registration, make_user):
    client.force_login(make_user("congdan"))
    url = f"/nop-ho-so/{birth_registration.code}/"
    base = {"applicant_name": "An", "request": "Khai sinh", "save": "1"}

    missing = client.post(url, base).content.decode()
    assert "Chọn xã, phường nơi nộp hồ sơ." in missing
    unknown = client.post(url, {**base, "commune": "sxd"}).content.decode()
    assert "Chọn một xã, phường trong danh sách." in unknown
    assert not Dossier.objects.exists()


def test_the_commune_in_the_citizens_profile_is_chosen_first(client, birth_registration, make_user):
    citizen = make_user("congdan")
    citizen.address = "Ấp Hòa Bình, xã Cái Nhum, tỉnh Vĩnh Long"
    citizen.save()
    client.force_login(citizen)

    page = client.get(f"/nop-ho-so/{birth_registration.code}/").content.decode()

    assert f'<option value="x{CAI_NHUM}" selected>Xã Cái Nhum</option>' in page


def test_the_desk_of_a_commune_registers_for_its_own_agency(birth_registration, communes, make_user, agency):
    officer = make_user(f"tiepnhan.x{CAI_NHUM}", agency=communes["cai_nhum"], role=Role.RECEPTION)
    assert list(procedures_receivable_by(agency=officer.agency)) == [birth_registration.page_ptr.specific]
    assert not procedures_receivable_by(agency=agency).exists()  # a department does not register births

    dossier, errors = dossier_paper_register(
        procedure=birth_registration,
        officer=officer,
        applicant={"applicant_name": "Lê Văn Cường", "request": "Khai sinh"},
        channel=Channel.IN_PERSON,
        scans={
            doc: upload(f"{doc.pk}.pdf", PDF_BYTES)
            for doc in birth_registration.documents.filter(is_required=True)
        },
    )

    assert errors == {}
    assert dossier.agency == communes["cai_nhum"] and dossier.code.startswith(f"X{CAI_NHUM}-")
