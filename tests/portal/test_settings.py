"""Production settings refuse to start half-configured, and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPLETE_ENV = {
    "SECRET_KEY": "k3J9-vQ2#pL8@zR5*wT1^nB7!mC4_xF6%hD0+sG2=yU8&eA5-Lq7$",
    "ALLOWED_HOSTS": "dichvucong.example.gov.vn",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args: str, **env_overrides: str | None) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process; a deployment never has it.
    env = {k: v for k, v in os.environ.items() if k not in COMPLETE_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(COMPLETE_ENV)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    # The timeout only stops a hang: collectstatic compresses every file and takes minutes on a busy machine.
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"])
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", **{missing: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_sqlite():
    result = run_manage("check", DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_private_files_are_outside_the_public_media_root(settings):
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"]).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert not private.is_relative_to(media)
    assert settings.STORAGES["private"]["OPTIONS"]["base_url"] is None


def test_vietnamese_is_the_default_language(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _ in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["vi", "en"]


def test_production_collectstatic_hashes_and_compresses_everything(tmp_path):
    # Viewflow's CSS refers to Roboto files it does not ship; the manifest storage must not stop on them.
    result = run_manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "viewflow/css/viewflow.min.css" in manifest
    assert list(tmp_path.glob("viewflow/css/viewflow.min.*.css.gz"))
