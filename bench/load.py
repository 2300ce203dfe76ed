"""Bounded load test: 50 simulated users browse, search, look up and submit dossiers for 2 minutes.

How to run (from the project root, with the venv made by `make install`; PostgreSQL and Redis up,
Debian's clamav-daemon installed):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_sec \\
    REDIS_URL=redis://127.0.0.1:6379/7 \\
    .venv/bin/python bench/load.py --port 8107 --seconds 120

It migrates the database and loads the demo data (`seed_demo`, idempotent), creates the load-test
citizens, starts a private clamd (EICAR-only signatures, as the tests do) and gunicorn on 127.0.0.1
with production settings (bench/settings.py; bench/load_settings.py only lets the session and CSRF
cookies travel over the loopback's plain HTTP, where a TLS proxy would sit in production). Then
`--users` threads, each a visitor with its own cookies and a short think time, repeat a mix of
journeys: browse the catalogue (pages, filters), search, open a procedure page, look up a dossier by
code and secret, and, as a signed-in citizen, submit a dossier with one PDF per document.

It prints p50/p95/p99 latency per step, errors (5xx separately), throughput, and checks that no
submission was lost: every submission the client saw accepted is in the database, submitted, once,
with all its files on disk. Exit status 1 on a 5xx, a lost or duplicated submission.
Not part of `make test`. The client runs on the same machine as the server: figures are lower bounds.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.catalogue import ROOT, manage_json, start_server

PASSWORD = "tai-thu-nghiem-2026"  # load-test accounts in a benchmark database only
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SEARCH_TERMS = [
    "khai sinh",
    "ho tich",
    "đăng ký kết hôn",
    "giay phep xay dung",
    "dat dai",
    "chung thuc",
    "lý lịch",
]
CATALOGUE_QUERIES = ["", "?page=2", "?page=3", "?sector=tu-phap", "?service_level=4", "?admin_level=xa"]
# Share of each journey in the mix (out of 100).
MIX = [("catalogue", 35), ("search", 20), ("procedure", 20), ("lookup", 10), ("submit", 15)]

PREPARE = """
import json
from django.utils import timezone
from flows.models import Dossier
from portal.accounts.models import User
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.models import ProcedurePage
for number in range({users}):
    user, _ = User.objects.get_or_create(
        username=f"taithu{{number:03d}}",
        defaults={{"full_name": f"Người Tải Thử {{number}}", "email": f"taithu{{number:03d}}@example.vn"}},
    )
    user.set_password({password!r})
    user.is_active = True
    user.activated_at = user.activated_at or timezone.now()
    user.save()
pages = ProcedurePage.objects.live().filter(is_retired=False)
online = [p.code for p in pages.filter(service_level__in=ONLINE_SUBMISSION_LEVELS, agency__isnull=False)
          if p.documents.exists()]
print(json.dumps({{
    "procedures": [p.url for p in pages.order_by("?")[:300]],
    "online": online[:40],
    "lookups": list(Dossier.objects.filter(is_draft=False).exclude(lookup_secret="")
                    .values_list("code", "lookup_secret")[:100]),
}}))
"""

VERIFY = """
import json
from django.db.models import Count
from flows.models import Dossier
seen = json.load(open({path!r}))
problems = []
for item in seen:
    rows = Dossier.objects.filter(declaration__request=item["marker"])
    if rows.count() != 1:
        problems.append(f"{{item['marker']}}: {{rows.count()}} dossiers in the database")
        continue
    dossier = rows.annotate(n=Count("files")).get()
    if dossier.pk != item["pk"] or dossier.is_draft or dossier.n != item["files"]:
        problems.append(
            f"dossier {{dossier.pk}}: draft={{dossier.is_draft}} files={{dossier.n}}/{{item['files']}}"
        )
    for f in dossier.files.all():
        if not f.file.storage.exists(f.file.name) or f.file.size != f.size:
            problems.append(f"dossier {{dossier.pk}}: file {{f.file.name}} missing or truncated")
duplicates = (
    Dossier.objects.filter(declaration__request__startswith="Tải thử ")
    .values("declaration__request")
    .annotate(n=Count("pk"))
    .filter(n__gt=1)
    .count()
)
if duplicates:
    problems.append(f"{{duplicates}} submissions stored more than once")
