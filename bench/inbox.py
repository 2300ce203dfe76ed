"""Staff inbox throughput as a ratio to /healthz/, with 1,000 and with 100,000 dossiers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_dossiers_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/inbox.py [--port 8106] [--seconds 8]

The database must be empty or a previous bench database: the script migrates it, seeds dossiers up
to 1,000, measures, seeds up to 100,000 and measures again, on one gunicorn server (loopback only,
bench/settings.py: production settings, static files without the manifest). For each size it prints
requests per second of /healthz/ and of the reception officer's inbox and queue, and their ratio;
then the 100k ratio over the 1k ratio (target: at least 0.75).
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
PAGES = {"healthz": "/healthz/", "inbox": "/xu-ly/dossier/inbox/", "queue": "/xu-ly/dossier/queue/"}
SIZES = (1_000, 100_000)
CLIENT_THREADS = 4


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def officer_session_cookie() -> str:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from flows.models import Dossier
    from portal.accounts.roles import ROLE_GROUP_NAMES, Role

    agency_id = Dossier.objects.values_list("agency_id", flat=True).first()
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(
        agency_id=agency_id, groups__name=ROLE_GROUP_NAMES[Role.RECEPTION], username__startswith="tiepnhan."
    )
    session = SessionStore()
    session[SESSION_KEY] = str(officer.pk)
    # The backend that signs people in (axes only guards): a session naming another is refused.
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def dossier_count() -> int:
    import django

    django.setup()
    from flows.models import Dossier

    return Dossier.objects.count()


def measure(base: str, path: str, cookie: str, seconds: float) -> float:
    """Requests per second over `seconds` with CLIENT_THREADS sequential clients."""
    request_headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
    done = [0] * CLIENT_THREADS
    deadline = time.perf_counter() + seconds

    def client(slot):
        while time.perf_counter() < deadline:
            request = urllib.request.Request(base + path, headers=request_headers)
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                # A refused session is redirected to the sign-in page: that is not the inbox.
                if response.status != 200 or not response.geturl().endswith(path):
                    raise RuntimeError(f"{path}: HTTP {response.status} at {response.geturl()}")
            done[slot] += 1

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(CLIENT_THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def wait_until_up(base: str):
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/healthz/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--seconds", type=float, default=8.0)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL, a database of your own) and REDIS_URL: see the docstring.")
    manage("migrate", "--no-input")
    manage("collectstatic", "--no-input")
    manage("compilemessages", "-l", "vi", "--ignore", ".venv")
    base = f"http://127.0.0.1:{options.port}"
    ratios = {}
    for size in SIZES:
        missing = size - dossier_count()
        if missing > 0:
            print(f"Seeding {missing} dossiers…", flush=True)
            manage("seed_dossiers", "--count", str(missing), "--seed", str(size))
        cookie = officer_session_cookie()
        server = subprocess.Popen(
            [
                shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{options.port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
        )
        try:
            wait_until_up(base)
            for path in PAGES.values():
                measure(base, path, cookie, 1.0)  # warm-up
            rps = {name: measure(base, path, cookie, options.seconds) for name, path in PAGES.items()}
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        ratios[size] = {name: rps[name] / rps["healthz"] for name in ("inbox", "queue")}
        print(
            f"{size:>7} dossiers: healthz {rps['healthz']:.0f}/s, inbox {rps['inbox']:.0f}/s "
            f"(ratio {ratios[size]['inbox']:.3f}), "
            f"queue {rps['queue']:.0f}/s (ratio {ratios[size]['queue']:.3f})",
            flush=True,
        )
    small, large = SIZES
    for name in ("inbox", "queue"):
        scale = ratios[large][name] / ratios[small][name]
        verdict = "OK" if scale >= 0.75 else "BELOW TARGET"
        print(f"{name}: ratio at {large:,} / ratio at {small:,} = {scale:.2f} (target ≥ 0.75) {verdict}")


if __name__ == "__main__":
    main()
