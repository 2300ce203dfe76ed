"""Throughput of the catalogue page as a ratio to /healthz/ on the same gunicorn server.

How to run (from the project root, with the venv made by `make install`; PostgreSQL and Redis up):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_catalog \\
    REDIS_URL=redis://127.0.0.1:6379/3 \\
    .venv/bin/python bench/catalogue.py --procedures 2000 --port 8103

It migrates the database, tops the catalogue up to `--procedures` procedures (seed_catalogue),
then, for each mode (page cache off, then on), starts gunicorn on 127.0.0.1 with production
settings (bench/settings.py), and alternates timed rounds of requests to /healthz/ and to the
catalogue (pages 1-5 and a few filter combinations), printing requests/s and the ratio.
Targets (issue 3): at least 0.08 without the page cache, at least 0.9 with it.
Add `--mode uncached` or `--mode cached` to measure one mode only. Not part of `make test`.
"""

import argparse
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_URLS = [
    "/thu-tuc-hanh-chinh/",
    "/thu-tuc-hanh-chinh/?page=2",
    "/thu-tuc-hanh-chinh/?page=3",
    "/thu-tuc-hanh-chinh/?page=4",
    "/thu-tuc-hanh-chinh/?page=5",
    "/thu-tuc-hanh-chinh/?sector=tu-phap",
    "/thu-tuc-hanh-chinh/?admin_level=xa&service_level=4",
    "/thu-tuc-hanh-chinh/?field=ho-tich&page=2",
]
HEALTH_URLS = ["/healthz/"]


# A returning visitor's browser sends the CSRF cookie it got with its first page (32 characters, as
# Django makes them); every request below, to /healthz/ and to the catalogue alike, carries it.
VISITOR_COOKIE = "csrftoken=" + "Bq7x" * 8


def _request(port: int, path: str) -> int:
    """One HTTP/1.0 GET over a fresh connection (gunicorn's sync workers close it anyway)."""
    request = (
        f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
        f"Accept-Language: vi\r\nCookie: {VISITOR_COOKIE}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head = b"".join(chunks)[:12]
    return int(head[9:12]) if head.startswith(b"HTTP/") else 0


def _client(args: tuple[int, list[str], float]) -> tuple[int, int]:
    port, paths, seconds = args
    done = failed = 0
    deadline = time.perf_counter() + seconds
    index = 0
    while time.perf_counter() < deadline:
        status = _request(port, paths[index % len(paths)])
        index += 1
        if status == 200:
            done += 1
        else:
            failed += 1
    return done, failed


def measure(pool, port: int, paths: list[str], seconds: float, clients: int) -> float:
    results = pool.map(_client, [(port, paths, seconds)] * clients)
    done = sum(result[0] for result in results)
    failed = sum(result[1] for result in results)
    if failed:
        raise SystemExit(f"{failed} requests to {paths[0]} did not answer 200: check the server log")
    return done / seconds


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def manage_json(env: dict, script: str):
    """What a `manage.py shell` script prints last, as JSON."""
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def prepare_database(env: dict, procedures: int) -> None:
    _manage(env, "migrate", "--no-input", "-v0")
    count_script = (
        "from services_catalog.models import ProcedurePage;"
        "print(ProcedurePage.objects.live().filter(is_retired=False).count())"
    )
    current = manage_json(env, count_script)
    if current < procedures:
        _manage(env, "seed_catalogue", "--count", str(procedures - current))
    elif current > procedures:
        print(f"note: the catalogue holds {current} procedures (more than {procedures})")


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if _request(port, "/healthz/") == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run_mode(args, env: dict, cached: bool) -> float:
    env = {**env, "CATALOGUE_PAGE_CACHE": "1" if cached else "0"}
    server = start_server(env, args.port, args.workers)
    try:
        with multiprocessing.Pool(args.clients) as pool:
            # Warm up: every URL once (fills the page cache when it is on), then a short burst.
            for path in CATALOGUE_URLS + HEALTH_URLS:
                _request(args.port, path)
            measure(pool, args.port, CATALOGUE_URLS, 1, args.clients)
            health = catalogue = 0.0
            for _round in range(args.rounds):
                health += measure(pool, args.port, HEALTH_URLS, args.seconds, args.clients)
                catalogue += measure(pool, args.port, CATALOGUE_URLS, args.seconds, args.clients)
        health /= args.rounds
        catalogue /= args.rounds
    finally:
        server.terminate()
        server.wait(timeout=30)
    ratio = catalogue / health
    label = "cached (page cache on)" if cached else "uncached (page cache off)"
    print(f"{label:<26} /healthz/ {health:8.1f} req/s   catalogue {catalogue:8.1f} req/s   ratio {ratio:.3f}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one timed round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mode", choices=("both", "uncached", "cached"), default="both")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to your PostgreSQL database (see the docstring).")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL to your Redis database (see the docstring).")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Persistent database connections, as a production deployment sets them.
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
        "PYTHONPATH": str(ROOT),
    }
    prepare_database(env, args.procedures)
    print(
        f"catalogue: {args.procedures} procedures; gunicorn: {args.workers} workers; {args.clients} clients"
    )
    if args.mode in ("both", "uncached"):
        run_mode(args, env, cached=False)
    if args.mode in ("both", "cached"):
        run_mode(args, env, cached=True)


if __name__ == "__main__":
    main()
