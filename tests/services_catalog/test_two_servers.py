"""Two application servers behind one proxy: what is published through one is what the other serves.

Each process keeps the site, routes, menus, the catalogue's index and rendered fragments in memory
and the page cache lives in Redis; all of it is keyed by versions in Redis that a process re-reads
at most every second (portal.caching). So, one second after a change made through server A, every
anonymous visitor of server B must see it: here with two gunicorn servers (two workers each) on the
run's PostgreSQL and Redis, production settings, the page cache off and on. The site search and the
API's keyword search, which keep what a query found under the search version (search.engine),
follow publishing, renames and synonyms the same way.

Needs PostgreSQL and Redis (the CI's PostgreSQL lane): skipped with the reason elsewhere.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection

import pytest

from services_catalog.services import DocumentData, FeeData

ROOT = Path(__file__).resolve().parents[2]
# What portal.caching promises: a process re-reads the shared versions at most this often.
STALE_SECONDS = 1.0
FIRST_PORT = 8390

pytestmark = [pytest.mark.servers, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def postgres_and_redis():
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("two servers need PostgreSQL and Redis, as in production (DATABASE_URL, REDIS_URL)")


class Server:
    """A gunicorn server on loopback with production settings, reached as the proxy would (HTTPS)."""

    def __init__(self, *, port: int, page_cache: bool):
        self.port = port
        database = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CATALOGUE_PAGE_CACHE": "1" if page_cache else "0",
            "DATABASE_CONN_MAX_AGE": "600",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("CACHE_VERSION_RECHECK_SECONDS", None)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/healthz/")
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"gunicorn did not start on port {port}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def request(self, path: str, *, data: dict | None = None, cookies: dict | None = None):
        """(status, body, cookies set) of one request; redirects are not followed."""
        headers = {
            "X-Forwarded-Proto": "https",
            "Accept-Language": "vi",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
        }
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                status, content, header_cookies = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, content, header_cookies = error.code, error.read(), error.headers
        set_cookies = {}
        for header in header_cookies.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            set_cookies[name] = rest.split(";")[0]
        self.last_location = header_cookies.get("Location", "")
        return status, content.decode(), set_cookies

    def get(self, path: str) -> tuple[int, str]:
        status, body, _cookies = self.request(path)
        return status, body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _FormFields(HTMLParser):
    """The values a browser would submit from the form posting to `action` (buttons left out)."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


class Editor:
    """A superuser in the Wagtail admin of one server, submitting its forms as a browser would."""

    def __init__(self, server: Server, user):
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "portal.accounts.backends.PhoneEmailOrUsernameBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.server = server
        self.cookies = {settings.SESSION_COOKIE_NAME: session.session_key}

    def submit(self, path: str, changes: dict | None = None, *, button: str | None = None) -> None:
        status, html, set_cookies = self.server.request(path, cookies=self.cookies)
        assert status == 200, (path, status, self.server.last_location)
        self.cookies.update(set_cookies)
        parser = _FormFields(action=path)
        parser.feed(html)
        assert parser.fields, f"no form posting to {path}"
        fields = [(name, value) for name, value in parser.fields if name not in (changes or {})]
        fields.extend((changes or {}).items())
        if button:
            fields.append((button, button))
        status, html, set_cookies = self.server.request(path, data=fields, cookies=self.cookies)
        self.cookies.update(set_cookies)
        assert status == 302, (path, status, html[:3000])


@pytest.fixture
def procedure(make_procedure, taxonomy):
    return make_procedure(
        title="Đăng ký kết hôn có yếu tố nước ngoài",
        code="2.000528",
        fees=[FeeData(label="Lệ phí đăng ký", amount_vnd=1_500_000)],
        documents=[DocumentData(name="Tờ khai đăng ký kết hôn\ntheo mẫu")],
        rich_text={"steps": "<p>Nộp hồ sơ tại Sở Tư pháp.</p>"},
    )


def _served_everywhere(server: Server, path: str, check, *, requests: int = 6) -> None:
    """Every one of `requests` anonymous requests (spread over the server's workers) passes `check`."""
    for _ in range(requests):
        status, html = server.get(path)
        assert check(status, html), (path, status, html[:2000])


def _one_second_later() -> None:
    """The change was committed before its response came back: from now on, within the promise."""
    time.sleep(STALE_SECONDS)


@pytest.mark.parametrize("page_cache", [False, True], ids=["page cache off", "page cache on"])
def test_a_change_through_one_server_is_served_by_the_other_within_a_second(
    postgres_and_redis, procedure, taxonomy, catalogue, admin_user, page_cache
):
    port = FIRST_PORT + (2 if page_cache else 0)
    server_a = Server(port=port, page_cache=page_cache)
    try:
        server_b = Server(port=port + 1, page_cache=page_cache)
    except RuntimeError:
        server_a.stop()
        raise
    try:
        editor = Editor(server_a, admin_user)
        page_url, catalogue_url = procedure.url, catalogue.url
        old_title = procedure.title

        searches = (
            "/tim-kiem/?q=ket+hon+yeu+to+nuoc+ngoai",
            "/api/v1/procedures/?q=ket+hon+yeu+to+nuoc+ngoai",
        )

        # B has served (and kept) the page, the listing and the searches before each change.
        _served_everywhere(server_b, page_url, lambda status, html: status == 200 and old_title in html)
        for path in (catalogue_url, *searches):
            _served_everywhere(server_b, path, lambda status, html: old_title in html)

        editor.submit(f"/admin/pages/{procedure.pk}/unpublish/")
        _one_second_later()
        _served_everywhere(server_b, page_url, lambda status, html: status == 404)
        for path in (catalogue_url, *searches):
            _served_everywhere(server_b, path, lambda status, html: status == 200 and old_title not in html)

        new_title = "Đăng ký kết hôn có yếu tố nước ngoài (sửa đổi 2026)"
        editor.submit(f"/admin/pages/{procedure.pk}/edit/", {"title": new_title}, button="action-publish")
        _one_second_later()
        _served_everywhere(server_b, page_url, lambda status, html: status == 200 and new_title in html)
        for path in (catalogue_url, *searches):
            _served_everywhere(server_b, path, lambda status, html: new_title in html)

        field = taxonomy["civil_status"]
        editor.submit(f"/admin/services_catalog/field/edit/{field.pk}/", {"name": "Hộ tịch và quốc tịch"})
        _one_second_later()
        for path in (page_url, catalogue_url, *searches):
            _served_everywhere(server_b, path, lambda status, html: "Hộ tịch và quốc tịch" in html)

        # An everyday phrase finds nothing until an editor makes it a synonym through server A.
        everyday = ("/tim-kiem/?q=lay+chong+tay", "/api/v1/procedures/?q=lay+chong+tay")
        for path in everyday:
            _served_everywhere(server_b, path, lambda status, html: status == 200 and new_title not in html)
        editor.submit(
            "/admin/search/synonym/create/",
            {"phrase": "lấy chồng tây", "official_term": "kết hôn có yếu tố nước ngoài"},
        )
        _one_second_later()
        for path in everyday:
            _served_everywhere(server_b, path, lambda status, html: new_title in html)

        incident = "Gián đoạn thanh toán trực tuyến do bảo trì cổng VNPay"
        editor.submit(
            "/admin/home/incidentnotice/create/",
            {"title": incident, "guidance": "Vui lòng nộp phí tại Bộ phận một cửa."},
        )
        _one_second_later()
        for path in (page_url, catalogue_url, "/"):
            _served_everywhere(server_b, path, lambda status, html: status == 200 and incident in html)
    finally:
        server_a.stop()
        server_b.stop()
