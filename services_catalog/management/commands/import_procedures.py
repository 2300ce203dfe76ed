from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from services_catalog.importing import (
    NATIONAL,
    UNCLASSIFIED_FIELD,
    ImportFileError,
    change_labels,
    procedures_import,
)


class Command(BaseCommand):
    help = (
        "Import procedures from a CSV (UTF-8) or XLSX file: the national database's export as it is, or "
        "the portal's own layout. Updates by code, publishes and indexes the pages, writes nothing when "
        "any row is bad. See services_catalog/importing.py."
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
        if report.layout == NATIONAL:
            self.stdout.write(_("National database layout."))
        for code in report.created:
            self.stdout.write(_("New: %(code)s") % {"code": code})
        for code, changes in report.changes.items():
            self.stdout.write(
                _("Changed: %(code)s (%(what)s)") % {"code": code, "what": ", ".join(change_labels(changes))}
            )
        for code in report.vanished:
            self.stdout.write(
                _("No longer in the national list: %(code)s (a candidate for retirement)") % {"code": code}
            )
        for code in report.without_agency:
            self.stdout.write(_("No implementing agency yet: %(code)s") % {"code": code})
        for code in report.without_field:
            self.stdout.write(
                _("No field yet: %(code)s (filed under “%(field)s”)")
                % {"code": code, "field": UNCLASSIFIED_FIELD}
            )
        summary = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        }
        if report.vanished or report.without_agency:
            summary += " " + _(
                "%(vanished)s no longer listed, %(without_agency)s without an implementing agency."
            ) % {"vanished": len(report.vanished), "without_agency": len(report.without_agency)}
        if dry_run:
            summary = _("Dry run, nothing written: %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
