"""Demo dossiers for `make run`: a few dozen in every status, some for the demo citizen."""

from django.contrib.auth import get_user_model

from flows.models import Dossier, DossierRating
from flows.seeding import dossiers_seed
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.models import ProcedurePage

DEMO_DOSSIER_COUNT = 40


def seed(stdout) -> None:
    if Dossier.objects.exists():
        return
    if not ProcedurePage.objects.live().filter(service_level__in=ONLINE_SUBMISSION_LEVELS).exists():
        stdout.write("Hồ sơ demo: chưa có thủ tục mức độ 3-4 trong danh mục, bỏ qua.\n")
        return
    citizen = get_user_model().objects.filter(username="congdan").first()
    dossiers_seed(
        count=DEMO_DOSSIER_COUNT, stdout=stdout, rng_seed=2026, citizens=[citizen] if citizen else None
    )


STATISTICS_DOSSIER_COUNT = 600
RATING_COMMENTS = ["", "", "Cán bộ hướng dẫn tận tình.", "Trả kết quả sớm hơn hẹn.", "Thời gian chờ hơi lâu."]


def seed_statistics(stdout) -> None:
    """A year of dossiers and some ratings, so that the statistics pages show meaningful numbers."""
    import random

    from flows.choices import DossierStatus

    if DossierRating.objects.exists() or not Dossier.objects.exists():
        return
    dossiers_seed(count=STATISTICS_DOSSIER_COUNT, stdout=stdout, rng_seed=2027, span_days=365)
    rng = random.Random(2027)
    # The demo citizen's own dossiers stay unrated, so that rating can be tried.
    finished = Dossier.objects.filter(
        applicant__isnull=False, status__in=(DossierStatus.DONE, DossierStatus.RETURNED)
    ).exclude(applicant__username="congdan")
    ratings = [
        DossierRating(
            dossier=dossier,
            score=rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 15, 6, 4])[0],
            comment=rng.choice(RATING_COMMENTS),
            rated_at=dossier.finished_at or dossier.submitted_at,
        )
        for dossier in finished.only("pk", "finished_at", "submitted_at")
        if rng.random() < 0.4
    ]
    DossierRating.objects.bulk_create(ratings)
    stdout.write(f"Thống kê demo: {STATISTICS_DOSSIER_COUNT} hồ sơ trong một năm, {len(ratings)} đánh giá.\n")


DEMO_RECEPTION_OFFICER = "tiepnhan.stp"


def seed_access(stdout) -> None:
    """The demo reception officer opened the demo citizen's latest dossier at their agency and read
    its declaration, so that "Who opened my dossier" shows something on the citizen's page."""
    from flows.access_log.models import AccessKind, DossierAccess
    from flows.access_log.services import dossier_access_record
    from portal.accounts.roles import Role

    User = get_user_model()
    officer = User.objects.select_related("agency").filter(username=DEMO_RECEPTION_OFFICER).first()
    if officer is None or officer.agency_id is None:
        return
    dossier = (
        Dossier.objects.filter(applicant__username="congdan", agency_id=officer.agency_id, is_draft=False)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    if dossier is None or DossierAccess.objects.filter(dossier=dossier).exists():
        return
    for kind in (AccessKind.DOSSIER, AccessKind.DECLARATION):
        dossier_access_record(dossier=dossier, user=officer, kind=kind, role=Role.RECEPTION)
    stdout.write(
        f"Nhật ký truy cập demo: {officer.get_full_name()} đã mở hồ sơ {dossier.code} của công dân congdan.\n"
    )
