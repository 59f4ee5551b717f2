"""Production mode refuses to start without a real secret key, a database and Redis, and
`check --deploy` is clean; settings create nothing on disk when imported; errors go to Sentry
when SENTRY_DSN is set; production logs are JSON lines."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-test-key-with-enough-length-and-variety-0123456789"


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "SECRET_KEY", "HWS_ENV", "ALLOWED_HOSTS", "DATABASE_URL",
                          "REDIS_URL", "SENTRY_DSN", "LOG_FORMAT", "DJANGO_ALLOW_ASYNC_UNSAFE",
                          "FIELD_ENCRYPTION_KEYS"}}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
        env={**clean, **env}, timeout=120,
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, **env)


# Production's servers, named only: nothing here connects to them.
SERVERS = {"DATABASE_URL": "postgres://hws:secret@db.example.org:5432/hws",
           "REDIS_URL": "redis://redis.example.org:6379/0"}
# The key that encrypts the platform access tokens (a Fernet key made for this test).
TOKEN_KEYS = {"FIELD_ENCRYPTION_KEYS": "q0uIvx1Z3q2Hn9f7x8o6X8mY1bZ4kPpXy3v2nq6Yw1Q="}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", HWS_ENV="production")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", HWS_ENV="production", SECRET_KEY=GOOD_KEY, DEBUG="1", **SERVERS)
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_refuses_to_start_without_a_key_for_the_stored_tokens():
    result = run_manage("check", HWS_ENV="production", SECRET_KEY=GOOD_KEY, **SERVERS)
    assert result.returncode != 0
    assert "Set FIELD_ENCRYPTION_KEYS" in result.stderr


def test_check_deploy_reports_no_issue_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", HWS_ENV="production",
                        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="engage.example.org", **SERVERS,
                        **TOKEN_KEYS)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_database_and_redis():
    neither = run_manage("check", HWS_ENV="production", SECRET_KEY=GOOD_KEY)
    assert neither.returncode != 0
    assert "Set DATABASE_URL and REDIS_URL in production" in neither.stderr
    no_redis = run_manage("check", HWS_ENV="production", SECRET_KEY=GOOD_KEY,
                          DATABASE_URL=SERVERS["DATABASE_URL"])
    assert no_redis.returncode != 0
    assert "Set REDIS_URL in production" in no_redis.stderr


IMPORT_WATCHING_THE_DISK = """
import os, pathlib
made = []
pathlib.Path.mkdir = lambda self, *a, **k: made.append(str(self))
os.makedirs = lambda path, *a, **k: made.append(str(path))
os.mkdir = lambda path, *a, **k: made.append(str(path))
import hws_engage.settings
print(made)
"""


def test_importing_the_settings_creates_nothing_on_disk():
    result = run_python("-c", IMPORT_WATCHING_THE_DISK)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_errors_go_to_sentry_when_a_dsn_is_set():
    show_dsn = ("import django; django.setup(); import sentry_sdk; "
                "print(sentry_sdk.get_client().dsn or 'none')")
    dsn = "https://public@errors.example.org/42"
    env = {"DJANGO_SETTINGS_MODULE": "hws_engage.settings"}
    assert run_python("-c", show_dsn, **env).stdout.strip() == "none"
    assert run_python("-c", show_dsn, SENTRY_DSN=dsn, **env).stdout.strip() == dsn


def test_production_logs_one_json_object_a_line():
    log = ("import django, logging; django.setup(); "
           "logging.getLogger('moderation').warning('Re-queued %d deliveries', 3, "
           "extra={'deliveries': [7, 9]})")
    result = run_python("-c", log, DJANGO_SETTINGS_MODULE="hws_engage.settings",
                        HWS_ENV="production", SECRET_KEY=GOOD_KEY, **SERVERS, **TOKEN_KEYS)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["level"] == "WARNING" and entry["logger"] == "moderation"
    assert entry["message"] == "Re-queued 3 deliveries"
    assert entry["deliveries"] == [7, 9]
