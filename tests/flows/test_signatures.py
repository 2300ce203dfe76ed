"""Digital signatures (R-SUB-4): a test CA, a signer and their keys are made with `cryptography` at
test time (nothing is committed); PDFs are signed with pyHanko and verified offline."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from flows import services
from flows.flows import DossierFlow
from flows.models import Dossier, DossierFile, SignatureCheck
from flows.signatures import dossier_file_signature_check, pdf_sign, pdf_signature_verify, trust_roots_load
from portal.accounts.roles import Role
from services_catalog.choices import ServiceLevel

from .conftest import make_procedure
from .helpers import open_task

pytestmark = pytest.mark.django_db

SIGNER = "Nguyễn Văn Ký"
PASSPHRASE = b"mat-khau-thu-nghiem"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_ca(common_name: str):
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def make_signer(ca_key, ca_certificate, common_name: str = SIGNER):
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=10))
        .add_extension(_key_usage(ca=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def pem(certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A test CA with one signer (as a PKCS#12 file) and, apart, a CA nobody configured."""
    root = tmp_path_factory.mktemp("pki")
    ca_key, ca_certificate = make_ca("CA thử nghiệm Cổng dịch vụ công")
    _other_key, other_ca = make_ca("CA không được tin cậy")
    signer_key, signer_certificate = make_signer(ca_key, ca_certificate)
    (root / "trusted").mkdir()
    (root / "trusted" / "ca.pem").write_bytes(pem(ca_certificate))
    (root / "other").mkdir()
    (root / "other" / "other.pem").write_bytes(pem(other_ca))
    (root / "keys").mkdir()
    p12 = pkcs12.serialize_key_and_certificates(
        b"stp",
        signer_key,
        signer_certificate,
        [ca_certificate],
        serialization.BestAvailableEncryption(PASSPHRASE),
    )
    (root / "keys" / "stp.p12").write_bytes(p12)
    return root


def unsigned_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Quyết định cấp giấy phép</p>").write_pdf()


@pytest.fixture(scope="module")
def signed_pdf(pki) -> bytes:
    return pdf_sign(
        pdf=unsigned_pdf(), pkcs12_path=pki / "keys" / "stp.p12", passphrase=PASSPHRASE, reason="Ký kết quả"
    )


def tampered(content: bytes) -> bytes:
    """Change one byte inside the first content stream: the structure still parses, the digest fails."""
    position = content.index(b"stream\n") + 20
    changed = bytearray(content)
    changed[position] ^= 0xFF
    return bytes(changed)


def test_signature_by_a_trusted_ca_is_intact_and_trusted(pki, signed_pdf):
    before = timezone.now() - dt.timedelta(minutes=5)
    result = pdf_signature_verify(pdf=signed_pdf, trust_roots=trust_roots_load(location=pki / "trusted"))
    assert result.is_signed and result.intact and result.trusted
    assert result.signer_name == SIGNER
    assert before <= result.signed_at <= timezone.now()


def test_signature_from_an_unconfigured_root_is_intact_but_not_trusted(pki, signed_pdf):
    result = pdf_signature_verify(pdf=signed_pdf, trust_roots=trust_roots_load(location=pki / "other"))
    assert result.is_signed and result.intact and not result.trusted
    # No trust roots configured at all: nothing is trusted (never the system's TLS roots).
    assert not pdf_signature_verify(pdf=signed_pdf, trust_roots=[]).trusted


def test_tampered_pdf_is_not_intact(pki, signed_pdf):
    result = pdf_signature_verify(
        pdf=tampered(signed_pdf), trust_roots=trust_roots_load(location=pki / "trusted")
    )
    assert result.is_signed and not result.intact and not result.trusted


def test_unsigned_pdf_is_reported_unsigned(pki):
    result = pdf_signature_verify(pdf=unsigned_pdf(), trust_roots=trust_roots_load(location=pki / "trusted"))
    assert not result.is_signed and not result.intact and not result.trusted


def test_agency_signs_with_the_operators_pkcs12(pki, settings, monkeypatch, tmp_path, agency):
    settings.SIGNING_PKCS12_DIR = str(pki / "keys")
    settings.SIGNATURE_TRUST_ROOTS = str(pki / "trusted" / "ca.pem")
    monkeypatch.setenv("SIGNING_PASSPHRASE_STP", PASSPHRASE.decode())
    signed = pdf_sign(pdf=unsigned_pdf(), agency_code="stp", reason="Ký kết quả")
    result = pdf_signature_verify(pdf=signed)
    assert result.intact and result.trusted and result.signer_name == SIGNER

    source, target = tmp_path / "ket-qua.pdf", tmp_path / "ket-qua-da-ky.pdf"
    source.write_bytes(unsigned_pdf())
    output = io.StringIO()
    call_command("sign_pdf", "--agency", "stp", str(source), str(target), stdout=output)
    assert pdf_signature_verify(pdf=target.read_bytes()).trusted
    assert f"Signed by {SIGNER}; intact: True; trusted: True" in output.getvalue()


