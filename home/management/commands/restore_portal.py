from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive of backup_portal into this migrated database and its file folders, after "
        "checking every checksum. Refuses a database that already has accounts or pages unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a portal-backup-<time>.tar.gz")
        parser.add_argument(
            "--replace", action="store_true", help="erase this database's data and overwrite differing files"
        )

    def handle(self, *args, archive, replace, **options):
        try:
            report = backup_restore(archive_path=Path(archive), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã phục hồi {report.rows} bản ghi và {report.files} tệp; mã kiểm tra khớp.\n")
