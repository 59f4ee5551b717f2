"""Deliveries through a broker outage: 2,000 signed webhook deliveries sent to gunicorn while
Redis (the broker) is stopped for 30 s in the middle, with a real Celery worker and beat, as
docker-compose.yml runs them (gunicorn 3 workers, worker concurrency 2, one beat).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_i14f_bench \\
        .venv/bin/python bench/outage_bench.py [--deliveries 2000] [--outage 30] [--rate 40]

PostgreSQL only (the web server, worker, beat and this script share the database); the
database is created and migrated if it is not there, and each run adds a channel of its own.
Redis is a redis-server of the bench's own on a free port (no snapshot: stopping it loses the
tasks it held, as a Redis restarted without persistence does).

First a baseline: `--baseline` deliveries at the same rate with the broker up, which says how
long a comment takes to reach the queue when nothing is wrong. Then the outage run. Prints how
many were accepted, stored, stored twice, how long the answers took (while the broker was up
and while it was down), and the latest time from the broker's return to a comment reaching
the queue (target: within a minute, none twice).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.support import (  # noqa: E402 - after the path is set
    RedisServer,
    Worker,
    free_port,
    spawn,
    stop_group,
    wait_for,
)

TEXTS = [
    "Thank you for the report on GP waiting times, really useful.",
    "My mum lives at 14 Mulgrave Road, SM2 6LP, ring me on 07700 900077.",
    "You lot are useless idiots, absolute waste of money",
    "The new St Helier parking is a shambles, nobody answers the phone.",
    "Great to see Healthwatch at the Sutton library event on Saturday!",
]


def ensure_database(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    conn = psycopg2.connect(maintenance)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cur.fetchone():
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    conn.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Sender:
    """Sends deliveries of one comment each on a fixed schedule (open loop: a slow answer
    does not slow the schedule, as Meta's retries and visitors do not wait for us)."""

    def __init__(self, base_url: str, channel_id: int, secret: str, threads: int):
        from moderation.intake.webhooks import signature_for

        self.sign = signature_for
        self.url = f"{base_url}/webhooks/channels/{channel_id}/"
        self.secret = secret
        self.pool = ThreadPoolExecutor(max_workers=threads)
        self.local = threading.local()

    def _client(self) -> httpx.Client:
        if not hasattr(self.local, "client"):
            self.local.client = httpx.Client(timeout=30)
        return self.local.client

    def _send(self, comment_id: str, n: int, due: float) -> dict:
        comment = {"id": comment_id, "author_id": f"a-{n % 97}", "author_name": f"Visitor {n % 97}",
                   "text": TEXTS[n % len(TEXTS)], "posted_at": "2026-11-30T10:00:00Z"}
        body = json.dumps(comment).encode()
        try:
            response = self._client().post(self.url, content=body, headers={
                "Content-Type": "application/json",
                "X-HWS-Signature": self.sign(self.secret, body),
            })
            status = response.status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        # Timed from when it was due: a request that waits for a free sender here would wait
        # in gunicorn's backlog, holding the platform's connection, as much.
        return {"id": comment_id, "status": status, "due": due, "seconds": time.time() - due}

    def run(self, prefix: str, count: int, rate: float) -> list[dict]:
        start = time.time()
        futures = []
        for n in range(count):
            due = start + n / rate
            while (pause := due - time.time()) > 0:
                time.sleep(min(pause, 0.05))
            futures.append(self.pool.submit(self._send, f"{prefix}-{n}", n, due))
        return [f.result() for f in futures]


def spread(values: list[float], places: int = 3) -> str:
    return (f"median {statistics.median(values):.{places}f} s, "
            f"p95 {percentile(values, 0.95):.{places}f} s, max {max(values):.{places}f} s")


def stored_times(channel_id: int, prefix: str) -> dict[str, tuple[datetime, datetime, int]]:
    """platform id -> (received_at, screened_at, how many items) for this run's comments."""
    from django.db.models import Count, Max, Min

    from moderation.models import Item

    rows = (Item.objects.filter(channel_id=channel_id, platform_item_id__startswith=f"{prefix}-")
            .values("platform_item_id")
            .annotate(received=Min("received_at"), stored=Max("screened_at"), n=Count("id")))
    return {r["platform_item_id"]: (r["received"], r["stored"], r["n"]) for r in rows}


def wait_stored(channel_id: int, prefix: str, accepted: set[str], timeout: float,
                meanwhile) -> float:
    started = time.time()
    while time.time() - started < timeout:
        if accepted <= set(stored_times(channel_id, prefix)):
            break
        meanwhile()
        time.sleep(0.5)
    return time.time() - started


def report_phase(name: str, results: list[dict], channel_id: int, prefix: str,
                 outage: tuple[float, float] | None) -> None:
    from moderation.models import WebhookDelivery

    accepted = {r["id"] for r in results if r["status"] == 202}
    other = [r for r in results if r["status"] != 202]
    stored = stored_times(channel_id, prefix)
    doubles = sum(1 for _, _, n in stored.values() if n > 1)
    lags = [(s - r).total_seconds() for r, s, _ in stored.values()]
    print(f"\n== {name}")
    print(f"sent {len(results)}, accepted (202) {len(accepted)}, not accepted {len(other)}"
          + (f" {sorted({str(r['status']) for r in other})}" if other else ""))
    print(f"stored {len(stored)} (accepted and stored {len(accepted & set(stored))}, "
          f"accepted but missing {len(accepted - set(stored))}, stored without a 202 "
          f"{len(set(stored) - accepted)}), stored twice {doubles}")
    waiting = WebhookDelivery.objects.filter(channel_id=channel_id, processed_at__isnull=True,
                                             failed_at__isnull=True).count()
    failed = WebhookDelivery.objects.filter(channel_id=channel_id,
                                            failed_at__isnull=False).count()
    print(f"deliveries still waiting {waiting}, failed {failed}")
    print(f"arrival to queue: {spread(lags, 2)}")
    due_up = [r["seconds"] for r in results
              if not outage or not (outage[0] <= r["due"] <= outage[1])]
    print(f"answer time from when it was due, broker up: {spread(due_up)} "
          f"({len(due_up)} requests)")
    if outage:
        down = [r for r in results if outage[0] <= r["due"] <= outage[1]]
        if down:
            print(f"answer time from when it was due, broker down: "
                  f"{spread([r['seconds'] for r in down])} ({len(down)} requests, "
                  f"{sum(r['status'] == 202 for r in down)} answered 202)")
        returned = outage[1]
        during = WebhookDelivery.objects.filter(
            channel_id=channel_id, received_at__gte=datetime.fromtimestamp(outage[0], UTC),
            received_at__lte=datetime.fromtimestamp(returned, UTC)).count()
        print(f"deliveries received while the broker was down (no task): {during}")
        late = [s.timestamp() - returned for _, s, _ in stored.values()]
        outage_items = [s.timestamp() - returned for r, s, _ in stored.values()
                        if r.timestamp() <= returned]
        print(f"broker down {outage[1] - outage[0]:.1f} s; from its return to the last comment "
              f"in the queue: {max(late):.1f} s (of the comments received before its return: "
              f"{max(outage_items, default=float('nan')):.1f} s)")
        met = (max(late) <= 60 and not doubles and not (accepted - set(stored))
               and not waiting)
        print(f"target (every accepted comment in the queue within 60 s of the broker's "
              f"return, none twice): {'met' if met else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--rate", type=float, default=40, help="deliveries per second")
    parser.add_argument("--outage", type=float, default=30, help="seconds the broker is down")
    parser.add_argument("--threads", type=int, default=64, help="concurrent senders")
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--wait", type=float, default=300,
                        help="seconds to wait for the last comment after the last send")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database you can spare, e.g. "
                 "postgres://postgres@127.0.0.1:5432/hws_i14f_bench")
    ensure_database(url)
    scratch = Path(tempfile.mkdtemp(prefix="hws-outage-bench-"))
    redis_server = RedisServer(scratch).start()
    os.environ.update({"REDIS_URL": redis_server.url, "DEBUG": "0",
                       "DJANGO_SETTINGS_MODULE": "hws_engage.settings",
                       "CELERY_TASK_ALWAYS_EAGER": "0"})
    env = dict(os.environ)
    processes = []
    worker = None
    try:
        migrate = spawn([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                        scratch / "migrate.log", cwd=ROOT, env=env)
        if migrate.wait() != 0:
            sys.exit((scratch / "migrate.log").read_text())

        import django

        django.setup()
        from moderation.models import Channel

        channel = Channel.objects.create(platform="website",
                                         name=f"Outage bench {uuid.uuid4().hex[:6]}")
        port = free_port()
        processes.append(spawn(
            [sys.executable, "-m", "gunicorn", "hws_engage.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", str(args.web_workers), "--timeout", "30"],
            scratch / "gunicorn.log", cwd=ROOT, env=env))
        processes.append(spawn(
            [sys.executable, "-m", "celery", "-A", "hws_engage", "beat", "--loglevel", "INFO",
             "--schedule", str(scratch / "beat-schedule")],
            scratch / "beat.log", cwd=ROOT, env=env))
        worker = Worker(scratch, url, redis_server.url, concurrency=args.concurrency).start()
        restarts: list[float] = []

        def supervise() -> None:
            # docker-compose's `restart: unless-stopped`: a worker that exits is started again
            # (kombu 5.7 can exit when Redis drops while a task is unacknowledged). Every
            # process is started from this thread: a child dies with the thread that made it.
            nonlocal worker
            if worker.exited():
                restarts.append(time.time())
                worker = Worker(scratch, url, redis_server.url,
                                concurrency=args.concurrency).start(wait=False)

        def pause_until(moment: float) -> None:
            while (left := moment - time.time()) > 0:
                supervise()
                time.sleep(min(left, 0.5))

        base = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            try:
                return httpx.get(f"{base}/healthz", timeout=2).status_code < 500
            except httpx.HTTPError:
                return False

        wait_for(answers, timeout=60, what="gunicorn to answer")
        print(f"logs in {scratch}")
        sender = Sender(base, channel.pk, channel.webhook_secret, args.threads)

        run = uuid.uuid4().hex[:6]
        baseline_prefix = f"base-{run}"
        results = sender.run(baseline_prefix, args.baseline, args.rate)
        accepted = {r["id"] for r in results if r["status"] == 202}
        wait_stored(channel.pk, baseline_prefix, accepted, args.wait, supervise)
        report_phase(f"baseline: {args.baseline} deliveries at {args.rate:g}/s, broker up",
                     results, channel.pk, baseline_prefix, None)

        duration = args.deliveries / args.rate
        begins = max(0.0, (duration - args.outage) / 2)
        prefix = f"outage-{run}"
        sent: list[list[dict]] = []
        sending = threading.Thread(
            target=lambda: sent.append(sender.run(prefix, args.deliveries, args.rate)))
        started = time.time()
        sending.start()
        pause_until(started + begins)
        outage = [time.time()]
        redis_server.stop()
        pause_until(outage[0] + args.outage)
        redis_server.start()
        outage.append(time.time())
        while sending.is_alive():
            pause_until(time.time() + 0.5)
        results = sent[0]
        accepted = {r["id"] for r in results if r["status"] == 202}
        waited = wait_stored(channel.pk, prefix, accepted, args.wait, supervise)
        report_phase(f"outage: {args.deliveries} deliveries at {args.rate:g}/s, broker stopped "
                     f"{args.outage:g} s from {begins:.0f} s in", results, channel.pk, prefix,
                     (outage[0], outage[1]))
        print(f"(waited {waited:.0f} s after the last send)")
        print(f"worker exits restarted (as docker-compose's restart policy would): "
              f"{len(restarts)}" + (f"; logs in {scratch}" if restarts else ""))
    finally:
        if worker:
            worker.kill()
        for process in processes:
            stop_group(process)
        redis_server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