def test_wrong_passphrase_is_a_clear_error(pki, settings, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    settings.SIGNING_PKCS12_DIR = str(pki / "keys")
    monkeypatch.setenv("SIGNING_PASSPHRASE_STP", "sai")
    with pytest.raises((ImproperlyConfigured, ValueError)):
        pdf_sign(pdf=unsigned_pdf(), agency_code="stp")


def _file(dossier, content: bytes, name: str) -> DossierFile:
    return DossierFile.objects.create(
        dossier=dossier,
        document=None,
        file=ContentFile(content, name=name),
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )


def test_each_file_check_is_recorded(pki, signed_pdf, procedure, citizen, settings):
    settings.SIGNATURE_TRUST_ROOTS = str(pki / "trusted")
    dossier = Dossier.objects.create(
        procedure=procedure, agency=procedure.agency, applicant=citizen, applicant_name="Công Dân"
    )
    cases = {
        "valid.pdf": (signed_pdf, (True, True, True)),
        "tampered.pdf": (tampered(signed_pdf), (True, False, False)),
        "unsigned.pdf": (unsigned_pdf(), (False, False, False)),
    }
    for name, (content, expected) in cases.items():
        check = dossier_file_signature_check(dossier_file=_file(dossier, content, name))
        assert (check.is_signed, check.intact, check.trusted) == expected, name
        assert check.checked_at is not None
    assert SignatureCheck.objects.get(dossier_file__original_name="valid.pdf").signer_name == SIGNER


@pytest.mark.usefixtures("clamd", "urls_loaded")
def test_citizen_and_staff_screens_show_who_signed_and_whether_to_trust_it(
    client, pki, signed_pdf, procedure, citizen, staff, settings
):
    """Uploaded through the normal path: the check runs on upload and both screens show it."""
    settings.SIGNATURE_TRUST_ROOTS = str(pki / "trusted")
    dossier = services.dossier_draft_create(procedure=procedure, applicant=citizen)
    first, second = procedure.documents.filter(is_required=True)
    services.dossier_file_attach(
        dossier=dossier, document=first, upload=SimpleUploadedFile("to-khai.pdf", signed_pdf), user=citizen
    )
    services.dossier_file_attach(
        dossier=dossier,
        document=second,
        upload=SimpleUploadedFile("giay-chung-sinh.pdf", tampered(signed_pdf)),
        user=citizen,
    )
    services.dossier_submit(dossier=dossier, user=citizen)

    client.force_login(citizen)
    page = client.get(reverse("flows:dossier_detail", args=[dossier.pk])).content.decode()
    assert f"Đã ký số bởi {SIGNER}" in page
    assert "chữ ký hợp lệ" in page and "được tin cậy" in page
    assert "tệp đã bị thay đổi sau khi ký" in page

    officer = staff[Role.RECEPTION]
    client.force_login(officer)
    task = open_task(dossier, DossierFlow.receive)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    screen = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk])).content.decode()
    assert f"Đã ký số bởi {SIGNER}" in screen and "tệp đã bị thay đổi sau khi ký" in screen
    assert reverse("flows:staff_document", args=[dossier.pk, "phieu-kiem-soat"]) in screen


@pytest.mark.usefixtures("clamd", "urls_loaded")
def test_level_4_dossier_with_every_file_validly_signed_needs_no_paper_by_post(
    client, pki, signed_pdf, procedure_index, agency, citizen, settings
):
    """R-SUB-4: the paper dossier is posted only when the files are not all signed, intact and trusted."""
    settings.SIGNATURE_TRUST_ROOTS = str(pki / "trusted")
    level4 = make_procedure(procedure_index, agency, code="2.000001", level=ServiceLevel.FULLY_ONLINE)

    def submit(second_file: bytes) -> Dossier:
        dossier = services.dossier_draft_create(procedure=level4, applicant=citizen)
        first, second = level4.documents.filter(is_required=True)
        for document, content in ((first, signed_pdf), (second, second_file)):
            services.dossier_file_attach(
                dossier=dossier,
                document=document,
                upload=SimpleUploadedFile("tep.pdf", content),
                user=citizen,
            )
        return services.dossier_submit(dossier=dossier, user=citizen)

    client.force_login(citizen)
    signed = submit(signed_pdf)
    page = client.get(reverse("flows:dossier_detail", args=[signed.pk])).content.decode()
    assert "Hồ sơ giấy cần gửi" not in page
    partly = submit(unsigned_pdf())
    page = client.get(reverse("flows:dossier_detail", args=[partly.pk])).content.decode()
    assert "Hồ sơ giấy cần gửi" in page and "Không có chữ ký số" in page
