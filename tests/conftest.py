"""Fixtures for the whole suite: clean cache and inline tasks for every test, fast password
hashing, sign-in on the test client, a real Celery worker for the tests that ask for one, and
the browser fixtures (Playwright driving Debian's Chromium against live_server).

The browser fixtures live here, once, because Playwright's sync API allows one running instance
per process: a session fixture defined in several conftest files would start several.
`playwright install` cannot download browsers here, so the system binary is used; outside CI a
missing Chromium skips the browser tests with the reason, in CI (CI=true) it fails them.
"""

import os
import shutil
from pathlib import Path

import pytest

# The real in-process worker (`celery_worker`) for tests that need one; no plugin registers
# these fixtures, so they are imported here. `celery_config` below configures it.
from celery.contrib.pytest import (  # noqa: F401
    celery_app,
    celery_enable_logging,
    celery_includes,
    celery_parameters,
    celery_worker,
    celery_worker_parameters,
    celery_worker_pool,
    use_celery_app_trap,
)
from django.core.cache import cache
from django.test.utils import override_settings

from hws_engage.celery import app as hws_celery_app
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET
from tests.totp import current_code

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session", autouse=True)
def _private_cache():
    """Without Redis the app's cache is a folder under var/ that a running `dev.py run` (or a
    second test run) shares: tests keep theirs in memory, so neither clears the other's."""
    if os.environ.get("REDIS_URL"):
        yield
        return
    with override_settings(CACHES={"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        yield


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks():
    """Rate-limit counters and used 2FA codes live in the cache: start every test clean.
    Tasks run inline unless a test asks for a real worker (see `celery_config`)."""
    cache.clear()
    hws_celery_app.conf.task_always_eager = True
    hws_celery_app.conf.task_eager_propagates = True
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make many people; Argon2 for each would make the suite slow, and hashing is not
    what they test (production keeps Argon2 first: hws_engage/settings.py)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM must stay usable from
    # the test body. Set only while browser tests run, never in a deployment.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (apt-get install chromium); CI needs it.")
        pytest.skip("Chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def _shot(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


@pytest.fixture
def screening_words(db):
    """The default word lists, for transactional tests: the migrations seeded them, but a
    transactional test before this one may have emptied the table."""
    from moderation.intake.screener import word_lists_changed
    from moderation.models import ScreeningWord
    from screening import default_wordlists

    if not ScreeningWord.objects.exists():
        ScreeningWord.objects.bulk_create(
            [ScreeningWord(list=name, characteristic=c or "", text=text)
             for name, c, text in default_wordlists().entries()],
            ignore_conflicts=True,
        )
    word_lists_changed()


@pytest.fixture
def both_widths(screenshot):
    """Photograph the page at 1280 and at 390 px wide; at 390 it must not scroll sideways."""

    def _both(page, name: str) -> None:
        screenshot(page, f"{name}-1280")
        page.set_viewport_size({"width": 390, "height": 844})
        screenshot(page, f"{name}-390")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} too wide"
        page.set_viewport_size({"width": 1280, "height": 900})

    return _both


@pytest.fixture
def sign_in():
    """Sign in through the real pages, answering the two-factor step when it comes."""

    def _sign_in(page, user, password: str = TEST_PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign In").click()
        if "/accounts/2fa/authenticate" in page.url:
            page.locator("input[name=code]").fill(current_code(TEST_TOTP_SECRET))
            page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()

    return _sign_in
