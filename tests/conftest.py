import os

import pytest
from django.core.cache import cache

from hws_engage.celery import app as celery_app


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks():
    """Rate-limit counters and used 2FA codes live in the cache: start every test clean.
    Tasks run inline unless a test asks for a real worker (see `celery_config`)."""
    cache.clear()
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    cache.clear()


@pytest.fixture(scope="session")
def celery_config():
    """For tests that use celery.contrib.pytest's real in-process worker."""
    broker = os.environ.get("REDIS_URL") or "memory://"
    return {"broker_url": broker, "result_backend": "cache+memory://",
            "task_always_eager": False}


@pytest.fixture
def login(client):
    """Sign `user` in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
