"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium on the machine these tests are skipped with the reason, except in CI (see
tests/tooling.py), where a missing browser is a failure.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.tooling import require_tool

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls come from
# another thread, so Django's async-safety guard would refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    require_tool(chromium is not None, "Chromium is not installed (bin/install-system-packages test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, database_snapshot):
    from django.db import connection

    from wagtail.models import Site

    # Browser tests are transactional: the database is flushed after each one, and serialized rollback
    # restores the snapshot, which Django keeps on the connection wrapper. Once the live server and
    # Playwright run, the wrapper in use is another one (connections live in context-local storage),
    # so the snapshot is handed over here.
    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = database_snapshot
        if not Site.objects.exists():  # flushed by an earlier test before the hand-over
            connection.creation.deserialize_db_from_string(database_snapshot)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Generous: CI machines are shared and slow; a failing wait still fails.
    page.set_default_timeout(30_000)
    page.base_url = live_server.url
    yield page
    context.close()


def save_screenshot(page, name: str) -> Path:
    """Keep a picture of a key page as a CI artefact under build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page and return its violations."""
    require_tool(AXE_SCRIPT.exists(), "axe-core is not installed (npm ci)")
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)
