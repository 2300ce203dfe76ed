import io

from django.core.management import call_command

import pytest

from flows.choices import DossierStatus
from flows.flows import DossierFlow
from flows.models import Dossier
from flows.selectors import dossiers_for_staff

pytestmark = pytest.mark.django_db


def test_seed_dossiers_covers_every_status_with_consistent_rows(site):
    out = io.StringIO()
    call_command("seed_dossiers", "--count", "40", "--seed", "7", stdout=out)
    assert "Đã tạo 40 hồ sơ." in out.getvalue()
    assert Dossier.objects.count() == 40
    assert set(Dossier.objects.values_list("status", flat=True)) == set(DossierStatus.values)
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(set(codes)) == 40
    # Every open dossier has exactly one open task of the flow; closed ones none.
    for dossier in Dossier.objects.all():
        open_tasks = DossierFlow.task_class.objects.filter(
            process_id=dossier.process_id, finished__isnull=True
        )
        assert open_tasks.count() == (0 if dossier.is_final else 1), dossier.status
    # A second run adds to the register without reusing a code.
    call_command("seed_dossiers", "--count", "5", stdout=io.StringIO())
    assert Dossier.objects.values("code").distinct().count() == 45
    officer = Dossier.objects.first().agency.staff.first()
    assert dossiers_for_staff(user=officer).exists()
