"""Real processes for the fault tests: a Redis server of their own on a free port, and real
`celery -A hws_engage worker` processes against it and the test database.

Every process runs in its own process group, so stopping one (even with kill -9) stops its
children too, and nothing is left behind when a test fails. Waits poll with a deadline.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import redis

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], *, timeout: float,
             what: str | Callable[[], str], every: float = 0.1):
    """Poll `condition` until it returns something true; fail naming `what` (a text, or a
    function that describes the state at the deadline)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout:g} s for {what() if callable(what) else what}")
        time.sleep(every)


def _die_with_parent() -> None:
    """In the child, before it runs: killed if the test run itself is killed (Linux), so no
    worker is left holding the test database open for the next run. Linux sends the signal
    when the *thread* that started the child ends: start these from the main thread."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


PR_SET_PDEATHSIG = 1


def spawn(command: list[str], log_path: Path, **popen) -> subprocess.Popen:
    """Start `command` in a process group of its own, its output appended to `log_path`."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            **popen,
        )


def stop_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Stop a process started by `spawn` and every process it started."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class RedisServer:
    """A throwaway Redis on one port: no snapshot, no append-only file, so stopping it loses
    every queued task, as a crashed or restarted Redis without persistence does."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.2).ping())
        except redis.RedisError:
            return False

    def start(self) -> "RedisServer":
        self.process = spawn(
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            self.folder / f"redis-{self.port}.log",
        )
        try:
            wait_for(self.answers, timeout=10, what=f"Redis to answer on port {self.port}")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """An outage: the server is killed, its queues are gone, the port refuses."""
        if self.process is not None:
            stop_group(self.process)
            self.process = None


class Worker:
    """`celery -A hws_engage worker` in a process of its own, with the project's settings,
    the given database and Redis (broker and cache)."""

    def __init__(self, folder: Path, database_url: str, redis_url: str, concurrency: int = 2):
        self.name = f"faults-{uuid.uuid4().hex[:8]}"
        self.log_path = folder / f"{self.name}.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "DJANGO_SETTINGS_MODULE": "hws_engage.settings",
            "PYTHONUNBUFFERED": "1",
        }
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self, *, wait: bool = True) -> "Worker":
        self.process = spawn(
            [sys.executable, "-m", "celery", "-A", "hws_engage", "worker",
             "--pool", "prefork", "--concurrency", str(self.concurrency),
             "--hostname", f"{self.name}@%h", "--loglevel", "INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            self.log_path, cwd=ROOT, env=self.env,
        )

        if not wait:
            return self

        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"The worker exited at start:\n{self.log()[-3000:]}")
            return " ready." in self.log()

        try:
            wait_for(ready, timeout=45,
                     what=lambda: f"the worker to start; its log:\n{self.log()[-3000:]}")
        except BaseException:
            self.kill()
            raise
        return self

    def exited(self) -> bool:
        return self.process is None or self.process.poll() is not None

    def kill(self) -> None:
        """kill -9, the worker and its pool processes at once."""
        if self.process is not None:
            stop_group(self.process, signal.SIGKILL)
            self.process = None


def database_url(settings_dict: dict) -> str:
    """The URL of the database Django is connected to (the test database, once created)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"
