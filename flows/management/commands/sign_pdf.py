from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from flows.signatures import pdf_sign, pdf_signature_verify
from services_catalog.models import Agency


class Command(BaseCommand):
    help = (
        "Sign a result PDF with an agency's certificate (SIGNING_PKCS12_DIR/<code>.p12, passphrase in "
        "SIGNING_PASSPHRASE_<CODE>) and report the signature as the portal will show it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="agency code, e.g. stp")
        parser.add_argument("--reason", default="Ký kết quả giải quyết thủ tục hành chính")
        parser.add_argument("input", help="the PDF to sign")
        parser.add_argument("output", help="where to write the signed PDF")

    def handle(self, *args, agency, reason, input, output, **options):
        found = Agency.objects.filter(code__iexact=agency).first()
        if found is None:
            raise CommandError(f"No agency with code {agency}.")
        source = Path(input)
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        try:
            signed = pdf_sign(
                pdf=source.read_bytes(), agency_code=found.code, reason=reason, location=found.name
            )
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(signed)
        result = pdf_signature_verify(pdf=signed)
        self.stdout.write(
            f"Signed by {result.signer_name}; intact: {result.intact}; trusted: {result.trusted}. "
            f"Written to {output}."
        )
