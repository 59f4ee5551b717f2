"""The deployment (docker-compose.yml and deploy/Caddyfile): a slow or short request body never
reaches a gunicorn worker, and the app trusts exactly the one proxy in front of it (issue 14).
There is no Docker engine where the tests run, so these read the files the deployment uses."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _service(name: str) -> str:
    """The text of one service of docker-compose.yml, up to the next service."""
    compose = (ROOT / "docker-compose.yml").read_text()
    services = compose.split("\nservices:\n", 1)[1]
    match = re.search(rf"^  {name}:\n(.*?)(?=^  [a-z]+:\n|^[a-z]|\Z)", services, re.M | re.S)
    assert match, f"no service {name!r} in docker-compose.yml"
    return match.group(1)


def test_gunicorn_is_reached_only_through_the_proxy():
    web = _service("web")
    assert "ports:" not in web  # no port on the host: only Caddy talks to gunicorn
    assert "8000" in web and "gunicorn" in web
    proxy = _service("proxy")
    assert re.search(r'"443:443"', proxy) and "deploy/Caddyfile" in proxy


def test_the_proxy_buffers_whole_requests_and_drops_slow_or_short_bodies():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert re.search(r"reverse_proxy web:8000 \{[^}]*request_buffers unlimited", caddyfile, re.S)
    assert re.search(r"read_body \d+s", caddyfile)
    assert re.search(r"read_header \d+s", caddyfile)


def test_the_app_trusts_exactly_the_one_proxy():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert 'TRUSTED_PROXY_COUNT: "1"' in compose


def test_backups_are_taken_daily_and_kept_to_a_number():
    backup = _service("backup")
    assert "deploy/backup.sh" in backup or "/deploy/backup.sh" in backup
    script = (ROOT / "deploy" / "backup.sh").read_text()
    assert "pg_dump" in script and "BACKUP_KEEP" in script
