#!/usr/bin/env python3
"""Set up and run HWS Engage, or run its tests, on a machine that has only Python.

    python3 dev.py run     # set up, then web + Celery worker + beat, with demo data
    python3 dev.py test    # set up, then the whole test suite (extra arguments go to pytest)

This file runs on any Python 3.8+, finds a Python 3.12+ for the app itself, makes `.venv`
with it and installs the locked dependencies there (uv, from PyPI, reading uv.lock).
"""

import glob
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
UV_VERSION = "0.13.9"  # the same pin as the dev group in pyproject.toml
MINIMUM = (3, 12)


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def version_of(python: str):
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.strip().split(".")
    return int(major), int(minor)


def candidates():
    if os.environ.get("HWS_PYTHON"):
        yield os.environ["HWS_PYTHON"]
    yield sys.executable
    for minor in range(20, MINIMUM[1] - 1, -1):
        found = shutil.which(f"python3.{minor}")
        if found:
            yield found
    # pyenv keeps versions it has not selected out of PATH (its shims fail for them).
    pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    pattern = os.path.join(pyenv_root, "versions", "3.*", "bin", "python3")
    for path in sorted(glob.glob(pattern), reverse=True):
        yield path
    for prefix in ("/usr/local/bin", "/usr/bin", "/opt/homebrew/bin"):
        for minor in range(20, MINIMUM[1] - 1, -1):
            path = f"{prefix}/python3.{minor}"
            if os.path.exists(path):
                yield path


def find_python() -> str:
    seen = set()
    for python in candidates():
        if python in seen:
            continue
        seen.add(python)
        found = version_of(python)
        if found and found >= MINIMUM:
            return python
    sys.exit(
        "[dev.py] HWS Engage needs Python 3.12 or newer (Django 6.1 does), and none was found.\n"
        "  Install one, for example:  pyenv install 3.12   or   apt-get install python3.12\n"
        "  (or point HWS_PYTHON at it:  HWS_PYTHON=/path/to/python3.12 python3 dev.py run)"
    )


def run(cmd, **kwargs) -> None:
    result = subprocess.run(cmd, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    if VENV_PY.exists() and (version_of(str(VENV_PY)) or (0, 0)) < MINIMUM:
        say(".venv was made with an older Python; making it again.")
        shutil.rmtree(VENV)
    if not VENV_PY.exists():
        python = find_python()
        say(f"Making .venv with {python}")
        run([python, "-m", "venv", str(VENV)])
    uv = VENV / "bin" / "uv"
    if not uv.exists():
        say(f"Installing uv {UV_VERSION} into .venv")
        run([str(VENV_PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             f"uv=={UV_VERSION}"])
    say("Installing the locked dependencies (uv sync --frozen)")
    env = dict(os.environ, UV_PROJECT_ENVIRONMENT=str(VENV), UV_PYTHON=str(VENV_PY),
               UV_PYTHON_DOWNLOADS="never")
    run([str(uv), "sync", "--frozen", "--quiet"], env=env)
    make_var_folders()


def make_var_folders() -> None:
    """The local run's files live under var/: the SQLite database, logs, uploads, the cache and
    the Celery broker's folders (kombu's filesystem transport does not make them). Settings
    create nothing when imported, so they are made here."""
    for folder in ("log", "media", "cache", "celery-broker/queue", "celery-broker/processed",
                   "celery-broker/control"):
        (ROOT / "var" / folder).mkdir(parents=True, exist_ok=True)


def run_environment(environ) -> dict:
    """The environment of a local run: debug on, and the links in emails pointing at the
    address the app is served on (PORT), unless SITE_URL says otherwise."""
    env = dict(environ)
    env.setdefault("DEBUG", "1")
    env.setdefault("PORT", "8000")
    env.setdefault("SITE_URL", f"http://127.0.0.1:{env['PORT']}")
    return env


def cmd_run(args) -> None:
    setup()
    env = run_environment(os.environ)
    port = env["PORT"]
    say("Starting: migrations and demo data first, each only if not done yet")
    logs = ROOT / "var" / "log"
    celery = [str(VENV / "bin" / "celery"), "-A", "hws_engage"]
    with open(logs / "worker.log", "a") as worker_log, open(logs / "beat.log", "a") as beat_log:
        processes = [
            ("web", [str(VENV_PY), "manage.py", "run_local", f"127.0.0.1:{port}"], None),
            ("worker", [*celery, "worker", "--loglevel=INFO", "--concurrency=2"], worker_log),
            ("beat", [*celery, "beat", "--loglevel=INFO"], beat_log),
        ]
        supervise(env, port, processes)


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
    except urllib.error.HTTPError:
        return True  # any answer (a redirect to the sign-in page, an error page) will do
    except (urllib.error.URLError, OSError):
        return False
    return True


def supervise(env, port, processes) -> None:
    """Start the web process first; the worker and beat only once it answers, so on a machine
    with few cores they do not slow the page a person is waiting for."""
    started = []

    def start(name, cmd, log) -> None:
        started.append((name, subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT if log else None,
        )))

    (web, *others) = processes
    try:
        start(*web)
        while not answers(f"http://127.0.0.1:{port}/healthz"):
            if started[0][1].poll() is not None:
                break
            time.sleep(0.1)
        else:
            say(f"HWS Engage is running: http://127.0.0.1:{port}/  (Ctrl-C stops everything)")
            for process in others:
                start(*process)
            say("Celery worker and beat log to var/log/worker.log and var/log/beat.log; "
                "emails are printed there or below.")
        while all(p.poll() is None for _, p in started):
            time.sleep(1)
        for name, p in started:
            if p.poll() is not None:
                say(f"The {name} process stopped (exit {p.returncode}); stopping the others.")
    except KeyboardInterrupt:
        say("Stopping.")
    finally:
        for _, p in started:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for _, p in started:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def cmd_test(args) -> None:
    setup()
    result = subprocess.run([str(VENV_PY), "-m", "pytest", *args], cwd=ROOT)
    sys.exit(result.returncode)


def main() -> None:
    commands = {"run": cmd_run, "test": cmd_test, "setup": lambda args: setup()}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
