"""Demo for `make run`: the citizen `congdan` has a level 4 dossier to pay through the test gateway,
and a finished level 4 dossier whose result file can be downloaded. Idempotent."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from flows.choices import DossierStatus, EventKind, ResultReturnMethod
from flows.demo import DEMO_PDF, demo_dossier_submit
from flows.models import Dossier, DossierEvent, ResultFile, ResultReturn
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.models import DossierFee, Payment
from services_catalog.choices import ServiceLevel
from services_catalog.models import ProcedurePage

DEMO_MARK = "demo-payments"
DEMO_FEE_VND = 50_000


def _demo_dossier(*, procedure, citizen, role: str) -> Dossier:
    """A submitted level 4 dossier of the citizen; its document is a demo file (no upload to scan)."""
    dossier = demo_dossier_submit(
        procedure=procedure,
        applicant=citizen,
        declaration={"request": "Hồ sơ mẫu để thử thanh toán trực tuyến", "demo": f"{DEMO_MARK}:{role}"},
    )
    if not DossierFee.objects.filter(dossier=dossier).exists():
        # A procedure of the demo catalogue without fee items: give the demo something to pay.
        DossierFee.objects.create(dossier=dossier, label="Lệ phí (demo)", amount_vnd=DEMO_FEE_VND)
    return dossier


def _finish(dossier: Dossier) -> None:
    """Close the demo dossier as returned online, with a paid fee and a result file."""
    now = timezone.now()
    if dossier.process is not None and dossier.process.finished is None:
        from flows.flows import DossierFlow

        DossierFlow.instance.cancel(dossier.process)
    owed = sum(DossierFee.objects.filter(dossier=dossier).values_list("amount_vnd", flat=True))
    Payment.objects.create(
        dossier=dossier,
        method=PaymentMethod.COUNTER,
        status=PaymentStatus.PAID,
        amount_vnd=owed,
        paid_at=now,
        receipt_number="DEMO-0001",
    )
    result = ResultFile(
        dossier=dossier,
        original_name="ket-qua-giai-quyet.pdf",
        content_type="application/pdf",
        size=len(DEMO_PDF),
    )
    result.file.save("ket-qua-giai-quyet.pdf", ContentFile(DEMO_PDF), save=False)
    result.save()
    ResultReturn.objects.create(dossier=dossier, method=ResultReturnMethod.ONLINE, returned_at=now)
    for kind, status in (
        (EventKind.ACCEPTED, DossierStatus.RECEIVED),
        (EventKind.RESULT_READY, DossierStatus.DONE),
        (EventKind.RESULT_RETURNED, DossierStatus.RETURNED),
    ):
        DossierEvent.objects.create(
            dossier=dossier, kind=kind, at=now, from_status=dossier.status, to_status=status
        )
        dossier.status = status
    dossier.received_at = dossier.finished_at = dossier.returned_at = now
    dossier.save()


def seed(stdout) -> None:
    citizen = get_user_model().objects.filter(username="congdan").first()
    procedure = (
        ProcedurePage.objects.live()
        # One agency receives it (not each citizen's commune), so that its account can be shown.
        .filter(service_level=ServiceLevel.FULLY_ONLINE, is_retired=False, agency__isnull=False)
        .order_by("-fees__amount_vnd", "code")
        .first()
    )
    if citizen is None or procedure is None:
        stdout.write("Thanh toán demo: chưa có công dân congdan hoặc thủ tục mức độ 4, bỏ qua.\n")
        return
    existing = set(
        Dossier.objects.filter(applicant=citizen, declaration__demo__startswith=DEMO_MARK).values_list(
            "declaration__demo", flat=True
        )
    )
    with transaction.atomic():
        agency = procedure.agency
        if not agency.bank_account_number:
            # The published account for fee transfers (R-SUB-5); demo values, no real account.
            agency.bank_account_holder = agency.name
            agency.bank_account_number = "0000 1234 5678 (demo)"
            agency.bank_name = "Kho bạc Nhà nước (demo)"
            agency.save(update_fields=["bank_account_holder", "bank_account_number", "bank_name"])
        if f"{DEMO_MARK}:to-pay" not in existing:
            dossier = _demo_dossier(procedure=procedure, citizen=citizen, role="to-pay")
            stdout.write(f"Hồ sơ chờ thanh toán trực tuyến: {dossier.code}\n")
        if f"{DEMO_MARK}:finished" not in existing:
            dossier = _demo_dossier(procedure=procedure, citizen=citizen, role="finished")
            _finish(dossier)
            stdout.write(f"Hồ sơ đã có kết quả để tải về: {dossier.code}\n")
