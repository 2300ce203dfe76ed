"""The official tờ khai as a PDF made from the answers: the procedure's own layout (Đăng ký khai sinh)
or the generic one, the signature block by service level, and who may download it."""

from django.urls import reverse

import pytest

from flows.access_log.models import DossierAccess
from flows.documents import services as documents
from portal.accounts.roles import Role
from services_catalog.choices import ServiceLevel
from services_catalog.eforms import eform_version_current

from ..conftest import make_procedure
from ..documents.test_documents import pdf_text
from .conftest import BIRTH_FIELDS, CHILD_NAME, MOTHER_NAME, birth_answers, dossier_with_answers, eform_add

pytestmark = pytest.mark.django_db


def test_birth_registration_uses_its_own_layout_signed_at_pick_up_at_level_3(answered):
    document = documents.declaration_form_document(dossier=answered)
    assert document.template == "flows/documents/to_khai/1.001193.html"
    text = pdf_text(documents.pdf_render(document=document))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text
    assert "Kính gửi: Sở Tư pháp" in text
    assert "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:" in text
    assert f"Họ, chữ đệm, tên: {CHILD_NAME}" in text
    assert "Ngày sinh: 02/10/2026" in text and "Nơi sinh: Phường Hoàn Kiếm, thành phố Hà Nội" in text
    assert f"Họ, chữ đệm, tên người mẹ: {MOTHER_NAME}" in text
    assert "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật" in text
    assert "NGƯỜI YÊU CẦU" in text and "ký tờ khai này khi nhận kết quả" in text
    assert "chữ ký số" not in text
    assert answered.code in text


def test_other_procedures_use_the_generic_layout_with_the_digital_signature_note_at_level_4(
    procedure_index, agency, citizen, clamd, urls_loaded
):
    marriage = make_procedure(procedure_index, agency, code="1.000894", level=ServiceLevel.FULLY_ONLINE)
    marriage.title = "Đăng ký kết hôn"
    marriage.save()
    eform_add(marriage, BIRTH_FIELDS[:3])
    dossier = dossier_with_answers(
        marriage, citizen, eform_version_current(procedure=marriage), birth_answers()
    )
    document = documents.declaration_form_document(dossier=dossier)
    assert document.template == documents.DECLARATION_GENERIC_TEMPLATE
    text = pdf_text(documents.pdf_render(document=document))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "TỜ KHAI ĐĂNG KÝ KẾT HÔN" in text
    assert f"Họ, chữ đệm, tên {CHILD_NAME}" in text  # the generic layout is a table
    assert "Giới tính Nam" in text
    assert "ký bằng chữ ký số" in text and "khi nhận kết quả" not in text
    assert "Tôi cam đoan những nội dung khai trên đây là đúng sự thật" in text


def test_a_template_name_is_never_built_from_odd_characters():
    assert documents.declaration_form_template(procedure_code="../../base") == (
        documents.DECLARATION_GENERIC_TEMPLATE
    )
    assert documents.declaration_form_template(procedure_code="") == documents.DECLARATION_GENERIC_TEMPLATE


def test_no_answers_no_declaration(procedure, citizen, clamd, urls_loaded):
    from ..helpers import submitted_dossier

    dossier = submitted_dossier(procedure, citizen)
    with pytest.raises(documents.DocumentUnavailable):
        documents.declaration_form_document(dossier=dossier)
    slugs = [slug for slug, _ in documents.dossier_documents_available(dossier=dossier, for_applicant=True)]
    assert "to-khai" not in slugs


def test_applicant_and_own_agency_download_it_others_get_404(
    client, answered, citizen, other_citizen, staff, other_staff
):
    own = reverse("flows:document", args=[answered.pk, "to-khai"])
    staff_url = reverse("flows:staff_document", args=[answered.pk, "to-khai"])
    client.force_login(citizen)
    page = client.get(reverse("flows:dossier_detail", args=[answered.pk])).content.decode()
    assert own in page
    response = client.get(own)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="to-khai-{answered.code}.pdf"' in response["Content-Disposition"]
    assert CHILD_NAME in pdf_text(response.content)

    client.force_login(other_citizen)
    assert client.get(own).status_code == 404
    client.force_login(other_staff[Role.RECEPTION])
    assert client.get(staff_url).status_code == 404
    assert client.get(own).status_code == 404
    client.logout()
    assert client.get(own).status_code == 302  # to sign in

    client.force_login(staff[Role.RECEPTION])
    page = client.get(reverse("dossier:process_detail", args=[answered.process_id])).content.decode()
    assert staff_url in page
    response = client.get(staff_url)
    assert response.status_code == 200 and CHILD_NAME in pdf_text(response.content)
    # The applicant reads that the officer opened the tờ khai.
    assert DossierAccess.objects.filter(
        dossier=answered, actor=staff[Role.RECEPTION], kind="document", item__startswith="Tờ khai"
    ).exists()
