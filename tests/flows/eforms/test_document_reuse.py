"""Give it once (kho dữ liệu công dân): a citizen reuses a document of their own earlier dossier in a
new one, only by choosing it; the bytes are copied through the upload checks, the copy remembers its
source and the reuse is recorded; someone else's file is refused."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from flows import services
from flows.choices import EventKind
from flows.models import Dossier, DossierEvent, DossierFile
from flows.selectors import document_kind, dossier_files_reusable

from ..conftest import PDF_BYTES, make_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]

BIRTH_CERTIFICATE = PDF_BYTES + b"% giay chung sinh cua be Khoi\n"


def earlier_dossier(procedure, citizen, *, content=BIRTH_CERTIFICATE) -> Dossier:
    dossier = services.dossier_draft_create(
        procedure=procedure, applicant=citizen, declaration={"request": "Cấp"}
    )
    for document in procedure.documents.filter(is_required=True):
        body = content if document.name == "Giấy chứng sinh" else PDF_BYTES
        services.dossier_file_attach(
            dossier=dossier,
            document=document,
            upload=SimpleUploadedFile(f"{document.name}.pdf", body),
            user=citizen,
        )
    return services.dossier_submit(dossier=dossier, user=citizen)


@pytest.fixture
def second_procedure(procedure_index, agency):
    return make_procedure(procedure_index, agency, code="1.000656")


def certificate_of(dossier) -> DossierFile:
    return dossier.files.get(document__name="Giấy chứng sinh")


def post(client, procedure, **data):
    return client.post(
        f"/nop-ho-so/{procedure.code}/",
        {"applicant_name": "Nguyễn Văn An", "request": "Đăng ký khai sinh cho con", "save": "1", **data},
    )


def test_documents_of_the_same_kind_are_matched_by_name():
    assert document_kind("Giấy chứng sinh (nếu có)") == document_kind("giấy  chứng sinh")
    assert document_kind("Giấy chứng sinh") != document_kind("Giấy khai sinh")


def test_the_submit_page_offers_only_the_citizens_own_submitted_files_of_that_kind(
    client, procedure, second_procedure, citizen, other_citizen
):
    mine = earlier_dossier(procedure, citizen)
    earlier_dossier(procedure, other_citizen, content=PDF_BYTES + b"% someone else\n")
    draft = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    services.dossier_file_attach(
        dossier=draft,
        document=procedure.documents.get(name="Giấy chứng sinh"),
        upload=SimpleUploadedFile("nhap.pdf", PDF_BYTES + b"% draft\n"),
        user=citizen,
    )
    documents = list(second_procedure.documents.all())
    with CaptureQueriesContext(connection) as captured:
        offered = dossier_files_reusable(user=citizen, documents=documents)
    assert len(captured) == 1
    certificate = documents[1]
    assert [item.pk for item in offered[certificate.pk]] == [certificate_of(mine).pk]
    assert all(item.dossier.applicant_id == citizen.pk for files in offered.values() for item in files)
    assert documents[2].pk not in offered  # "Giấy tờ khác": nothing of that kind was given before

    client.force_login(citizen)
    page = client.get(f"/nop-ho-so/{second_procedure.code}/").content.decode()
    assert "Hoặc dùng lại giấy tờ đã nộp trong hồ sơ trước" in page
    assert f'name="reuse_{certificate.pk}" id="id_reuse_{certificate.pk}_none" value="" checked' in page
    assert f'value="{certificate_of(mine).pk}"' in page and mine.code in page


def test_reusing_copies_the_bytes_and_records_the_reuse(client, procedure, second_procedure, citizen):
    source = certificate_of(earlier_dossier(procedure, citizen))
    certificate = second_procedure.documents.get(name="Giấy chứng sinh")
    client.force_login(citizen)
    assert post(client, second_procedure, **{f"reuse_{certificate.pk}": str(source.pk)}).status_code == 302
    draft = Dossier.objects.get(applicant=citizen, procedure=second_procedure, is_draft=True)
    copy = draft.files.get(document=certificate)
    assert copy.reused_from_id == source.pk
    assert copy.file.name != source.file.name  # a copy of its own, not a shared file
    with copy.file.open("rb") as handle:
        assert handle.read() == BIRTH_CERTIFICATE
    assert copy.original_name == source.original_name and copy.size == len(BIRTH_CERTIFICATE)
    event = DossierEvent.objects.get(dossier=draft, kind=EventKind.FILE_REUSED)
    assert event.actor == citizen and event.data["source_file_id"] == source.pk
    assert source.dossier.code in event.note
    # The earlier dossier keeps its own file.
    source.refresh_from_db()
    with source.file.open("rb") as handle:
        assert handle.read() == BIRTH_CERTIFICATE
    # The citizen reads the reuse in the dossier's history.
    page = client.get(f"/ho-so-cua-toi/{draft.pk}/").content.decode()
    assert "Giấy tờ được dùng lại từ hồ sơ trước" in page
    assert f"{source.original_name}</a> (dùng lại từ hồ sơ trước)" in page


def test_nothing_is_reused_without_the_citizens_choice(client, procedure, second_procedure, citizen):
    earlier_dossier(procedure, citizen)
    client.force_login(citizen)
    certificate = second_procedure.documents.get(name="Giấy chứng sinh")
    assert post(client, second_procedure, **{f"reuse_{certificate.pk}": ""}).status_code == 302
    draft = Dossier.objects.get(applicant=citizen, procedure=second_procedure)
    assert not draft.files.exists()
    assert not DossierEvent.objects.filter(kind=EventKind.FILE_REUSED).exists()


def test_someone_elses_file_id_posted_by_hand_is_refused(
    client, procedure, second_procedure, citizen, other_citizen
):
    foreign = certificate_of(earlier_dossier(procedure, other_citizen))
    certificate = second_procedure.documents.get(name="Giấy chứng sinh")
    client.force_login(citizen)
    response = post(client, second_procedure, **{f"reuse_{certificate.pk}": str(foreign.pk)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp này không thuộc giấy tờ trong các hồ sơ trước đây của ông/bà." in page
    assert "Đăng ký khai sinh cho con" in page  # what was typed is kept
    assert not DossierFile.objects.filter(reused_from=foreign).exists()
    assert not DossierEvent.objects.filter(kind=EventKind.FILE_REUSED).exists()
    response = post(client, second_procedure, **{f"reuse_{certificate.pk}": "abc"})
    assert "Hãy chọn một trong các tệp được đề xuất." in response.content.decode()


def test_a_draft_file_and_the_service_check_ownership(procedure, second_procedure, citizen, other_citizen):
    draft_elsewhere = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    unsent = services.dossier_file_attach(
        dossier=draft_elsewhere,
        document=procedure.documents.get(name="Giấy chứng sinh"),
        upload=SimpleUploadedFile("nhap.pdf", PDF_BYTES),
        user=citizen,
    )
    draft = services.dossier_draft_create(procedure=second_procedure, applicant=citizen)
    certificate = second_procedure.documents.get(name="Giấy chứng sinh")
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        services.dossier_file_reuse(dossier=draft, document=certificate, source_id=unsent.pk, user=citizen)
    source = certificate_of(earlier_dossier(procedure, citizen))
    with pytest.raises(PermissionDenied):
        services.dossier_file_reuse(
            dossier=draft, document=certificate, source_id=source.pk, user=other_citizen
        )
