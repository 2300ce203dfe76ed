"""Checks every dossier file passes before it is stored: virus scan, type by content, size, name."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from flows import antivirus

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 120
EXTENSION_BY_TYPE = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
ACCEPTED_FORMATS = "PDF, JPEG, PNG, DOCX"
# A DOCX is a zip: refuse one that would unpack to more than this, or holds more parts (zip bombs).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2000


class InfectedUploadError(ValidationError):
    """The scanner found malware; `signature` names it for the incident record."""

    def __init__(self, *, signature: str):
        super().__init__(
            _("The file contains a virus or malware (%(signature)s) and was not saved."),
            params={"signature": signature},
            code="infected",
        )
        self.signature = signature


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    safe_name: str
    size: int


def detect_content_type(head: bytes, data: bytes) -> str | None:
    """The file's type from its content; None when it is not one we accept."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


def check_archive(data: bytes) -> None:
    """Refuse a zip (DOCX) whose declared unpacked size or number of parts is out of proportion."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # not a readable zip: the type check refuses it
    if len(members) > MAX_ARCHIVE_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("This document unpacks to far more than its size (a compressed bomb) and was not saved."),
            code="archive_bomb",
        )


def sanitise_file_name(name: str, content_type: str) -> str:
    """A display name safe in headers and on disk: no path, no control characters, the right extension."""
    stem = PurePath(name.replace("\\", "/")).stem
    stem = unicodedata.normalize("NFC", stem)
    stem = "".join(char for char in stem if unicodedata.category(char)[0] not in ("C", "Z") or char == " ")
    stem = re.sub(r"[\"'<>:/\\|?*;]+", "", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .") or "tep"
    extension = EXTENSION_BY_TYPE[content_type]
    return stem[: MAX_NAME_LENGTH - len(extension)] + extension


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Scan and check one uploaded file; raise ValidationError with a message for the citizen."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_FILE_BYTES)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(b"PK\x03\x04"):
        check_archive(data)
    try:
        result = antivirus.scan_chunks([data])
    except antivirus.ScannerUnavailable:
        logger.exception("Virus scanner unavailable; upload refused")
        raise ValidationError(
            _(
                "The file could not be checked for viruses right now, so it was not saved. "
                "Please try again in a few minutes."
            ),
            code="scanner_unavailable",
        ) from None
    if not result.clean:
        logger.warning("Infected upload refused: %s (%s)", upload.name, result.signature)
        raise InfectedUploadError(signature=result.signature)
    content_type = detect_content_type(data[:16], data)
    if content_type is None:
        raise ValidationError(
            _("This file is not an accepted type. Accepted formats: %(formats)s."),
            params={"formats": ACCEPTED_FORMATS},
            code="bad_type",
        )
    return CheckedUpload(
        content_type=content_type,
        safe_name=sanitise_file_name(upload.name or "", content_type),
        size=upload.size,
    )
