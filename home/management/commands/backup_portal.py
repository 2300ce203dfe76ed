from pathlib import Path

from django.core.management.base import BaseCommand

from home.backups import backup_create


class Command(BaseCommand):
    help = (
        "Save the database and the files (private dossier files, media) into one archive with a manifest "
        "of SHA-256 checksums: backups/portal-backup-<time>.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default="backups", help="where to write the archive")

    def handle(self, *args, directory, **options):
        archive = backup_create(directory=Path(directory))
        self.stdout.write(f"Đã sao lưu: {archive} ({archive.stat().st_size:,} byte)\n")
