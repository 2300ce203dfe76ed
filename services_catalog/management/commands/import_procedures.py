from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from services_catalog.importing import ImportFileError, procedures_import


class Command(BaseCommand):
    help = (
        "Import procedures from a CSV (UTF-8, header row) or XLSX file; updates by code, publishes the "
        "pages, writes nothing when any row is bad. See services_catalog/importing.py for the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            report = procedures_import(path=file, dry_run=dry_run)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(count)s bad rows: nothing was imported. Correct them and run the import again.")
                % {"count": len({error.line for error in report.errors})}
            )
        summary = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        }
        if dry_run:
            summary = _("Dry run, nothing written: %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
