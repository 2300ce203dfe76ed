"""The e-form on /nop-ho-so/ and at reception: drafts keep what was typed, errors are shown on each
field and in a summary, answers are stored with the form's version, earlier answers reused on demand."""

import io
from datetime import timedelta

from django.utils import timezone

import pytest

from flows.choices import EventKind
from flows.models import Dossier
from portal.accounts.roles import Role
from services_catalog.eforms import EFormField
from tests.services_catalog.test_eform_demo import as_posted

from .conftest import PDF_BYTES, upload
from .helpers import submitted_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]

TODAY = timezone.localdate


@pytest.fixture
def eform(procedure):
    fields = [
        EFormField(label="Người được khai sinh", field_type="section", required=False),
        EFormField(label="Họ, chữ đệm, tên", field_type="singleline", prefill="full_name"),
        EFormField(label="Ngày, tháng, năm sinh", field_type="date", date_rule="not_future"),
        EFormField(label="Nơi sinh", field_type="admin_unit"),
        EFormField(label="Dân tộc", field_type="ethnicity"),
    ]
    procedure.eform_fields = fields
    procedure.save_revision().publish()
    return procedure


def answers(birth_date: str, **extra) -> dict:
    return {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "ef-ho_chu_dem_ten": "Nguyễn Minh Khang",
        "ef-ngay_thang_nam_sinh": birth_date,
        "ef-noi_sinh_province": "86",
        "ef-noi_sinh": "29641",
        "ef-dan_toc": "Kinh",
        **extra,
    }


def with_files(procedure, data: dict) -> dict:
    for document in procedure.documents.filter(is_required=True):
        data[f"document_{document.pk}"] = upload(f"{document.pk}.pdf", PDF_BYTES)
    return data


def test_the_e_form_replaces_the_generic_declaration_and_is_prefilled(client, eform, citizen):
    client.force_login(citizen)
    page = client.get(f"/nop-ho-so/{eform.code}/").content.decode()
    assert 'name="ef-ho_chu_dem_ten"' in page and 'value="Congdan"' in page
    assert 'name="request"' not in page and 'name="applicant_name"' in page
    assert "<legend>Người được khai sinh</legend>" in page
    assert len(page) < 60_000  # the commune select is filled per province, never with every commune


def test_a_future_birth_date_is_refused_and_nothing_typed_is_lost_then_submitted(client, eform, citizen):
    client.force_login(citizen)
    future = (TODAY() + timedelta(days=3)).strftime("%d/%m/%Y")
    response = client.post(f"/nop-ho-so/{eform.code}/", with_files(eform, answers(future, submit="1")))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày, tháng, năm sinh không được ở tương lai." in page
    assert 'href="#id_ef-ngay_thang_nam_sinh"' in page  # the summary links to the field
    assert f'value="{future}"' in page and 'value="Nguyễn Minh Khang"' in page
    draft = Dossier.objects.get(applicant=citizen)
    assert draft.is_draft and draft.eform_answers["ngay_thang_nam_sinh"] == future
    assert draft.files.count() == 2  # the files sent with the refused submission are kept
    response = client.post(f"/nop-ho-so/{eform.code}/", answers("02/03/2025", submit="1"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_draft and draft.eform_version.procedure_id == eform.pk
    assert draft.eform_answers["noi_sinh"] == "29641" and draft.eform_answers["ngay_thang_nam_sinh"].endswith(
        "-03-02"
    )


def test_the_summary_lists_the_contact_and_the_e_form_errors_in_order(client, eform, citizen):
    client.force_login(citizen)
    data = answers("02/03/2025", submit="1", applicant_name="")
    data["ef-dan_toc"] = ""
    page = client.post(f"/nop-ho-so/{eform.code}/", data).content.decode()
    summary = page[page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))]
    assert summary.index('href="#id_applicant_name"') < summary.index('href="#id_ef-dan_toc"')
    assert "Vui lòng chọn “Dân tộc”." in summary
    assert not Dossier.objects.exists()  # the contact is needed even for a draft


def test_a_draft_keeps_partial_invalid_answers_and_resumes(client, eform, citizen):
    client.force_login(citizen)
    data = answers("31/02/2024", save="1")
    data["ef-dan_toc"] = ""
    response = client.post(f"/nop-ho-so/{eform.code}/", data)
    assert response.status_code == 302
    draft = Dossier.objects.get(applicant=citizen)
    assert draft.eform_answers["ngay_thang_nam_sinh"] == "31/02/2024"
    page = client.get(f"/nop-ho-so/{eform.code}/").content.decode()
    assert 'value="31/02/2024"' in page and "Xã Cái Nhum" in page


