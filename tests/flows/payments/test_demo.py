"""The demo of `make run`: a level 4 dossier of `congdan` to pay, and a finished one with its result."""

import io

import pytest

from flows.choices import DossierStatus
from flows.models import Dossier
from flows.payments import demo
from flows.payments.selectors import dossier_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("urls_loaded")]


def test_demo_seeding_is_idempotent(level4_procedure, make_user):
    make_user("congdan")
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    dossiers = {
        d.declaration["demo"]: d for d in Dossier.objects.filter(declaration__demo__startswith=demo.DEMO_MARK)
    }
    assert set(dossiers) == {f"{demo.DEMO_MARK}:to-pay", f"{demo.DEMO_MARK}:finished"}
    to_pay, finished = dossiers[f"{demo.DEMO_MARK}:to-pay"], dossiers[f"{demo.DEMO_MARK}:finished"]
    assert to_pay.procedure.service_level == 4 and not to_pay.is_final
    assert dossier_account(dossier=to_pay).balance > 0
    assert finished.status == DossierStatus.RETURNED and dossier_account(dossier=finished).balance == 0
    result = finished.result_files.get()
    assert result.file.open("rb").read() == demo.RESULT_PDF
    level4_procedure.agency.refresh_from_db()
    assert level4_procedure.agency.bank_account_number
