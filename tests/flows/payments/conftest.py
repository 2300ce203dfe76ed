"""The flow fixtures (agencies, procedures, staff, citizens, clamd) plus procedures with fees."""

import pytest

from services_catalog.choices import ServiceLevel
from services_catalog.models import ProcedureFee
from tests.flows.conftest import *  # noqa: F403 (the same fixtures as the flow tests)
from tests.flows.conftest import make_procedure
from tests.flows.test_signatures import pki  # noqa: F401 (a test CA and an agency key, for signed results)

FEE_VND = 150_000
COPY_FEE_VND = 20_000


def with_fees(procedure):
    ProcedureFee.objects.create(
        procedure=procedure, label="Lệ phí cấp giấy", amount_vnd=FEE_VND, sort_order=0
    )
    ProcedureFee.objects.create(
        procedure=procedure, label="Phí bản sao", amount_vnd=COPY_FEE_VND, sort_order=1
    )
    return procedure


@pytest.fixture
def level4_procedure(procedure_index, agency):
    return with_fees(
        make_procedure(procedure_index, agency, code="2.000004", level=ServiceLevel.FULLY_ONLINE)
    )


@pytest.fixture
def level3_procedure(procedure_index, agency):
    return with_fees(
        make_procedure(procedure_index, agency, code="2.000003", level=ServiceLevel.PARTLY_ONLINE)
    )
