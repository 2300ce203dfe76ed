"""The province dashboard's query set, timed against one `SELECT count(*)` over the dossier table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_stats_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/dashboard.py [--count 1000000] [--runs 5]

The database is migrated and seeded (`seed_dossiers`) up to `--count` dossiers (seeding 1,000,000
takes a long while; a bench database is reused). Then, in one process and one run, it times the
median of `--runs` executions of:
- `SELECT count(*) FROM flows_dossier`;
- every query of the province dashboard (flows.statistics.dashboard_build for the current calendar
  year and for the current month: the tables per agency, field, level and procedure, the service
  figures, levels, ratings and agencies without online dossiers);
and prints each time and the ratio to the count (target: at most 3).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def median_seconds(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL bench database.")
    manage("migrate", "--no-input")

    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from flows.calendar import VIETNAM_TZ
    from flows.models import Dossier
    from flows.statistics import dashboard_build, period_month, period_year
    from flows.statistics_views import PROVINCE_DIMENSIONS

    existing = Dossier.objects.count()
    if existing < options.count:
        manage("seed_dossiers", "--count", str(options.count - existing))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def count():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM flows_dossier")
            return cursor.fetchone()[0]

    today = timezone.localdate(timezone=VIETNAM_TZ)
    periods = {
        "year": period_year(year=today.year),
        "month": period_month(year=today.year, month=today.month),
    }
    count()  # warm the cache
    count_time = median_seconds(count, options.runs)
    print(f"dossiers: {count()}")
    print(f"SELECT count(*): {count_time * 1000:.1f} ms")
    for name, period in periods.items():

        def dashboard(period=period):
            return dashboard_build(period=period, dimensions=PROVINCE_DIMENSIONS)

        dashboard()
        seconds = median_seconds(dashboard, options.runs)
        print(
            f"province dashboard, {name} {period.display()}: {seconds * 1000:.1f} ms, "
            f"ratio to count(*): {seconds / count_time:.2f} (target <= 3)"
        )


if __name__ == "__main__":
    main()
