"""Search throughput at 10,000 procedures, as ratios to /healthz/ on the same server, in paired rounds.

Targets (issue 20): the search page at >= 0.05 and the API's free-text search at >= 0.10 of /healthz/.

Runs gunicorn on loopback against its own database (SQLite file in a temporary folder by default, or
--database-url postgres://…/wt_search_bench), fills it with N procedures through bulk inserts and the
search index's bulk path, then measures in rounds: in each round, every endpoint right after /healthz/
for the same time, so that both see the same machine load; it prints each round's ratios and their
median. The repeated queries are what the targets are about (a query people type again is served from
the kept outcome); "first time" sends queries never sent before in the run (each once), the cost of
a new query, reported without a target.

    .venv/bin/python bench/search.py                       # SQLite, 10,000 procedures
    REDIS_URL=redis://127.0.0.1:6379/13 .venv/bin/python bench/search.py \
        --database-url postgres://postgres@127.0.0.1:5432/wt_search_bench

The catalogue page (/thu-tuc-hanh-chinh/) is measured when it exists; otherwise the comparison is the
search page without a query, which lists all procedures with the same five facets (the catalogue view).
Not part of `make test`.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from itertools import cycle
from pathlib import Path
from urllib.parse import quote_plus

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SEARCH_QUERIES = [
    "dang ky khai sinh",
    "so do",
    "giay phep xay dung",
    "ket hon",
    "ly lich tu phap",
    "the bao hiem y te",
    "cap lai giay chung nhan",
    "thanh lap ho kinh doanh",
    "chung thuc ban sao",
    "dang ky",
    "lam giay khai sinh cho con",
    "sang ten so do",
]
SUGGEST_QUERIES = [
    "dang k",
    "so d",
    "giay phep x",
    "ket h",
    "ly lich",
    "the bao h",
    "thanh lap c",
    "chung th",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per endpoint and round")
    parser.add_argument("--max-requests", type=int, default=2_000, help="per endpoint and round")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"  # DEBUG off, loopback hosts allowed
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def fill_catalogue(count: int) -> None:
    """Create `count` live procedures with bulk inserts (no per-page save) and index them in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models.sql import InsertQuery
    from django.utils import timezone

    from wagtail.models import Locale, Page

    from search.services import pages_index
    from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, Sector
    from tests.search.catalogue import PROCEDURES, SECTOR_AGENCIES, slug_for

    call_command("migrate", verbosity=0)
    existing = ProcedurePage.objects.count()
    if existing >= count:
        print(f"database already holds {existing} procedures")
        return
    started = time.perf_counter()
    with transaction.atomic():
        root = Page.objects.get(depth=1).get_children().first()
        index = root.add_child(
            instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        )
        sectors, fields = {}, {}
        agencies = {}
        for order, (name, (agency_name, code)) in enumerate(SECTOR_AGENCIES.items()):
            sectors[name] = Sector.objects.get_or_create(name=name, slug=slug_for(name), sort_order=order)[0]
            agencies[name] = Agency.objects.get_or_create(name=agency_name, code=code, level="tinh")[0]
        communes = [
            Agency.objects.get_or_create(name=f"Ủy ban nhân dân xã số {n}", code=f"ubndxa{n}", level="xa")[0]
            for n in range(1, 101)
        ]
        districts = [
            Agency.objects.get_or_create(
                name=f"Ủy ban nhân dân huyện số {n}", code=f"ubndhuyen{n}", level="huyen"
            )[0]
            for n in range(1, 11)
        ]
        for sector_name, field_name, _level, _title in PROCEDURES:
            if field_name not in fields:
                fields[field_name] = Field.objects.get_or_create(
                    sector=sectors[sector_name], name=field_name, slug=slug_for(field_name)
                )[0]

        content_type = ContentType.objects.get_for_model(ProcedurePage)
        locale_id = Locale.get_default().pk
        now = timezone.now()
        pages, details = [], []
        for number in range(1, count + 1):
            sector_name, field_name, level, title = PROCEDURES[(number - 1) % len(PROCEDURES)]
            slug = f"tt-{number}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index.path, index.depth + 1, number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=locale_id,
                )
            )
            agency = {
                "tinh": agencies[sector_name],
                "huyen": districts[number % 10],
                "xa": communes[number % 100],
            }
            details.append(
                {
                    "code": f"2.{number:06d}",
                    "sector": sectors[sector_name],
                    "field": fields[field_name],
                    "agency": agency[level],
                    f"at_{ {'tinh': 'province', 'huyen': 'district', 'xa': 'commune'}[level] }_level": True,
                    "service_level": number % 4 + 1,
                    "processing_days": number % 20 + 1,
                }
            )
        Page.objects.bulk_create(pages, batch_size=500)
        ids_by_path = dict(
            Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).values_list("path", "pk")
        )
        procedures = [
            ProcedurePage(page_ptr_id=ids_by_path[page.path], **detail)
            for page, detail in zip(pages, details, strict=True)
        ]
        # Multi-table bulk_create is not supported by Django: insert the child rows directly.
        local_fields = ProcedurePage._meta.local_concrete_fields
        for start in range(0, len(procedures), 200):
            insert = InsertQuery(ProcedurePage)
            insert.insert_values(local_fields, procedures[start : start + 200])
            insert.get_compiler(connection=connection).execute_sql(returning_fields=None)
        Page.objects.filter(pk=index.pk).update(numchild=count)
    created = time.perf_counter()
    indexed = pages_index(page_ids=list(ids_by_path.values()))
    done = time.perf_counter()
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give a live database
        cursor.execute("ANALYZE")
    print(
        f"created {count} procedures in {created - started:.1f}s; indexed {indexed} in {done - created:.1f}s"
    )


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # loopback only
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return time.perf_counter() - started


