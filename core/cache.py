"""The shared cache (Redis) that keeps the site working while Redis is down.

The cache holds allauth's rate-limit counters and the screening lists' version. With plain
RedisCache a stopped Redis made every sign-in (and every saved screening word) answer 500. Here
a Redis that cannot be reached is logged (once a minute per process) and the call goes to a
small in-process memory cache instead: rate limits still count, per process rather than across
them, until Redis is back. Nothing in the cache is the only copy of anything.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

WARN_EVERY_SECONDS = 60


class _FallbackClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._local = LocMemCache("hws-cache-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._warned_at: float | None = None

    def _either(self, name, *args):
        try:
            return getattr(super(), name)(*args)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as error:
            now = time.monotonic()
            if self._warned_at is None or now - self._warned_at >= WARN_EVERY_SECONDS:
                self._warned_at = now
                logger.warning(
                    "The cache (Redis) cannot be reached (%s): using this process's memory; "
                    "rate limits count per process until it is back.", error,
                )
            return getattr(self._local, name)(*args)

    def add(self, key, value, timeout):
        return self._either("add", key, value, timeout)

    def get(self, key, default):
        return self._either("get", key, default)

    def set(self, key, value, timeout):
        return self._either("set", key, value, timeout)

    def touch(self, key, timeout):
        return self._either("touch", key, timeout)

    def delete(self, key):
        return self._either("delete", key)

    def get_many(self, keys):
        return self._either("get_many", keys)

    def has_key(self, key):
        return self._either("has_key", key)

    def incr(self, key, delta):
        return self._either("incr", key, delta)

    def set_many(self, data, timeout):
        return self._either("set_many", data, timeout)

    def delete_many(self, keys):
        return self._either("delete_many", keys)

    def clear(self):
        return self._either("clear")


class FallbackRedisCache(RedisCache):
    """RedisCache that falls back to process memory while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _FallbackClient