print(json.dumps({{"checked": len(seen), "problems": problems}}))
"""


def start_clamd(root: Path) -> tuple[subprocess.Popen, str]:
    """A private clamd that knows only the EICAR test signature (offline), as tests/antivirus.py does."""
    binary = shutil.which("clamd") or "/usr/sbin/clamd"
    eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    database = root / "db"
    database.mkdir(parents=True)
    (database / "eicar.hdb").write_text(
        f"{hashlib.md5(eicar, usedforsecurity=False).hexdigest()}:{len(eicar)}:Eicar-Test-Signature\n"
    )
    socket_path = str(root / "clamd.sock")
    config = root / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket_path}\nDatabaseDirectory {database}\nForeground yes\n"
        f"LogFile {root / 'clamd.log'}\nTemporaryDirectory {root}\nMaxThreads 12\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(300):
        if Path(socket_path).exists():
            return process, socket_path
        if process.poll() is not None:
            raise SystemExit(f"clamd exited: {(root / 'clamd.log').read_text()}")
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("clamd did not start within 30 s")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.server_errors = 0
        self.examples: list[str] = []
        self.submissions: list[dict] = []

    def record(self, step: str, seconds: float, ok: bool, detail: str = "", status: int = 0):
        with self.lock:
            self.latency[step].append(seconds)
            if not ok:
                self.errors[step] += 1
                if status >= 500:
                    self.server_errors += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{step}: {detail}")


class Visitor:
    def __init__(self, number: int, base: str, data: dict, stats: Stats, deadline: float):
        self.number = number
        self.base = base
        self.data = data
        self.stats = stats
        self.deadline = deadline
        self.session = requests.Session()
        self.signed_in = False
        self.random = random.Random(number)

    def step(self, name: str, method: str, path: str, *, expect=(200,), **kwargs):
        started = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base + path, timeout=60, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            self.stats.record(name, time.perf_counter() - started, False, repr(error))
            return None
        elapsed = time.perf_counter() - started
        ok = response.status_code in expect
        self.stats.record(
            name, elapsed, ok, f"{method} {path} -> {response.status_code}", response.status_code
        )
        return response if ok else None

    def csrf(self, response) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
        return match.group(1) if match else ""

    def catalogue(self):
        self.step("catalogue", "GET", "/thu-tuc-hanh-chinh/" + self.random.choice(CATALOGUE_QUERIES))

    def search(self):
        self.step("search", "GET", "/tim-kiem/", params={"q": self.random.choice(SEARCH_TERMS)})

    def procedure(self):
        self.step("procedure page", "GET", self.random.choice(self.data["procedures"]))

    def lookup(self):
        mine = [(s["code"], s["secret"]) for s in self.stats.submissions[-50:]]
        code, secret = self.random.choice(mine or self.data["lookups"])
        response = self.step("look-up", "GET", "/tra-cuu-ho-so/", params={"code": code, "secret": secret})
        if response is not None and code not in response.text:
            self.stats.record("look-up", 0.0, False, f"{code} not shown")

    def sign_in(self) -> bool:
        page = self.step("sign-in form", "GET", "/dang-nhap/")
        if page is None:
            return False
        response = self.step(
            "sign in",
            "POST",
            "/dang-nhap/",
            expect=(302,),
            data={
                "csrfmiddlewaretoken": self.csrf(page),
                "username": f"taithu{self.number:03d}@example.vn",
                "password": PASSWORD,
            },
            headers={"Referer": self.base + "/dang-nhap/"},
        )
        self.signed_in = response is not None
        return self.signed_in

    def submit(self):
        if not self.signed_in and not self.sign_in():
            return
        code = self.random.choice(self.data["online"])
        form = self.step("submission form", "GET", f"/nop-ho-so/{code}/")
        if form is None:
            return
        fields = sorted(set(re.findall(r'name="(document_\d+)"', form.text)))
        marker = f"Tải thử {uuid.uuid4().hex}"
        files = {field: (f"ban-scan-{field}.pdf", PDF, "application/pdf") for field in fields}
        response = self.step(
            "submit dossier",
            "POST",
            f"/nop-ho-so/{code}/",
            expect=(302,),
            data={
                "csrfmiddlewaretoken": self.csrf(form),
                "applicant_name": f"Người Tải Thử {self.number}",
                "applicant_phone": "",
                "applicant_email": "",
                "address": "1 Đường Thử",
                "request": marker,
                "submit": "1",
            },
            files=files,
            headers={"Referer": self.base + f"/nop-ho-so/{code}/"},
        )
        if response is None:
            return
        location = response.headers.get("Location", "")
        match = re.search(r"/ho-so-cua-toi/(\d+)/$", location)
        if not match:
            self.stats.record("submit dossier", 0.0, False, f"redirected to {location} (not accepted)")
            return
        detail = self.step("dossier page", "GET", location)
        if detail is None:
            return
        dossier_code = re.search(r"<h1>[^<]*?([A-Z]+-\d{6}-\d{4})</h1>", detail.text)
        secret = re.search(r"<dd>([A-Z2-9]{8})</dd>", detail.text)
        with self.stats.lock:
            self.stats.submissions.append(
                {
                    "pk": int(match.group(1)),
                    "marker": marker,
                    "files": len(fields),
                    "code": dossier_code.group(1) if dossier_code else "",
                    "secret": secret.group(1) if secret else "",
                }
            )

    def run(self):
        journeys = [name for name, weight in MIX for _ in range(weight)]
        while time.perf_counter() < self.deadline:
            getattr(self, self.random.choice(journeys))()
            time.sleep(self.random.uniform(0.1, 0.6))  # think time


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--skip-seed", action="store_true", help="do not run migrate and seed_demo")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to your PostgreSQL database (see the docstring).")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL to your Redis database (see the docstring).")

    scratch = Path(tempfile.mkdtemp(prefix="portal-load-"))
    clamd, socket_path = start_clamd(scratch / "clamd")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
        "PRIVATE_MEDIA_ROOT": os.environ.get("PRIVATE_MEDIA_ROOT", str(scratch / "private")),
        "CLAMD_SOCKET": socket_path,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(ROOT),
    }
    server = None
    try:
        if not args.skip_seed:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
            )
            subprocess.run(
                [sys.executable, "manage.py", "seed_demo"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        data = manage_json(env, PREPARE.format(users=args.users, password=PASSWORD))
        if not data["online"] or not data["procedures"]:
            raise SystemExit("no procedures accepting online dossiers: is the demo data loaded?")
        server = start_server(env, args.port, args.workers)
        base = f"http://127.0.0.1:{args.port}"
        stats = Stats()
        deadline = time.perf_counter() + args.seconds
        visitors = [Visitor(n, base, data, stats, deadline) for n in range(args.users)]
        threads = [threading.Thread(target=v.run) for v in visitors]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
            time.sleep(0.02)  # a ramp of one second
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    seen_path = scratch / "seen.json"
    seen_path.write_text(json.dumps(stats.submissions))
    verdict = manage_json(env, VERIFY.format(path=str(seen_path)))
    clamd.terminate()
    clamd.wait(timeout=10)

    total = sum(len(v) for v in stats.latency.values())
    print(
        f"\n{args.users} users, {elapsed:.0f} s, gunicorn {args.workers} workers (client on the same machine)"
    )
    print(f"{'step':<18}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for step, values in sorted(stats.latency.items()):
        values = [v for v in values if v > 0] or [0.0]
        print(
            f"{step:<18}{len(values):>9}{stats.errors[step]:>8}{statistics.median(values) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{percentile(values, 0.99) * 1000:>9.0f}"
        )
    every = [v for values in stats.latency.values() for v in values if v > 0]
    print(
        f"{'all':<18}{total:>9}{sum(stats.errors.values()):>8}{statistics.median(every) * 1000:>9.0f}"
        f"{percentile(every, 0.95) * 1000:>9.0f}{percentile(every, 0.99) * 1000:>9.0f}"
    )
    print(f"throughput: {total / elapsed:.1f} requests/s; 5xx: {stats.server_errors}")
    print(
        f"submissions accepted: {len(stats.submissions)}; checked in the database: {verdict['checked']}; "
        f"lost, duplicated or incomplete: {len(verdict['problems'])}"
    )
    for line in stats.examples + verdict["problems"][:10]:
        print("  " + line)
    shutil.rmtree(scratch, ignore_errors=True)
    if stats.server_errors or verdict["problems"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
