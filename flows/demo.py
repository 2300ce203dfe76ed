"""Demo dossiers for `make run`: a few dozen in every status, some for the demo citizen."""

from django.contrib.auth import get_user_model

from flows.models import Dossier
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
