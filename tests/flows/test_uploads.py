"""Every upload is scanned by a real clamd with EICAR signatures and checked by content."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest

from flows import services
from flows.models import DossierFile
from flows.uploads import check_upload, sanitise_file_name

from .conftest import EICAR, JPEG_BYTES, PDF_BYTES, PNG_BYTES, docx_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd")]


def stored_files() -> list:
    root = settings.PRIVATE_MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


INFECTED = {
    "plain": ("eicar.pdf", EICAR),
    "inside a docx": ("don.docx", docx_bytes(EICAR)),
    "appended to a pdf": ("to-khai.pdf", PDF_BYTES + EICAR),
    "renamed jpg": ("anh.jpg", EICAR),
}


@pytest.mark.parametrize("case", INFECTED)
def test_eicar_is_refused_and_nothing_is_stored(case, procedure, citizen):
    name, content = INFECTED[case]
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    before = stored_files()
    with pytest.raises(ValidationError) as error:
        services.dossier_file_attach(
            dossier=dossier, document=procedure.documents.first(), upload=upload(name, content), user=citizen
        )
    assert error.value.code == "infected"
    assert "virus" in error.value.messages[0]
    assert DossierFile.objects.count() == 0
    assert stored_files() == before


def test_unavailable_scanner_refuses_the_upload(procedure, citizen, tmp_path):
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    with (
        override_settings(CLAMD_SOCKET=str(tmp_path / "no-clamd.sock")),
        pytest.raises(ValidationError) as error,
    ):
        services.dossier_file_attach(
            dossier=dossier,
            document=procedure.documents.first(),
            upload=upload("a.pdf", PDF_BYTES),
            user=citizen,
        )
    assert error.value.code == "scanner_unavailable"
    assert DossierFile.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("to khai.pdf", PDF_BYTES, "application/pdf"),
        ("anh.jpeg", JPEG_BYTES, "image/jpeg"),
        ("anh.png", PNG_BYTES, "image/png"),
        ("don.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, content_type):
    assert check_upload(upload(name, content)).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("giay-to.pdf", b"MZ\x90\x00 not a pdf at all"),  # an executable named .pdf
        ("anh.jpg", b"GIF89a......"),
        ("bang.docx", b"PK\x03\x04" + b"broken zip"),
        ("nen.docx", b""),
    ],
)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError):
        check_upload(upload(name, content))


def test_large_files_are_refused_before_scanning():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("lon.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)))
    assert error.value.code == "too_large"


def test_file_names_are_sanitised_and_get_the_detected_extension():
    assert sanitise_file_name("../../etc/Tờ khai\x00<script>.exe", "application/pdf") == "Tờ khaiscript.pdf"
    assert (
        sanitise_file_name("C:\\Users\\an\\Giấy chứng sinh.PDF", "application/pdf") == "Giấy chứng sinh.pdf"
    )
    assert sanitise_file_name("", "image/png") == "tep.png"


def test_a_new_file_replaces_the_previous_one_for_the_same_document(procedure, citizen):
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    document = procedure.documents.first()
    first = services.dossier_file_attach(
        dossier=dossier, document=document, upload=upload("a.pdf", PDF_BYTES), user=citizen
    )
    first_path = first.file.path
    services.dossier_file_attach(
        dossier=dossier, document=document, upload=upload("b.png", PNG_BYTES), user=citizen
    )
    assert list(dossier.files.values_list("original_name", flat=True)) == ["b.png"]
    assert str(first_path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
