"""Upload abuse over HTTP, as a citizen submitting a dossier: each bad file is refused with a clear
Vietnamese message, and nothing is stored (no row, no file on disk)."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from flows.models import Dossier, DossierFile
from tests.antivirus import EICAR
from tests.flows.conftest import (  # noqa: F401 (fixtures shared with the flow tests)
    PDF_BYTES,
    PNG_BYTES,
    agency,
    docx_bytes,
    make_user,
    procedure,
    procedure_index,
    urls_loaded,
)

pytestmark = pytest.mark.django_db


def zip_bomb_docx() -> bytes:
    """A valid-looking DOCX of about 200 kB that unpacks to 200 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        chunk = b"\0" * (1024 * 1024)
        with archive.open("word/media/fill.bin", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def many_parts_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(2100):
            archive.writestr(f"word/p{number}.xml", "")
    return buffer.getvalue()


CASES = {
    "html named .pdf": ("to-khai.pdf", b"<html><script>alert(1)</script></html>", "không được chấp nhận"),
    "program named .jpg": ("anh-the.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, "không được chấp nhận"),
    "zip named .docx": ("don.docx", None, "không được chấp nhận"),
    "zip bomb in a DOCX": ("don.docx", "bomb", "bom nén"),
    "DOCX with 2,100 parts": ("don.docx", "parts", "bom nén"),
    "oversized PDF": ("ban-scan.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "Tệp quá lớn"),
    "EICAR named .pdf": ("giay-to.pdf", EICAR, "virus hoặc mã độc"),
}


def content_for(case):
    name, content, _ = CASES[case]
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "x")
        return name, buffer.getvalue()
    if content == "bomb":
        return name, zip_bomb_docx()
    if content == "parts":
        return name, many_parts_docx()
    return name, content


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.fixture
def citizen_client(client, make_user, procedure, clamd):  # noqa: F811
    client.force_login(make_user("congdan.tai"))
    return client


def post_files(client, page, files: dict, **extra):
    data = {"applicant_name": "Nguyễn Văn Tải", "request": "Cấp bản sao", **extra}
    for document in page.documents.all():
        if document.pk in files:
            name, content = files[document.pk]
            data[f"document_{document.pk}"] = SimpleUploadedFile(name, content)
    return client.post(reverse("flows:submit", args=[page.code]), data)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_files_are_refused_with_a_vietnamese_message_and_nothing_is_stored(
    citizen_client,
    procedure,  # noqa: F811
    case,
):
    before = stored_files()
    document = procedure.documents.order_by("pk").first()
    response = post_files(citizen_client, procedure, {document.pk: content_for(case)}, submit="1")
    assert response.status_code == 200  # the form again, with what was typed and the message
    html = response.content.decode()
    assert CASES[case][2] in html, html[:3000]
    assert "Nguyễn Văn Tải" in html  # nothing typed is lost
    assert not DossierFile.objects.exists()
    assert not Dossier.objects.filter(is_draft=False).exists()
    assert stored_files() == before


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/passwd.pdf",
        "..\\..\\windows\\win.ini.pdf",
        "/srv/tuyet-doi.pdf",
        "a\x00b/../c.pdf",
        "CON.pdf",
        ".htaccess.pdf",
        "%2e%2e%2fescape.pdf",
    ],
)
def test_path_tricks_in_file_names_stay_inside_the_private_store(citizen_client, procedure, name):  # noqa: F811
    document = procedure.documents.order_by("pk").first()
    response = post_files(citizen_client, procedure, {document.pk: (name, PDF_BYTES)})
    assert response.status_code == 302
    stored = DossierFile.objects.get()
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(root) and path.is_file()
    for part in (stored.original_name, stored.file.name):
        assert ".." not in part.split("/") and "\\" not in part and "\x00" not in part
    assert "/" not in stored.original_name and stored.original_name.endswith(".pdf")


def test_an_extension_that_lies_is_replaced_by_the_type_found_in_the_content(citizen_client, procedure):  # noqa: F811
    """A real PNG named .pdf is stored as what it is, never served under the type its name claims."""
    document = procedure.documents.order_by("pk").first()
    post_files(citizen_client, procedure, {document.pk: ("ban-scan.pdf", PNG_BYTES)})
    stored = DossierFile.objects.get()
    assert stored.content_type == "image/png" and stored.original_name == "ban-scan.png"


def test_too_many_files_in_one_request_are_refused(citizen_client, procedure):  # noqa: F811
    data = {"applicant_name": "Nguyễn Văn Tải", "request": "Cấp"}
    document = procedure.documents.order_by("pk").first()
    data[f"document_{document.pk}"] = [
        SimpleUploadedFile(f"{n}.pdf", PDF_BYTES) for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    response = citizen_client.post(reverse("flows:submit", args=[procedure.code]), data)
    assert response.status_code == 400
    assert not DossierFile.objects.exists()


def test_a_normal_docx_still_passes(citizen_client, procedure):  # noqa: F811
    document = procedure.documents.order_by("pk").first()
    response = post_files(citizen_client, procedure, {document.pk: ("don.docx", docx_bytes())})
    assert response.status_code == 302
    assert DossierFile.objects.get().original_name == "don.docx"