def measure(
    base: str, sources: Iterator[str], *, duration: float, max_requests: int, concurrency: int
) -> dict:
    """Requests/s and latencies of `concurrency` threads fetching the next of `sources` for `duration` s."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker():
        while time.perf_counter() < deadline:
            with lock:
                path = next(sources, None)
                if path is None or len(latencies) + len(errors) >= max_requests:
                    return
            try:
                latency = fetch(base + path)
            except (urllib.error.URLError, RuntimeError, TimeoutError) as error:
                with lock:
                    errors.append(str(error))
                continue
            with lock:
                latencies.append(latency)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]}")
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "latencies": latencies,
    }


def first_time_queries(excluded: list[str]) -> list[str]:
    """Several hundred distinct queries as citizens type them (no diacritics, the first words of an
    official name, sometimes after a request verb), none of them among the repeated ones."""
    from search.text import words
    from tests.search.catalogue import PROCEDURES

    queries: dict[str, None] = {}
    for _sector, _field, _level, title in PROCEDURES:
        title_words = words(title)
        for length in range(2, min(len(title_words), 6) + 1):
            queries[" ".join(title_words[:length])] = None
            queries[" ".join(["xin", *title_words[1:length]])] = None
            queries[" ".join(title_words[length - 2 : length + 1])] = None
    return [query for query in queries if query not in excluded and len(query) > 3]


def paired_rounds(base: str, endpoints: dict[str, Iterator[str]], args) -> dict[str, dict]:
    """Each round measures /healthz/ and then each endpoint, and keeps the endpoint's ratio to it."""
    results = {name: {"ratios": [], "requests": 0, "seconds": 0.0, "latencies": []} for name in endpoints}
    options = {"duration": args.duration, "max_requests": args.max_requests, "concurrency": args.concurrency}
    healthz = cycle(["/healthz/"])
    for number in range(1, args.rounds + 1):
        cells = []
        for name, sources in endpoints.items():
            health = measure(base, healthz, **options)
            endpoint = measure(base, sources, **options)
            result = results[name]
            result["ratios"].append(endpoint["rps"] / health["rps"])
            result["requests"] += endpoint["requests"]
            result["latencies"].extend(endpoint["latencies"])
            cells.append(f"{name} {endpoint['rps']:.0f}/{health['rps']:.0f} = {result['ratios'][-1]:.3f}")
        print(f"round {number}: {load()}  " + "  ".join(cells), flush=True)
    return results


def load() -> str:
    return "load " + Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    setup_django(database_url)
    fill_catalogue(args.procedures)

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.search_settings", "DATABASE_URL": database_url}
    gunicorn = subprocess.Popen(
        [
            str(BASE_DIR / ".venv/bin/gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(60):
            try:
                fetch(base + "/healthz/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        try:
            fetch(base + "/thu-tuc-hanh-chinh/")
            catalogue_path, catalogue_label = "/thu-tuc-hanh-chinh/", "catalogue page /thu-tuc-hanh-chinh/"
        except (urllib.error.URLError, RuntimeError):
            catalogue_path, catalogue_label = "/tim-kiem/", "catalogue listing /tim-kiem/ (no query, facets)"
        repeated = {
            "catalogue": [catalogue_path],
            "search": [f"/tim-kiem/?q={quote_plus(query)}" for query in SEARCH_QUERIES],
            "search+facet": [f"/tim-kiem/?q={quote_plus(query)}&sector=tu-phap" for query in SEARCH_QUERIES],
            "suggestions": [f"/tim-kiem/goi-y/?q={quote_plus(query)}" for query in SUGGEST_QUERIES],
            "api": [f"/api/v1/procedures/?q={quote_plus(query)}" for query in SEARCH_QUERIES],
        }
        for paths in repeated.values():  # warm every worker's caches and connections
            for path in paths * args.workers * 2:
                fetch(base + path)
        fresh = first_time_queries(SEARCH_QUERIES + [query.strip() for query in SUGGEST_QUERIES])
        endpoints = {name: cycle(paths) for name, paths in repeated.items()}
        endpoints["search, first time"] = iter(f"/tim-kiem/?q={quote_plus(query)}" for query in fresh)
        started_load = load()
        results = paired_rounds(base, endpoints, args)
        finished_load = load()
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    backend = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"\n{args.procedures} procedures, {backend}, gunicorn {args.workers} workers, "
        f"{args.concurrency} client threads, {args.rounds} rounds of {args.duration:.0f}s per endpoint; "
        f"catalogue = {catalogue_label}; "
        f"{started_load} before, {finished_load} after; {len(fresh)} first-time queries available"
    )
    print(
        f"{'endpoint':<20}{'requests':>9}{'median ms':>11}{'p95 ms':>9}  ratio to /healthz/, median (min-max)"
    )
    for name, result in results.items():
        latencies = sorted(result["latencies"])
        ratios = result["ratios"]
        print(
            f"{name:<20}{result['requests']:>9}{statistics.median(latencies) * 1000:>11.1f}"
            f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:>9.1f}   "
            f"{statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f})"
        )
    print()
    for name, target in (("search", 0.05), ("api", 0.10)):
        ratio = statistics.median(results[name]["ratios"])
        print(f"target {name} >= {target} x healthz: {ratio:.3f} ({'met' if ratio >= target else 'NOT met'})")


if __name__ == "__main__":
    main()
