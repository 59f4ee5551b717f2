"""Ingest throughput through the signed JSON webhook, with a real Celery worker.

    .venv/bin/python bench/ingest_bench.py [--comments 500] [--batch 50] [--concurrency 2]

Posts signed batches to /webhooks/channels/<id>/ through Django's request handler, while a
real `celery worker` process (the project's app and broker) turns the stored deliveries into
screened items. Prints how fast requests were accepted and how fast comments became screened
items (end to end: first request to last item screened), against three bare baselines
measured in the same run: a view that checks the same signature and INSERTs the same comments
into a plain table, through the same request handler, (1) a statement per comment each
committed on its own, as a plain Django view does, (2) a statement per comment in one
transaction, (3) one multi-row INSERT. With --latency N it also sends N single comments one
at a time at light load and prints the 50th and 95th percentile from request to screened item.

The database and broker are the configured ones: by default a throwaway SQLite file and the
filesystem broker in a temporary folder; with DATABASE_URL / REDIS_URL set, PostgreSQL / Redis
(use a database you can spare: the benchmark adds a channel and its items, then removes them).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEXTS = [
    "Thank you for the report on GP waiting times, really useful.",
    "My mum lives at 14 Mulgrave Road, SM2 6LP, ring me on 07700 900077.",
    "You lot are useless idiots, absolute waste of money",
    "Want to earn £500 a week from home? DM me for details",
    "The new St Helier parking is a shambles, nobody answers the phone.",
    "Email me at jo dot bloggs at example dot com about the survey",
    "Great to see Healthwatch at the Sutton library event on Saturday!",
    "What the f*ck is going on with the pharmacy queues",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--latency", type=int, default=0,
                        help="single comments sent one at a time for the latency percentiles")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="hws-ingest-bench-"))
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = "hws_engage.settings"
    os.environ.update(env)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    _serve_bare_view()

    if not settings.REDIS_URL:
        # A private broker folder, so no other worker on this machine takes the tasks.
        queue = scratch / "broker"
        (queue / "queue").mkdir(parents=True)
        (queue / "processed").mkdir()
        settings.CELERY_BROKER_TRANSPORT_OPTIONS.update(
            data_folder_in=str(queue / "queue"), data_folder_out=str(queue / "queue"),
            processed_folder=str(queue / "processed"))
        from hws_engage.celery import app

        app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        env["HWS_BENCH_BROKER_DIR"] = str(queue)

    call_command("migrate", verbosity=0)
    from moderation.intake.webhooks import signature_for
    from moderation.models import Channel, Item, WebhookDelivery

    db = settings.DATABASES["default"]
    print(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} "
          f"({db['NAME'] if 'sqlite' in db['ENGINE'] else db.get('HOST') or 'local'})")
    print(f"broker:   {'redis' if settings.REDIS_URL else 'filesystem (kombu, no server)'}")

    channel = Channel.objects.create(platform="website", name=f"bench {uuid.uuid4().hex[:8]}")
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "celery", "-A", "bench.ingest_bench_app", "worker",
         "--loglevel=WARNING", f"--concurrency={args.concurrency}", "--pool=prefork",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(4)  # let the worker connect before the clock starts
        if worker.poll() is not None:
            print(worker.stderr.read())
            return 1
        client = Client(HTTP_HOST="localhost")
        run = uuid.uuid4().hex[:8]
        bodies = []
        for start in range(0, args.comments, args.batch):
            comments = [
                {"id": f"{run}-{n}", "author_id": f"a{n % 40}", "author_name": f"Author {n % 40}",
                 "text": TEXTS[n % len(TEXTS)], "posted_at": "2026-11-24T14:05:00Z",
                 "permalink": f"https://example.org/c/{n}"}
                for n in range(start, min(start + args.batch, args.comments))
            ]
            body = json.dumps({"comments": comments}).encode()
            bodies.append((body, signature_for(channel.webhook_secret, body)))

        # A server that has answered once: the first request imports every view (about a
        # second), which is start-up, not ingest.
        client.get("/healthz")
        started = time.perf_counter()
        for body, signature in bodies:
            response = client.post(f"/webhooks/channels/{channel.pk}/", body,
                                   content_type="application/json",
                                   headers={"X-HWS-Signature": signature})
            assert response.status_code == 202, (response.status_code, response.content[:300])
        accepted = time.perf_counter() - started
        deadline = time.monotonic() + args.timeout
        done = 0
        while time.monotonic() < deadline:
            done = Item.objects.filter(channel=channel, screened_at__isnull=False).count()
            if done >= args.comments:
                break
            time.sleep(0.05)
        finished = time.perf_counter() - started

        print(f"comments: {args.comments} in {len(bodies)} signed requests of {args.batch}; "
              f"worker: {args.concurrency} prefork processes")
        print(f"accepted by the webhook: {accepted:.2f} s  "
              f"({args.comments / accepted:,.0f} comments/s, "
              f"{len(bodies) / accepted:,.1f} requests/s)")
        if done < args.comments:
            print(f"TIMED OUT: {done} of {args.comments} screened after {args.timeout:.0f} s")
            return 1
        findings = Item.objects.filter(channel=channel, severity__gt=0).count()
        print(f"stored and screened:     {finished:.2f} s  "
              f"({args.comments / finished:,.0f} comments/s end to end; "
              f"{findings} items with findings)")
        for way, label in (("autocommit", "one INSERT per comment, each committed"),
                           ("each", "one INSERT per comment, one transaction"),
                           ("multirow", "one multi-row INSERT per request")):
            bare = _bare_baseline(client, channel, bodies, way)
            print(f"bare baseline, {label}: {bare:.2f} s  ({args.comments / bare:,.0f} "
                  f"comments/s)  RATIO end to end / bare: {bare / finished:.2f}x")
        if args.latency:
            _latency(client, channel, args.latency, args.timeout)
        return 0
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        Item.objects.filter(channel=channel).delete()
        WebhookDelivery.objects.filter(channel=channel).delete()
        channel.authors.all().delete()
        channel.delete()
        shutil.rmtree(scratch, ignore_errors=True)


def _bare_baseline(client, channel, bodies, way: str) -> float:
    """Seconds for the bare view to take every body: signature, JSON, the INSERT(s)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare_comment")
        cursor.execute("CREATE TABLE bench_bare_comment (channel_id integer, "
                       "platform_item_id varchar(255), author_id varchar(255), "
                       "author_name varchar(255), text text, posted_at varchar(40), "
                       "permalink varchar(500))")
    try:
        started = time.perf_counter()
        for body, signature in bodies:
            response = client.post(f"/bench/bare/{channel.pk}/{way}/", body,
                                   content_type="application/json",
                                   headers={"X-HWS-Signature": signature})
            assert response.status_code == 202, response.status_code
        return time.perf_counter() - started
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bench_bare_comment")


