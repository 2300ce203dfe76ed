"""Skip tests whose outside tool is missing on a developer's machine, but never in CI.

`.ci/run` runs with CI=true and installs every tool, so there a missing tool fails the run instead of
silently skipping the checks that need it.
"""

import os

import pytest


def require_tool(available: bool, reason: str) -> None:
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)
