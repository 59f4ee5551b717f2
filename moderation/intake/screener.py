"""The screening engine, fed with the word lists moderators keep in the database.

Building a Screener compiles every list into patterns, so each process keeps the one it built
and rebuilds it only when the lists change. The shared cache holds a version stamp that any
change to a ScreeningWord replaces, so every web process and worker notices.
"""

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

from screening import Screener, WordLists

from ..models import ScreeningWord

VERSION_KEY = "moderation:screening-words-version"

_lock = threading.Lock()
_built: tuple[str, Screener] | None = None
_pinned: ContextVar[Screener | None] = ContextVar("pinned_screener", default=None)


def wordlists_from_db() -> WordLists:
    rows = ScreeningWord.objects.values_list("list", "characteristic", "text")
    return WordLists.from_entries(
        (name, characteristic or None, text) for name, characteristic, text in rows
    )


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


@contextmanager
def one_screener() -> Iterator[Screener]:
    """Within it, every comment is screened with the screener current when it began: a task
    that carries many deliveries checks the word-list version once, not once a comment. A
    change to the lists applies from the next task."""
    token = _pinned.set(current_screener())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def current_screener() -> Screener:
    global _built
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    version = _version()
    built = _built
    if built is not None and built[0] == version:
        return built[1]
    with _lock:
        if _built is None or _built[0] != version:
            _built = (version, Screener(wordlists_from_db()))
        return _built[1]


def word_lists_changed() -> None:
    """Call after any change to the word lists (signals do it for ORM saves and deletes)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
