from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from services_catalog.importing import procedures_export


class Command(BaseCommand):
    help = "Export every procedure to a CSV file in the format import_procedures reads."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        count = procedures_export(path=file)
        self.stdout.write(_("%(count)s procedures written to %(path)s.") % {"count": count, "path": file})
