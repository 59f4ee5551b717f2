"""Fixtures for the fault tests (marker `faults`): a Redis of their own on a free port, real
Celery workers in their own processes against the test database, signed deliveries sent
through Django's request handler with the project's Celery app publishing to that Redis, and
the sweep run as beat runs it.

They need PostgreSQL: a worker in another process must see the rows a test commits, which the
embedded SQLite file of the test run does not offer. On SQLite they are skipped with that reason;
CI runs them in its PostgreSQL run.
"""

import json
import os
import shutil
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from hws_engage.celery import app as hws_celery_app
from moderation.intake.services import WAITING_AFTER
from moderation.intake.webhooks import signature_for
from moderation.models import Item, WebhookDelivery
from moderation.tasks import process_waiting_deliveries

from .support import RedisServer, Worker, database_url, wait_for

META_SECRET = "meta-app-secret-for-the-fault-tests"


@pytest.fixture(scope="module", autouse=True)
def _postgresql_and_redis_server():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("fault tests run on PostgreSQL only (set DATABASE_URL): a worker in "
                    "another process must see the rows each test commits")
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed; CI needs it for the fault tests.")
        pytest.skip("redis-server is not installed: apt-get install redis-server")


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory, _postgresql_and_redis_server):
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def start_worker(django_db_setup, redis_server, tmp_path_factory):
    """Start a real worker (several may run, one after another); all are killed at the end."""
    folder = tmp_path_factory.mktemp("workers")
    started: list[Worker] = []

    def _start(concurrency: int = 2) -> Worker:
        worker = Worker(folder, database_url(connection.settings_dict), redis_server.url,
                        concurrency=concurrency)
        started.append(worker)
        return worker.start()

    yield _start
    for worker in started:
        worker.kill()


@pytest.fixture
def app_on_fault_redis(redis_server, settings):
    """This process's Celery app really sends its tasks, to the fault tests' Redis, with the
    settings' options for Redis (those of the filesystem broker when the run has no Redis); and
    its cache is that Redis too, as the web and the worker share one Redis in production (one
    delivery task carries many through a key in that cache)."""
    settings.REDIS_URL = redis_server.url
    settings.CACHES = {"default": {
        "BACKEND": "core.cache.FallbackRedisCache", "LOCATION": redis_server.url,
        "KEY_PREFIX": "hws", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}
    app = hws_celery_app
    saved = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    if not settings.REDIS_URL:
        app.conf.broker_transport_options = {}
    app._after_fork()  # drop pooled connections to any other broker
    yield app
    app.conf.broker_url, app.conf.broker_transport_options = saved
    app._after_fork()


@pytest.fixture
def meta_secret(settings):
    settings.META_APP_SECRET = META_SECRET
    return META_SECRET


@pytest.fixture
def send(client, meta_secret):
    """Send signed deliveries through the request handler, as a platform does."""

    class Sender:
        @staticmethod
        def channel(channel, payload=None, *, body: bytes | None = None):
            raw = body if body is not None else json.dumps(payload).encode()
            return client.post(
                f"/webhooks/channels/{channel.pk}/", raw, content_type="application/json",
                headers={"X-HWS-Signature": signature_for(channel.webhook_secret, raw)},
            )

        @staticmethod
        def meta(payload=None, *, body: bytes | None = None):
            raw = body if body is not None else json.dumps(payload).encode()
            return client.post(
                "/webhooks/meta/", raw, content_type="application/json",
                headers={"X-Hub-Signature-256": signature_for(meta_secret, raw)},
            )

    return Sender()


def sweep() -> None:
    """The sweep of waiting deliveries, run as beat runs it once they are old enough for it."""
    later = timezone.now() + WAITING_AFTER + timedelta(seconds=5)
    with time_machine.travel(later, tick=True):
        process_waiting_deliveries.apply()


def settled(delivery: WebhookDelivery) -> bool:
    """Processed, or failed with its error recorded for a moderator to retry: not waiting."""
    return delivery.processed_at is not None or delivery.failed_at is not None


def waiting() -> list[WebhookDelivery]:
    return [d for d in WebhookDelivery.objects.order_by("pk") if not settled(d)]


def wait_until_settled(*, timeout: float) -> None:
    wait_for(lambda: not waiting(), timeout=timeout, every=0.2,
             what=lambda: "every delivery to be processed or recorded as failed; still "
                          f"waiting: {[d.pk for d in waiting()]}")


def assert_stored_exactly_once(channel, ids: list[str], *, others_at_most: int = 0) -> None:
    """Every comment in `ids` is one item of `channel`, and the channel holds at most
    `others_at_most` items besides (a poison comment stored once it was made storable)."""
    assert len(ids) == len(set(ids)), "the test sent a comment id twice"
    stored = Counter(
        Item.objects.filter(channel=channel).values_list("platform_item_id", flat=True))
    missing = set(ids) - set(stored)
    doubled = {i for i, n in stored.items() if n > 1}
    extra = set(stored) - set(ids)
    assert not missing, f"{len(missing)} accepted comments never stored: {sorted(missing)[:10]}"
    assert not doubled, f"stored twice: {sorted(doubled)[:10]}"
    assert len(extra) <= others_at_most, f"stored but never sent: {sorted(extra)[:10]}"
