"""A backup restores: the database and the dossier files go into one archive with checksums, and a
restore into an emptied database and empty file folders brings back every dossier and file intact."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from wagtail.documents.models import Document

import pytest

from flows.demo import DEMO_PDF, demo_dossier_submit
from flows.models import Dossier, DossierFile
from home.backups import BackupError, backup_create, backup_restore
from tests.flows.conftest import *  # noqa: F403 (agency, procedure, citizens: the flow tests' fixtures)
from tests.flows.conftest import make_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("urls_loaded")]

# Files as citizens send them: Vietnamese names, a scan of a few hundred kilobytes, an empty page.
SCANS = [
    ("Giấy chứng sinh - bản quét.pdf", DEMO_PDF + bytes(range(256)) * 1200),
    ("tờ khai (ký tay) lần 2.pdf", DEMO_PDF),
    ("ảnh CCCD mặt sau.pdf", b"%PDF-1.4\n%%EOF\n"),
]


@pytest.fixture(autouse=True)
def _forget_content_type_ids():
    """A restore makes the content types again with new ids; the rollback after the test brings back
    the old rows, which the process-wide cache of ContentType must not contradict."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def dossiers(procedure_index, agency, make_user):
    procedure = make_procedure(procedure_index, agency)
    made = []
    for number in range(6):
        citizen = make_user(f"congdan{number}")
        citizen.full_name = ("Tôn Nữ Hoàng Thị Thu Hà " * 10)[
            : citizen._meta.get_field("full_name").max_length
        ]
        citizen.save()
        dossier = demo_dossier_submit(
            procedure=procedure, applicant=citizen, declaration={"request": f"Cấp bản sao\nlần {number}"}
        )
        name, content = SCANS[number % len(SCANS)]
        extra = DossierFile(
            dossier=dossier,
            document=procedure.documents.get(is_required=False),
            original_name=name,
            content_type="application/pdf",
            size=len(content),
        )
        extra.file.save(name, ContentFile(content), save=True)
        made.append(dossier)
    return made


def snapshot() -> dict:
    """Every dossier and file as the applicant and the officer see them, with each file's checksum."""
    return {
        dossier.code: {
            "status": dossier.status,
            "agency": dossier.agency.code,
            "applicant": (dossier.applicant.username, dossier.applicant_name),
            "declaration": dossier.declaration,
            "events": list(dossier.events.order_by("pk").values_list("kind", "to_status")),
            "files": sorted(
                (item.original_name, hashlib.sha256(item.file.open("rb").read()).hexdigest())
                for item in dossier.files.all()
            ),
        }
        for dossier in Dossier.objects.select_related("agency", "applicant").order_by("code")
    }


def empty_the_database_and_file_folders(tmp_path: Path) -> None:
    """What a new server starts from: a migrated-then-emptied database, no files."""
    if connection.vendor == "postgresql":
        # The fixtures' rows were written in this test's transaction, whose foreign-key checks are
        # deferred: PostgreSQL truncates no table with checks pending, so run them first.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for root in (settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT):
        if Path(root).exists():
            shutil.move(root, tmp_path / f"old-{Path(root).name}")


def test_a_backup_restores_every_dossier_and_file(tmp_path, dossiers, document):
    form_template = hashlib.sha256(document.file.read()).hexdigest()
    before = snapshot()
    assert len(before) == 6 and all(len(entry["files"]) == 3 for entry in before.values())
    archive = backup_create(directory=tmp_path / "backups")

    empty_the_database_and_file_folders(tmp_path)
    assert not Dossier.objects.exists() and not Path(settings.PRIVATE_MEDIA_ROOT).exists()

    report = backup_restore(archive_path=archive)
    assert report.files >= 18
    assert snapshot() == before
    for item in DossierFile.objects.all():
        assert Path(item.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    restored = Document.objects.get(title=document.title)  # the editors' media come back too
    assert hashlib.sha256(restored.file.read()).hexdigest() == form_template


def test_the_manifest_lists_a_checksum_for_every_file(tmp_path, dossiers):
    archive = backup_create(directory=tmp_path)
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        for member in opened.getmembers():
            if member.name != "manifest.json":
                content = opened.extractfile(member).read()
                assert manifest["files"][member.name]["sha256"] == hashlib.sha256(content).hexdigest()
    stored = {f"private/{item.file.name}" for item in DossierFile.objects.all()}
    assert stored <= set(manifest["files"])
    assert manifest["rows"]["flows.dossier"] == 6


def tampered_copy(archive: Path, member_name: str, into: Path) -> Path:
    copy = into / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == member_name:
                content = content[:-1] + bytes([content[-1] ^ 1])
            target.addfile(member, io.BytesIO(content))
    return copy


def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path, dossiers):
    archive = backup_create(directory=tmp_path)
    damaged_file = f"private/{DossierFile.objects.order_by('pk').first().file.name}"
    copy = tampered_copy(archive, damaged_file, tmp_path)
    with pytest.raises(BackupError, match="SHA-256"):
        backup_restore(archive_path=copy, replace=True)
    assert Dossier.objects.count() == 6


def test_a_database_in_use_is_not_overwritten_by_mistake(tmp_path, dossiers):
    archive = backup_create(directory=tmp_path)
    with pytest.raises(BackupError, match="--replace"):
        backup_restore(archive_path=archive)
    assert Dossier.objects.count() == 6