def _latency(client, channel, count: int, timeout: float) -> None:
    from moderation.intake.webhooks import signature_for
    from moderation.models import Item

    run = uuid.uuid4().hex[:8]
    times = []
    for n in range(count):
        body = json.dumps({"id": f"{run}-single-{n}", "author_id": "a1", "author_name": "A",
                           "text": TEXTS[n % len(TEXTS)],
                           "posted_at": "2026-11-24T14:05:00Z"}).encode()
        started = time.perf_counter()
        client.post(f"/webhooks/channels/{channel.pk}/", body, content_type="application/json",
                    headers={"X-HWS-Signature": signature_for(channel.webhook_secret, body)})
        deadline = time.monotonic() + timeout
        while not Item.objects.filter(channel=channel, platform_item_id=f"{run}-single-{n}",
                                      screened_at__isnull=False).exists():
            if time.monotonic() > deadline:
                print(f"TIMED OUT waiting for single comment {n}")
                return
            time.sleep(0.002)
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(0.05)  # light load: one comment at a time
    times.sort()
    print(f"single comment, request to screened item ({count} one at a time): "
          f"p50 {times[len(times) // 2]:.0f} ms, p95 {times[int(len(times) * 0.95) - 1]:.0f} ms")


def bare_view(request, channel_id: int, way: str):
    """The baseline: the same signature check, then the comments INSERTed, nothing else."""
    from django.db import connection, transaction
    from django.http import JsonResponse

    from moderation.intake.webhooks import signature_matches
    from moderation.models import Channel

    channel = Channel.objects.get(pk=channel_id)
    if not signature_matches(channel.webhook_secret, request.body,
                             request.headers.get("X-HWS-Signature")):
        return JsonResponse({"error": "signature"}, status=403)
    comments = json.loads(request.body)["comments"]
    rows = [(channel_id, c["id"], c["author_id"], c["author_name"], c["text"], c["posted_at"],
             c.get("permalink", "")) for c in comments]
    if way == "autocommit":  # a plain Django view: autocommit, each statement its own commit
        with connection.cursor() as cursor:
            for row in rows:
                cursor.execute(
                    "INSERT INTO bench_bare_comment VALUES (%s, %s, %s, %s, %s, %s, %s)", row)
        return JsonResponse({"accepted": len(comments)}, status=202)
    with transaction.atomic(), connection.cursor() as cursor:
        if way == "multirow":  # the fastest plain way
            cursor.execute(
                "INSERT INTO bench_bare_comment VALUES "
                + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows)),
                [value for row in rows for value in row])
        else:  # what a plain view does: a statement per comment, one transaction
            cursor.executemany(
                "INSERT INTO bench_bare_comment VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
    return JsonResponse({"accepted": len(comments)}, status=202)


def _serve_bare_view() -> None:
    from bare_urls import serve_beside_the_project
    from django.contrib.auth.decorators import login_not_required
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    bare = login_not_required(csrf_exempt(bare_view))
    serve_beside_the_project("ingest_bench_urls",
                             path("bench/bare/<int:channel_id>/<str:way>/", bare))


if __name__ == "__main__":
    sys.exit(main())