def test_adding_a_row_posts_back_without_saving(client, procedure, citizen):
    procedure.eform_fields = [EFormField(label="Họ tên con", field_type="singleline", repeat_group="Con")]
    procedure.save_revision().publish()
    client.force_login(citizen)
    response = client.post(
        f"/nop-ho-so/{procedure.code}/",
        {"applicant_name": "An", "ef-con-rows": "1", "ef-con-0-ho_ten_con": "Bình", "ef-action": "add:con"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert 'value="Bình"' in page and 'name="ef-con-1-ho_ten_con"' in page and "Xóa dòng" in page


def test_reusing_answers_takes_only_the_citizens_own_and_is_recorded(client, eform, citizen, other_citizen):
    theirs = submitted_dossier(eform, other_citizen)
    theirs.eform_answers = {"ho_chu_dem_ten": "Người khác"}
    theirs.save()
    client.force_login(citizen)
    assert "Dùng lại thông tin từ hồ sơ trước" not in client.get(f"/nop-ho-so/{eform.code}/").content.decode()
    assert client.post(f"/nop-ho-so/{eform.code}/", {"reuse_answers": "1"}).status_code == 404
    mine = submitted_dossier(eform, citizen)
    mine.eform_answers = {"ho_chu_dem_ten": "Nguyễn Minh Khang", "truong_cu": "x"}
    mine.save()
    assert "Dùng lại thông tin từ hồ sơ trước" in client.get(f"/nop-ho-so/{eform.code}/").content.decode()
    assert not Dossier.objects.filter(applicant=citizen, is_draft=True).exists()  # only on their click
    response = client.post(f"/nop-ho-so/{eform.code}/", {"reuse_answers": "1"})
    assert response.status_code == 302
    draft = Dossier.objects.get(applicant=citizen, is_draft=True)
    assert draft.eform_answers == mine.eform_answers
    event = draft.events.get(kind=EventKind.ANSWERS_REUSED)
    assert event.actor == citizen and event.data["source_dossier"] == mine.pk
    assert 'value="Nguyễn Minh Khang"' in client.get(f"/nop-ho-so/{eform.code}/").content.decode()


def test_the_submit_page_keeps_its_query_count(client, eform, citizen, django_assert_max_num_queries):
    earlier = submitted_dossier(eform, citizen)
    earlier.eform_answers = {"ho_chu_dem_ten": "Nguyễn Minh Khang"}
    earlier.save()
    client.force_login(citizen)
    client.post(f"/nop-ho-so/{eform.code}/", with_files(eform, answers("02/03/2025", save="1")))
    client.get(f"/nop-ho-so/{eform.code}/")  # the first page of a site creates its settings row
    # Session and user, the procedure, its documents, the draft and its files, the e-form's fields and
    # version, the earlier dossier to reuse, the earlier files offered for reuse (one query for all
    # documents), the layout's settings: none per field or per file.
    with django_assert_max_num_queries(13):
        page = client.get(f"/nop-ho-so/{eform.code}/").content.decode()
    assert "Dùng lại thông tin từ hồ sơ trước" in page and "Xã Cái Nhum" in page


def test_reception_enters_a_walk_in_dossier_through_the_e_form(client, eform, staff):
    client.force_login(staff[Role.RECEPTION])
    url = f"/xu-ly-ho-so/tiep-nhan/{eform.code}/"
    page = client.get(url).content.decode()
    assert 'name="ef-ngay_thang_nam_sinh"' in page and 'name="request"' not in page
    data = with_files(eform, {**answers("40/01/2024"), "channel": "1"})
    response = client.post(url, data)
    assert response.status_code == 200 and "Nhập ngày theo dạng ngày/tháng/năm" in response.content.decode()
    assert not Dossier.objects.exists()
    response = client.post(url, with_files(eform, {**answers("10/01/2024"), "channel": "1"}))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.eform_answers["ngay_thang_nam_sinh"] == "2024-01-10" and dossier.eform_version


def test_demo_dossiers_of_procedures_with_a_demo_e_form_carry_valid_answers(procedure, citizen):
    from flows.demo import seed_eform_answers
    from services_catalog.eform_demo import seed_eforms
    from services_catalog.eform_forms import EForm

    seed_eforms(io.StringIO())  # `procedure` has the code of Đăng ký khai sinh
    dossiers = [submitted_dossier(procedure, citizen) for _ in range(2)]
    seed_eform_answers(io.StringIO())
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.eform_version.procedure_id == procedure.pk
        shown = EForm(schema=dossier.eform_version.schema, answers=dossier.eform_answers)
        assert shown["ho_chu_dem_ten_nguoi_me"].value() == dossier.applicant_name
        checked = EForm(as_posted(shown), schema=dossier.eform_version.schema)
        assert checked.is_valid(), checked.errors
        assert dossier.eform_answers["ngay_thang_nam_sinh"] < TODAY().isoformat()
