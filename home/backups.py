"""Backups that restore: the database and the files (private dossier files, public media) in one archive.

The archive is a gzipped tar holding `manifest.json`, `database.json` (Django's serialized data, the
same on SQLite and PostgreSQL) and the files under `private/` and `media/`. The manifest lists the
SHA-256 and size of every other member and the row count of every model; a restore checks every
checksum before it touches the database, then checks the restored files and row counts again.

Django's serializer, not pg_dump: one format restores on either database, into a database that the
same code has migrated, and needs no client tools of the right major version on the machine.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
DATABASE_MEMBER = "database.json"
MANIFEST_MEMBER = "manifest.json"
# Made again by `migrate` in the target database, with their own primary keys; the data refers to them
# by natural key. Sessions are sign-ins of the old server: restoring them would only sign people in.
# Wagtail's search index is in each database's own full-text format: it is rebuilt after a restore.
EXCLUDED_MODELS = ("contenttypes", "auth.permission", "sessions", "wagtailsearch")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive is damaged, incomplete or does not fit this database: nothing was changed."""


@dataclass(frozen=True)
class RestoreReport:
    rows: int
    files: int


def _file_roots() -> dict[str, Path]:
    """Where each kind of file lives: dossier files (private) and the editors' images and documents."""
    return {"private": Path(settings.PRIVATE_MEDIA_ROOT), "media": Path(settings.MEDIA_ROOT)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _row_counts() -> dict[str, int]:
    excluded = {label for label in EXCLUDED_MODELS if "." in label}
    excluded_apps = {label for label in EXCLUDED_MODELS if "." not in label}
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded
        and not model._meta.proxy
        and model._meta.managed
    }


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup_create(*, directory: Path, now: datetime | None = None) -> Path:
    """Write `portal-backup-<time>.tar.gz` into `directory` and return its path.

    The data is read in one repeatable-read transaction where the database offers it, so rows and the
    manifest's counts agree; files are listed after the data, so a file uploaded meanwhile may be in
    the archive without its row (harmless), never a row without its file (a file is saved first).
    """
    now = now or timezone.now()
    directory.mkdir(parents=True, exist_ok=True)
    archive_path = directory / f"portal-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as scratch:
        data_path = Path(scratch) / DATABASE_MEMBER
        connection = connections[DEFAULT_DB_ALIAS]
        # One snapshot for every table (PostgreSQL); only possible as a transaction's first statement.
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=list(EXCLUDED_MODELS),
                output=str(data_path),
                verbosity=0,
            )
            counts = _row_counts()
        members = {DATABASE_MEMBER: data_path}
        for prefix, root in _file_roots().items():
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    members[f"{prefix}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database_vendor": connections[DEFAULT_DB_ALIAS].vendor,
            "migrations": _applied_migrations(),
            "rows": counts,
            "files": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size} for name, path in members.items()
            },
        }
        partial = archive_path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            encoded = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size, info.mtime = len(encoded), int(now.timestamp())
            archive.addfile(info, io.BytesIO(encoded))
            for name, path in members.items():
                archive.add(path, arcname=name, recursive=False)
        os.replace(partial, archive_path)  # a half-written archive never carries the final name
    return archive_path


def _safe_member_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _extract_verified(archive_path: Path, into: Path) -> dict:
    """Unpack the archive into `into`, checking each member against the manifest; return the manifest."""
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Không đọc được tệp sao lưu {archive_path}: {error}") from error
    with archive:
        try:
            manifest_member = archive.extractfile(MANIFEST_MEMBER)
            manifest = json.load(manifest_member)
        except (KeyError, TypeError, ValueError, tarfile.TarError) as error:
            raise BackupError("Tệp sao lưu không có bản kê (manifest.json) hợp lệ.") from error
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Định dạng sao lưu {manifest.get('format')!r} không được hỗ trợ.")
        expected = manifest["files"]
        seen = set()
        for member in archive:
            if member.name == MANIFEST_MEMBER:
                continue
            if member.name not in expected or not member.isfile() or not _safe_member_name(member.name):
                raise BackupError(f"Tệp sao lưu có thành phần lạ: {member.name}")
            target = into / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with archive.extractfile(member) as source, target.open("wb") as sink:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    sink.write(chunk)
            if digest.hexdigest() != expected[member.name]["sha256"]:
                raise BackupError(f"Sai mã kiểm tra (SHA-256): {member.name}")
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"Tệp sao lưu thiếu {len(missing)} thành phần, ví dụ: {missing[0]}")
    return manifest


def _database_is_empty() -> bool:
    """Freshly migrated: no accounts and no page but the tree's root and the migrations' home page."""
    from django.contrib.auth import get_user_model

    from wagtail.models import Page

    return not get_user_model().objects.exists() and Page.objects.count() <= 2


def backup_restore(*, archive_path: Path, replace: bool = False) -> RestoreReport:
    """Restore an archive of `backup_create` into this (migrated) database and these file roots.

    Every checksum is verified before anything is written. Unless `replace`, the database must be as
    `migrate` left it (no accounts, no pages of its own) and no restored file may overwrite a different one.
    """
    roots = _file_roots()
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch)
        manifest = _extract_verified(archive_path, unpacked)
        missing_migrations = sorted(set(manifest["migrations"]) - set(_applied_migrations()))
        if missing_migrations:
            raise BackupError(
                "Cơ sở dữ liệu đích chưa có các migration của bản sao lưu (chạy `manage.py migrate` "
                f"với phiên bản mã nguồn mới hơn): {', '.join(missing_migrations[:5])}"
            )
        if not replace and not _database_is_empty():
            raise BackupError("Cơ sở dữ liệu đích đã có tài khoản hoặc trang: dùng --replace để ghi đè.")
        file_names = [name for name in manifest["files"] if name != DATABASE_MEMBER]
        if not replace:
            for name in file_names:
                prefix, relative = name.split("/", 1)
                existing = roots[prefix] / relative
                if existing.exists() and _sha256(existing) != manifest["files"][name]["sha256"]:
                    raise BackupError(
                        f"Tệp đã có và khác bản sao lưu: {existing} (dùng --replace để ghi đè)."
                    )
        with transaction.atomic():
            # Sequences are left alone: loaddata moves them past the restored primary keys.
            call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
            ContentType.objects.clear_cache()  # flush made them again, with new ids
            call_command("loaddata", str(unpacked / DATABASE_MEMBER), verbosity=0)
            counts = _row_counts()
            differing = {
                label: (rows, counts.get(label))
                for label, rows in manifest["rows"].items()
                if counts.get(label) != rows
            }
            if differing:
                raise BackupError(f"Số bản ghi sau khi phục hồi khác bản sao lưu: {differing}")
            call_command("wagtail_update_index", stdout=io.StringIO())
        for name in file_names:
            prefix, relative = name.split("/", 1)
            target = roots[prefix] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked / name, target)
            if _sha256(target) != manifest["files"][name]["sha256"]:
                raise BackupError(f"Tệp phục hồi không khớp mã kiểm tra: {target}")
    return RestoreReport(rows=sum(manifest["rows"].values()), files=len(file_names))
