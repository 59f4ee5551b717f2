"""Production mode refuses to start without a real secret key, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-test-key-with-enough-length-and-variety-0123456789"
ENCRYPTION_KEY = "q0uIvx1Z3q2Hn9f7x8o6X8mY1bZ4kPpXy3v2nq6Yw1Q="


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "SECRET_KEY", "HWS_ENV", "ALLOWED_HOSTS",
                          "DJANGO_ALLOW_ASYNC_UNSAFE", "FIELD_ENCRYPTION_KEYS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
        env={**clean, **env}, timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", HWS_ENV="production")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", HWS_ENV="production", SECRET_KEY=GOOD_KEY, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_refuses_to_start_without_a_key_for_the_stored_tokens():
    result = run_manage("check", HWS_ENV="production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "Set FIELD_ENCRYPTION_KEYS" in result.stderr


def test_check_deploy_reports_no_issue_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", HWS_ENV="production",
                        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="engage.example.org",
                        FIELD_ENCRYPTION_KEYS=ENCRYPTION_KEY)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
