"""The cost of issue 22's trust features, as ratios measured in one run on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h22_bench \\
    REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/trust.py [--count 20000] [--accesses 200000]

The database is migrated and seeded (`seed_dossiers`) up to `--count` dossiers and `--accesses`
access records (a bench database is reused). Then it prints the median of `--runs` executions of:
- recording one access (`dossier_access_record`: one INSERT) against loading the dossier by its
  primary key, the query every dossier page already runs (target: the ratio stays near 1);
- the applicant's access list of a dossier with 1,000 accesses, in a table of `--accesses` rows,
  against the same primary-key load (target: a small constant, independent of the table size);
- the open data of a calendar year (`open_data_build`: a grain query per month and one for the
  year) against the statistics page's tables for that year (`dashboard_build`): what a cache miss
  of /api/v1/statistics/ costs next to /thong-ke/ (the API caches its answer for 15 minutes).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dashboard import manage, median_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--accesses", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=25)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL bench database.")
    manage("migrate", "--no-input")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from flows.access_log.models import AccessKind, DossierAccess
    from flows.access_log.selectors import dossier_accesses_for_applicant
    from flows.access_log.services import dossier_access_record
    from flows.calendar import VIETNAM_TZ
    from flows.models import Dossier
    from flows.statistics import dashboard_build, open_data_build, period_year
    from flows.statistics_views import PUBLIC_DIMENSIONS
    from services_catalog.models import Agency

    existing = Dossier.objects.count()
    if existing < options.count:
        manage("seed_dossiers", "--count", str(options.count - existing))
    agency = Agency.objects.order_by("pk").first()
    officer, _created = get_user_model().objects.get_or_create(
        username="bench.access", defaults={"full_name": "Trần Thị Bích Ngọc", "agency": agency}
    )
    dossier_ids = list(Dossier.objects.filter(is_draft=False).values_list("pk", flat=True))
    missing = options.accesses - DossierAccess.objects.count()
    if missing > 0:
        rows = [
            DossierAccess(
                dossier_id=dossier_ids[number % len(dossier_ids)],
                actor_id=officer.pk,
                actor_name=officer.full_name,
                role="reception",
                agency_id=agency.pk,
                agency_name=agency.name,
                kind=AccessKind.DOSSIER,
            )
            for number in range(missing)
        ]
        DossierAccess.objects.bulk_create(rows, batch_size=5000)
    busy = Dossier.objects.get(pk=dossier_ids[0])
    more = 1000 - DossierAccess.objects.filter(dossier=busy).count()
    for _ in range(max(0, more)):
        dossier_access_record(dossier=busy, user=officer, kind=AccessKind.DECLARATION)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def load_dossier():
        return Dossier.objects.select_related("procedure", "agency").get(pk=busy.pk)

    def record():
        dossier_access_record(dossier=busy, user=officer, kind=AccessKind.FILE, item="Tờ khai.pdf")

    def access_list():
        return dossier_accesses_for_applicant(dossier=busy)

    load_dossier()
    base = median_seconds(load_dossier, options.runs)
    print(f"dossiers: {Dossier.objects.count()}, access records: {DossierAccess.objects.count()}")
    print(f"load a dossier by pk: {base * 1000:.2f} ms")
    seconds = median_seconds(record, options.runs)
    print(f"record one access: {seconds * 1000:.2f} ms, ratio to the dossier load: {seconds / base:.2f}")
    seconds = median_seconds(access_list, options.runs)
    print(f"the applicant's list (200 of 1,000+): {seconds * 1000:.2f} ms, ratio: {seconds / base:.2f}")

    year = period_year(year=timezone.localdate(timezone=VIETNAM_TZ).year)
    runs = max(3, options.runs // 5)
    page = median_seconds(lambda: dashboard_build(period=year, dimensions=PUBLIC_DIMENSIONS), runs)
    api = median_seconds(lambda: open_data_build(period=year), runs)
    print(f"/thong-ke/ figures for {year.display()}: {page * 1000:.1f} ms")
    print(
        f"open data for the same year (cache miss): {api * 1000:.1f} ms, ratio to the page: {api / page:.2f}"
    )


if __name__ == "__main__":
    main()
