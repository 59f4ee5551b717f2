"""How long `python3 dev.py run` takes until GET / answers, on a first start (empty database)
and on a second start (everything already there), against a bare baseline measured in the
same run: `manage.py runserver` alone on the same, already prepared database.

    python3 bench/start_bench.py [--port 8765] [--runs 2]

Uses a throwaway SQLite file (DATABASE_URL) so the project's own var/hws_engage.sqlite3 is
left alone; the broker and the cache are the local defaults under var/.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PY = ROOT / ".venv" / "bin" / "python"


def answered(url: str) -> bool:
    request = urllib.request.Request(url)
    try:
        urllib.request.urlopen(request, timeout=2)  # noqa: S310 - our own local server
    except urllib.error.HTTPError:
        return True  # a 302 to the login page or a 403 is an answer
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
    return True


def time_until_answer(cmd: list[str], env: dict, port: int, timeout: float = 180) -> float:
    """Start cmd in its own process group, time until GET / answers, then stop it all."""
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while not answered(url):
            if process.poll() is not None:
                sys.exit(f"{cmd} stopped (exit {process.returncode}) before answering")
            if time.perf_counter() - started > timeout:
                sys.exit(f"{cmd} did not answer within {timeout:.0f} s")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=2, help="second starts and bare starts")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="hws-start-bench-"))
    env = dict(os.environ, PORT=str(args.port), DEBUG="1",
               DATABASE_URL=f"sqlite:///{scratch / 'start.sqlite3'}",
               MEDIA_ROOT=str(scratch / "media"))
    env.pop("REDIS_URL", None)
    dev_run = [sys.executable, "dev.py", "run"]
    bare = [str(VENV_PY), "manage.py", "runserver", f"127.0.0.1:{args.port}"]

    first = time_until_answer(dev_run, env, args.port)
    second, baseline = [], []
    for _ in range(args.runs):
        second.append(time_until_answer(dev_run, env, args.port))
        baseline.append(time_until_answer(bare, env, args.port))
    bare_s = statistics.median(baseline)
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"{'start':<44} {'s':>7} {'x bare':>7}")
    print(f"{'bare: manage.py runserver (prepared db)':<44} {bare_s:>7.2f} {1:>7.2f}")
    print(f"{'dev.py run, first start (empty db)':<44} {first:>7.2f} {first / bare_s:>7.2f}")
    for n, s in enumerate(second, 1):
        label = f"dev.py run, second start (run {n})"
        print(f"{label:<44} {s:>7.2f} {s / bare_s:>7.2f}")
    for path in sorted(scratch.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    scratch.rmdir()


if __name__ == "__main__":
    main()
