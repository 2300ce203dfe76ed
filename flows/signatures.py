"""Digital signatures on PDFs (R-SUB-4): verify the dossier's signed attachments, sign agency results.

Verification runs offline with pyHanko: no certificate or revocation data is fetched from the
network, and a signer is trusted only when their certificate chains to one of the CA certificates
the operator put in `SIGNATURE_TRUST_ROOTS` (a PEM/DER file, or a directory of them). Without that
setting nothing is trusted; integrity is still checked.

Signing uses the agency's PKCS#12 file `<SIGNING_PKCS12_DIR>/<agency code>.p12`, whose passphrase
comes from the environment variable `SIGNING_PASSPHRASE_<AGENCY CODE>` (never from the repository).
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from flows.models import DossierFile, SignatureCheck

logger = logging.getLogger(__name__)

CERTIFICATE_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


@dataclass(frozen=True)
class SignatureResult:
    is_signed: bool
    signer_name: str = ""
    signed_at: datetime | None = None
    intact: bool = False
    trusted: bool = False
    detail: str = ""


def _load_certificates(data: bytes) -> list:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    if pem.detect(data):
        return [
            asn1_x509.Certificate.load(der)
            for kind, _headers, der in pem.unarmor(data, multiple=True)
            if kind == "CERTIFICATE"
        ]
    return [asn1_x509.Certificate.load(data)]


def trust_roots_load(*, location: str | os.PathLike | None = None) -> list:
    """The CA certificates in `location` (default: settings.SIGNATURE_TRUST_ROOTS); [] when unset."""
    location = location if location is not None else getattr(settings, "SIGNATURE_TRUST_ROOTS", "")
    if not location:
        return []
    path = Path(location)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CERTIFICATE_SUFFIXES)
    elif path.is_file():
        files = [path]
    else:
        logger.warning("SIGNATURE_TRUST_ROOTS %s does not exist: no signer will be trusted", path)
        return []
    roots = []
    for file in files:
        try:
            roots.extend(_load_certificates(file.read_bytes()))
        except Exception:
            logger.warning("Skipping %s: not a certificate", file)
    return roots


def _signer_name(certificate) -> str:
    subject = certificate.subject.native
    return str(subject.get("common_name") or certificate.subject.human_friendly)


def pdf_signature_verify(*, pdf: bytes, trust_roots: list | None = None) -> SignatureResult:
    """Check the last signature of `pdf`: who signed, when, whether the file is intact and trusted.

    A PDF whose signature cannot even be read (for instance bytes changed so the structure breaks)
    is reported signed but not intact, never as unsigned.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = trust_roots if trust_roots is not None else trust_roots_load()
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception as error:
        if b"/ByteRange" in pdf:
            return SignatureResult(is_signed=True, detail=f"unreadable signed PDF: {error}"[:500])
        return SignatureResult(is_signed=False, detail=f"unreadable PDF: {error}"[:500])
    if not signatures:
        return SignatureResult(is_signed=False)
    signature = signatures[-1]
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(signature, context)
    except Exception as error:
        return SignatureResult(is_signed=True, detail=f"validation failed: {error}"[:500])
    coverage_ok = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    )
    intact = bool(status.intact and status.valid and coverage_ok)
    return SignatureResult(
        is_signed=True,
        signer_name=_signer_name(status.signing_cert),
        signed_at=status.signer_reported_dt,
        intact=intact,
        trusted=bool(intact and status.trusted),
        detail=status.summary()[:500],
    )


def dossier_file_signature_check(*, dossier_file: DossierFile, trust_roots: list | None = None):
    """Verify a PDF attachment and record the result on it; other file types are not checked."""
    if dossier_file.content_type != "application/pdf":
        return None
    with dossier_file.file.open("rb") as handle:
        result = pdf_signature_verify(pdf=handle.read(), trust_roots=trust_roots)
    check, _created = SignatureCheck.objects.update_or_create(
        dossier_file=dossier_file,
        defaults={
            "is_signed": result.is_signed,
            "signer_name": result.signer_name[:255],
            "signed_at": result.signed_at,
            "intact": result.intact,
            "trusted": result.trusted,
            "detail": result.detail,
            "checked_at": timezone.now(),
        },
    )
    return check


def _agency_pkcs12(agency_code: str) -> tuple[Path, bytes]:
    directory = getattr(settings, "SIGNING_PKCS12_DIR", "")
    if not directory:
        raise ImproperlyConfigured("SIGNING_PKCS12_DIR is not set: no agency can sign results.")
    path = Path(directory) / f"{agency_code.lower()}.p12"
    if not path.is_file():
        raise ImproperlyConfigured(f"No signing certificate for agency {agency_code}: {path} is missing.")
    passphrase = os.environ.get(f"SIGNING_PASSPHRASE_{agency_code.upper()}", "")
    return path, passphrase.encode()


def agency_signing_configured(*, agency_code: str) -> bool:
    """Whether the operator gave this agency a key and certificate to sign its results with."""
    try:
        _agency_pkcs12(agency_code)
    except ImproperlyConfigured:
        return False
    return True


def pdf_sign(
    *,
    pdf: bytes,
    agency_code: str | None = None,
    pkcs12_path: str | os.PathLike | None = None,
    passphrase: bytes | None = None,
    reason: str = "",
    location: str = "",
    field_name: str = "ChuKySoCoQuan",
) -> bytes:
    """Sign `pdf` with the agency's key and certificate and return the signed bytes.

    Either `agency_code` (the operator's configured PKCS#12 for that agency) or an explicit
    `pkcs12_path` and `passphrase`.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    if pkcs12_path is None:
        if not agency_code:
            raise ValueError("Give agency_code or pkcs12_path.")
        pkcs12_path, passphrase = _agency_pkcs12(agency_code)
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(pkcs12_path), passphrase=passphrase or None)
    if signer is None:
        raise ImproperlyConfigured(f"Could not open the PKCS#12 file {pkcs12_path} (wrong passphrase?).")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason or None, location=location or None
    )
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return output.getvalue()
