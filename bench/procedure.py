"""Throughput of a procedure's page as a ratio to /healthz/ on the same gunicorn server.

How to run (from the project root, with the venv made by `make install`; PostgreSQL and Redis up):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_procedure \\
    REDIS_URL=redis://127.0.0.1:6379/3 \\
    .venv/bin/python bench/procedure.py --procedures 2000 --port 8105

As bench/catalogue.py (whose helpers it uses): it migrates the database, tops the catalogue up to
`--procedures` procedures, starts gunicorn with production settings (bench/settings.py) and the page
cache off, then alternates timed rounds of requests to /healthz/ and to the pages of fifty
procedures spread over the catalogue, printing requests/s and the ratio of each round and of all.
Target (issue 20): at least 0.12 without the page cache. `--mode cached` measures with it on.
Not part of `make test`.
"""

import argparse
import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.catalogue import HEALTH_URLS, _request, manage_json, measure, prepare_database, start_server

PROCEDURES_MEASURED = 50
TARGET_UNCACHED = 0.12


def procedure_urls(env: dict, count: int) -> list[str]:
    """The paths of `count` published procedures spread evenly over the catalogue's title order."""
    script = (
        "import json;"
        "from services_catalog.selectors import published_procedures;"
        "pages=list(published_procedures().only('url_path'));"
        f"step=max(len(pages)//{count},1);"
        f"print(json.dumps([p.get_url_parts()[2] for p in pages[::step]][:{count}]))"
    )
    return manage_json(env, script)


def run_mode(args, env: dict, urls: list[str], cached: bool) -> list[float]:
    env = {**env, "CATALOGUE_PAGE_CACHE": "1" if cached else "0"}
    server = start_server(env, args.port, args.workers)
    ratios = []
    try:
        with multiprocessing.Pool(args.clients) as pool:
            # Warm up: each page once (what is kept per process and per generation), then a burst.
            for path in urls + HEALTH_URLS:
                if _request(args.port, path) != 200:
                    raise SystemExit(f"{path} did not answer 200: check the server log")
            measure(pool, args.port, urls, 1, args.clients)
            label = "cached (page cache on)" if cached else "uncached (page cache off)"
            totals = [0.0, 0.0]
            for number in range(1, args.rounds + 1):
                health = measure(pool, args.port, HEALTH_URLS, args.seconds, args.clients)
                procedure = measure(pool, args.port, urls, args.seconds, args.clients)
                totals[0] += health
                totals[1] += procedure
                ratios.append(procedure / health)
                print(
                    f"{label:<26} round {number}: /healthz/ {health:8.1f} req/s   "
                    f"procedure {procedure:8.1f} req/s   ratio {procedure / health:.3f}",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    ratio = totals[1] / totals[0]
    verdict = ""
    if not cached:
        verdict = "OK" if ratio >= TARGET_UNCACHED else "BELOW TARGET"
        verdict = f"(target ≥ {TARGET_UNCACHED}) {verdict}"
    print(f"{label:<26} all rounds: ratio {ratio:.3f} {verdict}", flush=True)
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one timed round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mode", choices=("both", "uncached", "cached"), default="uncached")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to your PostgreSQL database (see the docstring).")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL to your Redis database (see the docstring).")
    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
        "PYTHONPATH": str(root),
    }
    prepare_database(env, args.procedures)
    urls = procedure_urls(env, PROCEDURES_MEASURED)
    print(
        f"catalogue: {args.procedures} procedures, {len(urls)} procedure pages measured; "
        f"gunicorn: {args.workers} workers; {args.clients} clients; load: {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    if args.mode in ("both", "uncached"):
        run_mode(args, env, urls, cached=False)
    if args.mode in ("both", "cached"):
        run_mode(args, env, urls, cached=True)
    print(f"load average after the run: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
